/**
 * The VS Code extension (editors/vscode) as it ships: the .vsix is built and packaged with
 * @vscode/vsce, unpacked to a folder with no node_modules in reach, and its bundled
 * dist/extension.js is activated against test/editor/vscode-fake.ts (VS Code itself cannot be
 * downloaded here). vscode-languageclient inside the bundle starts the journeyflow packed into
 * the .vsix (server/), a real `journeyflow lsp` process, and the test reads what VS Code would show.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fixture, ROOT, tmpDir } from '../support/cli.js';
import { installNpmFolder } from '../support/npm-folder.js';
import { FLOW, JOURNEY, ONSITE } from '../lsp/fixtures.js';
// The test double loads vscode-uri from editors/vscode, installed in beforeAll: imported there.
import type { Diagnostic, FakeTextDocument, WorkspaceEdit } from './vscode-fake.js';

let Fake: typeof import('./vscode-fake.js');

const EXTENSION = path.join(ROOT, 'editors', 'vscode');
const MANIFEST = JSON.parse(fs.readFileSync(path.join(EXTENSION, 'package.json'), 'utf8'));
const VSIX_NAME = `${MANIFEST.name}-${MANIFEST.version}.vsix`;
/** Where the unpacked extension finds `vscode`: the fake, set on globalThis before activation. */
const FAKE_KEY = 'journeyflow.test.vscode';

interface Api {
  launcher: { module: string; source: string; notes: string[] };
  preview(): { shown: Promise<unknown> } | undefined;
}
interface ExtensionModule {
  activate(context: unknown): Promise<Api>;
  deactivate(): Promise<void>;
  findLauncher(inputs: { setting: string; folders: string[]; trusted: boolean; extensionDir: string }): { module: string; source: string; notes: string[] };
  PREVIEW_COMMAND: string;
}

/** Builds the .vsix as CI does (`npm run package` in editors/vscode), into `dir`. */
async function packageVsix(dir: string): Promise<string> {
  const installed = ['@vscode/vsce', 'vscode-languageclient', 'vscode-uri'].every((p) => fs.existsSync(path.join(EXTENSION, 'node_modules', p, 'package.json')));
  await installNpmFolder(EXTENSION, 'the VS Code extension\'s build tools', () => installed);
  const out = path.join(dir, VSIX_NAME);
  const built = spawnSync(process.execPath, [path.join(EXTENSION, 'scripts', 'build.mjs'), '--vsix', '--out', out], { cwd: EXTENSION, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`packaging the extension failed:\n${built.stdout}\n${built.stderr}`);
  return out;
}

async function unpack(zip: JSZip, dir: string): Promise<void> {
  for (const [name, entry] of Object.entries(zip.files)) {
    if (entry.dir) continue;
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, await entry.async('nodebuffer'), { mode: name.endsWith('.js') ? 0o755 : 0o644 });
  }
}

/** The picture a preview page shows: the SVG inside its data: URL. */
function svgsOf(html: string): string[] {
  return [...html.matchAll(/<img[^>]* src="data:image\/svg\+xml;base64,([^"]+)"/g)].map((m) => Buffer.from(m[1], 'base64').toString('utf8'));
}

