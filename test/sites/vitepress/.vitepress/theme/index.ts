import DefaultTheme from 'vitepress/theme';
import 'journeyflow/plugins.css';

export default DefaultTheme;
