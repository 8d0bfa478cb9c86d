/**
 * `--engine mermaid`: renders the emitted Mermaid with @mermaid-js/mermaid-cli in a Chromium found on
 * this machine. Both are optional: users who never ask for this engine never load a browser.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { escapeXml } from './escape.js';
import { bundledFonts } from './png.js';
import { importPackage } from '../runtime/import-package.js';
import { MissingEngineError } from './engine-error.js';

export { MissingEngineError };

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'];

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];

/** CHROME_PATH, then PUPPETEER_EXECUTABLE_PATH, then the usual install locations. */
export function findChromium(env: NodeJS.ProcessEnv = process.env, exists: (p: string) => boolean = fs.existsSync, candidates = CANDIDATES): string | undefined {
  for (const name of ['CHROME_PATH', 'PUPPETEER_EXECUTABLE_PATH'] as const) {
    const p = env[name];
    // A path the user set on purpose is used or reported, never silently replaced by another browser.
    if (p) {
      if (exists(p)) return p;
      throw new MissingEngineError(`${name} is set to ${p}, which does not exist; point it at a Chrome/Chromium binary or unset it`);
    }
  }
  return candidates.find((p) => exists(p));
}

interface Pageish { setDefaultTimeout(ms: number): void }
interface Browserish { close(): Promise<void>; newPage(): Promise<Pageish> }

/**
 * How long one step of a render may take in the browser. Puppeteer's own defaults (30 s to load a
 * page, 180 s for a protocol call) fail a CI build on a loaded machine although nothing hangs.
 */
const BROWSER_STEP_MS = 600_000;
type RenderMermaid = (browser: Browserish, definition: string, format: 'svg' | 'png', opts: Record<string, unknown>) => Promise<{ data: Uint8Array }>;

export interface MermaidEngine {
  render(definition: string, format: 'svg' | 'png', scale: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

/**
 * Servers rarely have CJK fonts. A fontconfig file that adds the bundled font's folder to the
 * system's makes a Chromium started with `env` measure and draw Chinese labels with it (CSS fonts
 * would load too late for Mermaid's text measurement). `dispose` removes the file once the browser is closed.
 */
export function bundledFontConfig(): { env: { FONTCONFIG_FILE: string }; dispose: () => void } {
  const confDir = fs.mkdtempSync(path.join(os.tmpdir(), 'journeyflow-fonts-'));
  const conf = path.join(confDir, 'fonts.conf');
  fs.writeFileSync(conf, `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n  <dir>${escapeXml(path.dirname(bundledFonts()[0]))}</dir>\n  <cachedir>${escapeXml(confDir)}</cachedir>\n</fontconfig>\n`);
  return { env: { FONTCONFIG_FILE: conf }, dispose: () => fs.rmSync(confDir, { recursive: true, force: true }) };
}

/** Starts one browser for the whole build (mermaid-cli's own CLI starts one per diagram). */
export async function startMermaidEngine(): Promise<MermaidEngine> {
  let cli: { renderMermaid: RenderMermaid };
  let puppeteer: { launch(o: Record<string, unknown>): Promise<Browserish> };
  try {
    cli = await importPackage<{ renderMermaid: RenderMermaid }>('@mermaid-js/mermaid-cli');
    const mod = await importPackage<{ default?: typeof puppeteer } & typeof puppeteer>('puppeteer');
    puppeteer = mod.default ?? mod;
  } catch {
    throw new MissingEngineError('--engine mermaid needs the optional package @mermaid-js/mermaid-cli: run `PUPPETEER_SKIP_DOWNLOAD=1 npm install @mermaid-js/mermaid-cli`');
  }
  const executablePath = findChromium();
  if (!executablePath) throw new MissingEngineError('--engine mermaid needs Chromium: install it (e.g. `apt-get install chromium`) or set CHROME_PATH to a Chrome/Chromium binary');
  const fonts = bundledFontConfig();
  const launched = await puppeteer.launch({ executablePath, headless: true, args: CHROMIUM_ARGS, env: { ...process.env, ...fonts.env }, protocolTimeout: BROWSER_STEP_MS });
  // mermaid-cli opens its own page per diagram; each gets the same patience as the protocol calls.
  const browser: Browserish = {
    close: () => launched.close(),
    newPage: async () => { const page = await launched.newPage(); page.setDefaultTimeout(BROWSER_STEP_MS); return page; },
  };
  return {
    async render(definition, format, scale) {
      const { data } = await cli.renderMermaid(browser, definition, format, { backgroundColor: 'white', mermaidConfig: { securityLevel: 'strict' }, viewport: { width: 1200, height: 800, deviceScaleFactor: scale } });
      return data;
    },
    close: async () => {
      await browser.close();
      fonts.dispose();
    },
  };
}