describe('VS Code extension: the packaged .vsix, activated against a VS Code test double', () => {
  let zip: JSZip;
  let extensionDir: string;
  let workspace: string;
  let ext: ExtensionModule;
  let api: Api;
  let fake: ReturnType<typeof Fake.fakeVscode>;
  const context = { subscriptions: [] as Array<{ dispose(): unknown }>, extensionPath: '' };

  beforeAll(async () => {
    const out = tmpDir();
    zip = await JSZip.loadAsync(fs.readFileSync(await packageVsix(out)));
    extensionDir = path.join(out, 'unpacked', 'extension');
    await unpack(zip, path.join(out, 'unpacked'));
    fs.mkdirSync(path.join(extensionDir, 'node_modules', 'vscode'), { recursive: true });
    fs.writeFileSync(path.join(extensionDir, 'node_modules', 'vscode', 'index.js'), `module.exports = globalThis[Symbol.for('${FAKE_KEY}')];\n`);
    workspace = fixture({ 'after-sales.flow.yaml': FLOW, 'onsite.flow.yaml': ONSITE, 'buy.journey.yaml': JOURNEY });
    Fake = await import('./vscode-fake.js');
    fake = Fake.fakeVscode({ folders: [workspace], settings: { 'journeyflow.diagnostics.debounceMs': 20 } });
    (globalThis as Record<symbol, unknown>)[Symbol.for(FAKE_KEY)] = fake.vscode;
    ext = createRequire(import.meta.url)(path.join(extensionDir, 'dist', 'extension.js')) as ExtensionModule;
    context.extensionPath = extensionDir;
    api = await ext.activate(context);
  });
  afterAll(async () => {
    await ext?.deactivate();
    context.subscriptions.forEach((d) => d.dispose());
  });

  it('packs the manifest with its command, the schemas it names and the bundled extension', async () => {
    const manifest = JSON.parse(await zip.file('extension/package.json')!.async('string'));
    expect(manifest).toMatchObject({ publisher: 'journeyflow', main: './dist/extension.js', activationEvents: ['onLanguage:yaml'] });
    expect(manifest.engines.vscode).toMatch(/^\^1\.\d+/);
    expect(manifest.contributes.commands).toContainEqual(expect.objectContaining({ command: ext.PREVIEW_COMMAND, title: 'Open Preview to the Side', category: 'journeyflow' }));
    const matched = manifest.contributes.yamlValidation.flatMap((v: { fileMatch: string[] }) => v.fileMatch);
    expect(matched).toEqual(expect.arrayContaining(['*.flow.yaml', '*.journey.yaml', '*.lifecycle.yaml']));
    for (const { url } of manifest.contributes.yamlValidation) {
      const schema = JSON.parse(await zip.file(path.posix.join('extension', url))!.async('string'));
      expect(schema).toEqual(JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas', path.basename(url)), 'utf8')));
    }
    expect(zip.file('extension/dist/extension.js')).not.toBeNull();
    expect(zip.file('extension/server/bin/journeyflow.js')).not.toBeNull();
    // Sources, build scripts and the build tools stay out.
    expect(Object.keys(zip.files).filter((f) => /^extension\/(src|scripts|node_modules)\//.test(f))).toEqual([]);
  });

  it('starts the journeyflow packed in the .vsix when the workspace has none, through vscode-languageclient', () => {
    expect(api.launcher).toMatchObject({ source: 'bundled', module: path.join(extensionDir, 'server', 'bin', 'journeyflow.js') });
    expect(fake.test.output.join('')).toContain('(bundled)');
    // The client registered VS Code providers for what the server announced.
    expect(fake.test.registered).toEqual(expect.arrayContaining(['registerCompletionItemProvider', 'registerDefinitionProvider', 'registerRenameProvider', 'registerCodeActionsProvider', 'registerFoldingRangeProvider']));
  });

  it('shows the server\'s diagnostics on an open document, at the line and column of the fault, linked to the rule', async () => {
    const broken = FLOW.replace('{ from: repair, to: done }', '{ from: repair, to: dnoe }');
    const doc = fake.test.open(path.join(workspace, 'broken.flow.yaml'), broken);
    const found = await vi.waitFor(() => { const d = fake.test.diagnostics.get(doc.uri.toString()); if (!d?.length) throw new Error('none yet'); return d; }, { timeout: 20_000, interval: 50 });
    const unknown = found.find((d: Diagnostic) => typeof d.code === 'object' && d.code.value === 'unknown-reference')!;
    const line = broken.split('\n').findIndex((l) => l.includes('dnoe'));
    expect(unknown.range.start).toMatchObject({ line, character: broken.split('\n')[line].indexOf('dnoe') });
    expect(unknown.message).toBe('edge target "dnoe" is not a node of this flow');
    expect((unknown.code as { target: { toString(): string } }).target.toString()).toMatch(/README\.md#rules$/);
  });

  it('opens the preview beside the editor: the SVG of the buffer in a webview that runs no script', async () => {
    const doc = fake.test.open(path.join(workspace, 'after-sales.flow.yaml'), FLOW);
    await fake.test.run(ext.PREVIEW_COMMAND);
    const panel = fake.test.panels[0];
    expect(panel.options).toMatchObject({ enableScripts: false, localResourceRoots: [] });
    const html = panel.webview.html;
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    const nonce = /style-src 'nonce-([^']+)'/.exec(csp ?? '')?.[1];
    expect(csp).toBe(`default-src 'none'; img-src data:; style-src 'nonce-${nonce}'`);
    expect(html).not.toMatch(/<script/i);
    expect([...html.matchAll(/<style( nonce="[^"]*")?>/g)].map((m) => m[1])).toEqual([` nonce="${nonce}"`]);
    const [svg] = svgsOf(html);
    expect(svg).toContain('data-id="record"');
    expect(svg).toContain('客服记录报修信息');

    // Typing redraws it from the buffer, unsaved.
    const at = doc.positionAt(FLOW.indexOf('客服记录报修信息'));
    fake.test.edit(doc, new Fake.Range(at, new Fake.Position(at.line, at.character + 2)), '热线');
    const redrawn = await vi.waitFor(() => { const s = svgsOf(panel.webview.html)[0]; if (!s?.includes('热线记录报修信息')) throw new Error('not yet'); return s; }, { timeout: 20_000, interval: 50 });
    expect(redrawn).not.toContain('客服记录报修信息');
  });

  it('shows the error of a document that has one, above the last picture faded', async () => {
    const panel = fake.test.panels[0];
    const doc = fake.vscode.window.activeTextEditor!.document as FakeTextDocument;
    const at = doc.positionAt(doc.getText().indexOf('type: start') + 'type: '.length);
    fake.test.edit(doc, new Fake.Range(at, new Fake.Position(at.line, at.character + 5)), 'strat');
    const html = await vi.waitFor(() => { const h = panel.webview.html; if (!h.includes('class="error"')) throw new Error('not yet'); return h; }, { timeout: 20_000, interval: 50 });
    expect(html).toMatch(/<p class="error">line \d+: .*strat/);
    expect(html).toContain('<img class="stale"');
    expect(svgsOf(html)[0]).toContain('热线记录报修信息');
  });

  it('asks the server for the paths to rewrite before VS Code moves a flow file', async () => {
    const [edit] = await fake.test.willRename([{ from: path.join(workspace, 'onsite.flow.yaml'), to: path.join(workspace, 'visits', 'onsite.flow.yaml') }]) as WorkspaceEdit[];
    const rewritten = edit.operations.flatMap((o) => ('edit' in o ? [[path.basename(o.uri.fsPath), o.edit.newText]] : []));
    expect(rewritten.sort()).toEqual([['after-sales.flow.yaml', 'visits/onsite.flow.yaml'], ['buy.journey.yaml', 'visits/onsite.flow.yaml']]);
  });

  it('prefers journeyflow.server.path, then the workspace\'s node_modules/journeyflow, only in a trusted workspace', () => {
    const project = fixture({ 'node_modules/journeyflow/package.json': JSON.stringify({ name: 'journeyflow', bin: { journeyflow: 'bin/journeyflow.js' } }), 'node_modules/journeyflow/bin/journeyflow.js': '', 'tools/jf.js': '' });
    const inputs = { setting: '', folders: [project], trusted: true, extensionDir };
    expect(ext.findLauncher(inputs)).toMatchObject({ source: 'workspace', module: path.join(project, 'node_modules', 'journeyflow', 'bin', 'journeyflow.js') });
    expect(ext.findLauncher({ ...inputs, setting: 'tools/jf.js' })).toMatchObject({ source: 'setting', module: path.join(project, 'tools', 'jf.js') });
    expect(ext.findLauncher({ ...inputs, setting: path.join(project, 'node_modules', 'journeyflow') })).toMatchObject({ source: 'setting' });
    const wrong = ext.findLauncher({ ...inputs, setting: 'nowhere.js' });
    expect(wrong).toMatchObject({ source: 'workspace', notes: [expect.stringContaining('"nowhere.js" is neither a file nor a journeyflow package folder')] });
    const untrusted = ext.findLauncher({ ...inputs, setting: 'tools/jf.js', trusted: false });
    expect(untrusted.source).toBe('bundled');
    expect(untrusted.notes.join(' ')).toMatch(/ignored in an untrusted workspace.*not trusted/);
  });
});
