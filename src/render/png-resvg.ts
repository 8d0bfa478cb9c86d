import fs from 'node:fs';
import { createRequire } from 'node:module';

export type ResvgModule = typeof import('@resvg/resvg-js');
type ResvgOptions = ConstructorParameters<ResvgModule['Resvg']>[1];
/** The native binding's class: resvg-js's own index.js wraps it to pass the options as JSON. */
type NativeResvg = new (svg: string | Buffer, options?: string) => InstanceType<ResvgModule['Resvg']>;

const require = createRequire(import.meta.url);

/** resvg-js's native packages for glibc Linux, and the musl loader whose presence rules them out. */
const GLIBC_PACKAGES: Record<string, { name: string; muslLoader: string }> = {
  x64: { name: '@resvg/resvg-js-linux-x64-gnu', muslLoader: '/lib/ld-musl-x86_64.so.1' },
  arm64: { name: '@resvg/resvg-js-linux-arm64-gnu', muslLoader: '/lib/ld-musl-aarch64.so.1' },
};

/**
 * resvg-js's `Resvg`. On glibc Linux its native package is loaded directly (resolved from
 * resvg-js's own folder, as its loader would): that loader first asks `process.report.getReport()`
 * whether the C library is musl, a whole diagnostic report, ~8 ms of CPU in every process that
 * draws a PNG. Anywhere else, or when that package is missing or does not load, resvg-js's own
 * loader decides.
 */
export function loadResvg(): Pick<ResvgModule, 'Resvg'> {
  const glibc = process.platform === 'linux' ? GLIBC_PACKAGES[process.arch] : undefined;
  if (glibc && !fs.existsSync(glibc.muslLoader)) {
    try {
      const native = (createRequire(require.resolve('@resvg/resvg-js'))(glibc.name) as { Resvg: NativeResvg }).Resvg;
      // What resvg-js's index.js does with the options before they reach the binding.
      class Resvg extends native {
        constructor(svg: string | Buffer, options?: ResvgOptions) {
          super(svg, JSON.stringify(options));
        }
      }
      return { Resvg: Resvg as unknown as ResvgModule['Resvg'] };
    } catch {
      // Not installed beside resvg-js, or not loadable on this system: its own loader knows better.
    }
  }
  return require('@resvg/resvg-js') as ResvgModule;
}
