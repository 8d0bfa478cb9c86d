// The journeyflow plugin options both test sites share (each site's recipe passes them as the README shows).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SITES = path.dirname(fileURLToPath(import.meta.url));

/** `root` is test/sites, so both sites read the shared diagrams/ folder; the cache folder comes from the test. */
export function journeyflowOptions(site, extra = {}) {
  return {
    root: SITES,
    fsPath: path.join(site, 'public', 'journeyflow'),
    webPath: '/journeyflow',
    dark: 'dark',
    // Only the wide journey map (2 000 px) gets the enlarge button; the flows fit the column.
    zoom: 700,
    cache: process.env.JF_SITE_CACHE || false,
    // bench/sites.mjs also builds the VitePress site with strategy 'file'.
    ...(process.env.JF_SITE_STRATEGY ? { strategy: process.env.JF_SITE_STRATEGY } : {}),
    ...extra,
  };
}
