import fs from 'node:fs';

/**
 * `--engine mermaid`: renders the emitted Mermaid with @mermaid-js/mermaid-cli in a Chromium found on
 * this machine. Both are optional: users who never ask for this engine never load a browser.
 */
export class MissingEngineError extends Error {}

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'];

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];

/** CHROME_PATH, then PUPPETEER_EXECUTABLE_PATH, then the usual install locations. */
export function findChromium(env: NodeJS.ProcessEnv = process.env, exists: (p: string) => boolean = fs.existsSync, candidates = CANDIDATES): string | undefined {
  for (const p of [env.CHROME_PATH, env.PUPPETEER_EXECUTABLE_PATH, ...candidates]) {
    if (p && exists(p)) return p;
  }
  return undefined;
}

interface Browserish { close(): Promise<void> }
type RenderMermaid = (browser: Browserish, definition: string, format: 'svg' | 'png', opts: Record<string, unknown>) => Promise<{ data: Uint8Array }>;

export interface MermaidEngine {
  render(definition: string, format: 'svg' | 'png', scale: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** Starts one browser for the whole build (mermaid-cli's own CLI starts one per diagram). */
export async function startMermaidEngine(): Promise<MermaidEngine> {
  let cli: { renderMermaid: RenderMermaid };
  let puppeteer: { launch(o: Record<string, unknown>): Promise<Browserish> };
  try {
    cli = (await import('@mermaid-js/mermaid-cli' as string)) as { renderMermaid: RenderMermaid };
    const mod = (await import('puppeteer' as string)) as { default?: typeof puppeteer } & typeof puppeteer;
    puppeteer = mod.default ?? mod;
  } catch {
    throw new MissingEngineError('--engine mermaid needs the optional package @mermaid-js/mermaid-cli: run `PUPPETEER_SKIP_DOWNLOAD=1 npm install @mermaid-js/mermaid-cli`');
  }
  const executablePath = findChromium();
  if (!executablePath) throw new MissingEngineError('--engine mermaid needs Chromium: install it (e.g. `apt-get install chromium`) or set CHROME_PATH to a Chrome/Chromium binary');
  const browser = await puppeteer.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  return {
    async render(definition, format, scale) {
      const { data } = await cli.renderMermaid(browser, definition, format, { backgroundColor: 'white', mermaidConfig: { securityLevel: 'strict' }, viewport: { width: 1200, height: 800, deviceScaleFactor: scale } });
      return data;
    },
    close: () => browser.close(),
  };
}
