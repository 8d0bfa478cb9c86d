/**
 * Which journeyflow runs the language server. In order:
 * 1. the `journeyflow.server.path` setting (a launcher file, or a journeyflow package folder);
 * 2. the workspace's own `node_modules/journeyflow` (what `node_modules/.bin/journeyflow` runs),
 *    so the editor checks with the version the project builds with;
 * 3. the copy of journeyflow packed into the extension (`server/`), so the extension works in a
 *    workspace that has not installed journeyflow.
 * 1 and 2 run code from the workspace, so they are used only in a trusted workspace. Whichever it
 * is, VS Code's own Node runs it (vscode-languageclient forks the launcher as a module): no `node`
 * on PATH needed, and no shell shims (`.bin/journeyflow.cmd` on Windows) in between.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type LauncherSource = 'setting' | 'workspace' | 'bundled';

export interface Launcher {
  /** The JavaScript file to run (journeyflow's `bin/journeyflow.js`). */
  module: string;
  source: LauncherSource;
  /** Why an earlier choice was passed over (a setting naming nothing, say), for the output channel. */
  notes: string[];
}

export interface LauncherInputs {
  /** `journeyflow.server.path` ('' when unset). */
  setting: string;
  /** Folders of the workspace. */
  folders: readonly string[];
  /** Whether the workspace is trusted to run its own code. */
  trusted: boolean;
  /** The extension's install folder. */
  extensionDir: string;
}

const isFile = (p: string) => { try { return fs.statSync(p).isFile(); } catch { return false; } };

/** The `journeyflow` bin of a package folder (from its package.json), if it has one. */
function packageBin(dir: string): string | undefined {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; bin?: string | Record<string, string> };
    if (pkg.name !== 'journeyflow') return undefined;
    const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin?.journeyflow;
    const file = bin && path.resolve(dir, bin);
    return file && isFile(file) ? file : undefined;
  } catch {
    return undefined;
  }
}

/** The launcher a `journeyflow.server.path` names: a file as it is, a folder through its package.json. */
function fromSetting(setting: string, folders: readonly string[]): string | undefined {
  const expanded = setting.replace(/^~(?=$|[\\/])/, os.homedir());
  const abs = path.isAbsolute(expanded) ? expanded : path.resolve(folders[0] ?? process.cwd(), expanded);
  return isFile(abs) ? abs : packageBin(abs);
}

export function findLauncher(inputs: LauncherInputs): Launcher {
  const notes: string[] = [];
  const setting = inputs.setting.trim();
  if (setting && !inputs.trusted) notes.push(`journeyflow.server.path is ignored in an untrusted workspace`);
  else if (setting) {
    const module = fromSetting(setting, inputs.folders);
    if (module) return { module, source: 'setting', notes };
    notes.push(`journeyflow.server.path "${setting}" is neither a file nor a journeyflow package folder`);
  }
  if (inputs.trusted) {
    for (const folder of inputs.folders) {
      const module = packageBin(path.join(folder, 'node_modules', 'journeyflow'));
      if (module) return { module, source: 'workspace', notes };
    }
  } else if (inputs.folders.length) notes.push('the workspace is not trusted: its node_modules/journeyflow is not run');
  return { module: path.join(inputs.extensionDir, 'server', 'bin', 'journeyflow.js'), source: 'bundled', notes };
}
