import { defineConfig } from 'vitepress';
import journeyflow from 'journeyflow/markdown-it';
// @ts-expect-error plain ESM helper shared by the test sites
import { journeyflowOptions } from '../../site-options.mjs';

export default defineConfig({
  title: 'journeyflow on VitePress',
  // The broken page is built only by the test that expects the build to fail.
  srcExclude: process.env.JF_SITE_BROKEN ? [] : ['broken.md'],
  markdown: {
    config: (md) => {
      md.use(journeyflow, journeyflowOptions('vitepress'));
    },
  },
});
