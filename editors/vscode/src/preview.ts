/**
 * "journeyflow: Open Preview to the Side": one webview beside the editor showing the SVG of the
 * diagram being edited, as the buffer is (saved or not), asked of the language server through its
 * `journeyflow/preview` request. Like VS Code's Markdown preview it follows the active YAML editor,
 * and it redraws when the text changes or the cursor moves into another document of the file.
 */
import path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { previewHtml, type PreviewAnswer } from './preview-html';

/** How long typing must pause before the picture is redrawn (the server debounces its checks too). */
const REDRAW_DELAY_MS = 200;

export class PreviewPanel implements vscode.Disposable {
  private readonly panel: vscode.WebviewPanel;
  private readonly listeners: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped on every redraw asked, so a slow answer never replaces a newer one. */
  private generation = 0;
  private lastSvg: { uri: string; svg: string } | undefined;
  /** The answer shown, settled once the page holds it (tests and callers can wait for it). */
  shown: Promise<PreviewAnswer | undefined> = Promise.resolve(undefined);

  constructor(private readonly client: LanguageClient, private document: vscode.TextDocument, private position: vscode.Position, onDispose: () => void) {
    this.panel = vscode.window.createWebviewPanel('journeyflow.preview', PreviewPanel.title(document), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: false,
      enableFindWidget: true,
      localResourceRoots: [],
    });
    this.listeners.push(
      vscode.workspace.onDidChangeTextDocument((e) => { if (e.document === this.document && e.contentChanges.length) this.schedule(); }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor.document !== this.document) return;
        const moved = e.selections[0]?.active;
        // Only a file of several documents draws another picture when the cursor moves.
        if (moved && moved.line !== this.position.line && /^---/m.test(this.document.getText())) { this.position = moved; this.schedule(); }
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => { if (editor && PreviewPanel.previewable(editor.document)) this.show(editor.document, editor.selection.active); }),
      this.panel.onDidDispose(() => { this.dispose(); onDispose(); }),
    );
    this.shown = this.redraw();
  }

  static previewable(document: vscode.TextDocument): boolean {
    return document.languageId === 'yaml' && (document.uri.scheme === 'file' || document.uri.scheme === 'untitled');
  }

  private static title(document: vscode.TextDocument): string {
    return `Preview ${path.basename(document.uri.path || document.fileName)}`;
  }

  /** Shows another document (or the same one again) and brings the panel forward. */
  show(document: vscode.TextDocument, position: vscode.Position): void {
    if (document !== this.document) {
      this.document = document;
      this.panel.title = PreviewPanel.title(document);
    }
    this.position = position;
    this.panel.reveal(vscode.ViewColumn.Beside, true);
    this.shown = this.redraw();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => { this.shown = this.redraw(); }, REDRAW_DELAY_MS);
  }

  private async redraw(): Promise<PreviewAnswer | undefined> {
    const generation = ++this.generation;
    const uri = this.document.uri.toString();
    let answer: PreviewAnswer;
    try {
      answer = await this.client.sendRequest<PreviewAnswer>('journeyflow/preview', {
        textDocument: { uri }, position: { line: this.position.line, character: this.position.character },
      });
    } catch (err) {
      answer = { error: `the journeyflow language server could not draw this file: ${(err as Error)?.message ?? String(err)}` };
    }
    if (generation !== this.generation) return undefined;
    const last = this.lastSvg?.uri === uri ? this.lastSvg.svg : undefined;
    this.panel.webview.html = previewHtml({ title: path.basename(this.document.uri.path || this.document.fileName), answer, lastSvg: last });
    if ('svg' in answer) this.lastSvg = { uri, svg: answer.svg };
    return answer;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.listeners.splice(0).forEach((l) => l.dispose());
  }

  /** Closes the panel (its onDidDispose then disposes the rest). */
  close(): void { this.panel.dispose(); }
}
