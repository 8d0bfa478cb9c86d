import { defineConfig } from 'astro/config';
import rehypeJourneyflow from 'journeyflow/rehype';
import { journeyflowOptions } from '../site-options.mjs';

export default defineConfig({
  // The broken page is built only by the test that expects the build to fail.
  srcDir: process.env.JF_SITE_BROKEN ? './broken' : './src',
  outDir: process.env.JF_SITE_BROKEN ? './dist-broken' : './dist',
  markdown: {
    // Shiki must leave journeyflow blocks alone, so the plugin sees them as code.
    syntaxHighlight: { type: 'shiki', excludeLangs: ['journeyflow', 'math'] },
    rehypePlugins: [[rehypeJourneyflow, journeyflowOptions('astro', { darkScheme: 'media' })]],
  },
});
