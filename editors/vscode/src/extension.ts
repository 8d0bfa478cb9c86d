/**
 * The journeyflow extension: starts `journeyflow lsp` (src/launcher.ts says which copy) through
 * vscode-languageclient for YAML files, and adds "journeyflow: Open Preview to the Side". The
 * schemas for `*.flow.yaml` and the other kinds are contributed in package.json (yamlValidation,
 * used by Red Hat's YAML extension); everything else comes from the server.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { findLauncher, type Launcher } from './launcher';
import { PreviewPanel } from './preview';

/** Also for tests of the packed bundle: which journeyflow a workspace gets. */
export { findLauncher } from './launcher';

export const PREVIEW_COMMAND = 'journeyflow.openPreviewToSide';

/** What `activate` returns: VS Code hands it to other extensions (and tests) as the extension's API. */
export interface JourneyflowApi {
  client: LanguageClient;
  launcher: Launcher;
  /** The open preview, if any. */
  preview(): PreviewPanel | undefined;
}

let client: LanguageClient | undefined;

function launcherFor(context: vscode.ExtensionContext): Launcher {
  return findLauncher({
    setting: vscode.workspace.getConfiguration('journeyflow').get<string>('server.path') ?? '',
    folders: (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath),
    trusted: vscode.workspace.isTrusted,
    extensionDir: context.extensionPath,
  });
}

function clientFor(launcher: Launcher, output: vscode.OutputChannel): LanguageClient {
  // `lsp` then, added by the client, `--stdio --clientProcessId=<pid>`.
  const run = { module: launcher.module, args: ['lsp'], transport: TransportKind.stdio };
  const serverOptions: ServerOptions = { run, debug: run };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file', language: 'yaml' }, { scheme: 'untitled', language: 'yaml' }],
    initializationOptions: { debounceMs: vscode.workspace.getConfiguration('journeyflow').get<number>('diagnostics.debounceMs') ?? 150 },
    outputChannel: output,
  };
  return new LanguageClient('journeyflow', 'journeyflow', serverOptions, clientOptions);
}

export async function activate(context: vscode.ExtensionContext): Promise<JourneyflowApi> {
  const output = vscode.window.createOutputChannel('journeyflow');
  context.subscriptions.push(output);
  const launcher = launcherFor(context);
  launcher.notes.forEach((n) => output.appendLine(`journeyflow: ${n}`));
  output.appendLine(`journeyflow: language server ${launcher.module} (${launcher.source})`);
  const started = clientFor(launcher, output);
  client = started;
  let preview: PreviewPanel | undefined;
  context.subscriptions.push(vscode.commands.registerCommand(PREVIEW_COMMAND, async () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !PreviewPanel.previewable(editor.document)) {
      void vscode.window.showInformationMessage('journeyflow: open a YAML diagram (kind: flow, journey, lifecycle or funnel) to preview it.');
      return;
    }
    if (preview) preview.show(editor.document, editor.selection.active);
    else preview = new PreviewPanel(started, editor.document, editor.selection.active, () => { preview = undefined; });
    await preview.shown;
  }));
  context.subscriptions.push({ dispose: () => preview?.close() });
  try {
    await started.start();
  } catch (err) {
    // The client has logged the details; the message says which server it tried.
    output.appendLine(`journeyflow: the language server did not start: ${(err as Error)?.message ?? String(err)}`);
    void vscode.window.showErrorMessage(`journeyflow: the language server (${launcher.module}) did not start; see Output → journeyflow. Set journeyflow.server.path to use another journeyflow.`);
  }
  return { client: started, launcher, preview: () => preview };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
