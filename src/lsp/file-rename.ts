/**
 * Moving a diagram file breaks the relative `ref` / `flow` paths that name it, and the ones it holds
 * itself (they are relative to its folder). Both are rewritten: when the editor is about to move
 * files or folders (`workspace/willRenameFiles`), and when a rename is asked on a `ref` / `flow`
 * path, which renames the file too (a RenameFile operation in the WorkspaceEdit).
 * Ids are not shared between files (a `ref` names a whole file), so a file path is the only
 * cross-file name there is to rename.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RenameFile, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver/node.js';
import { relativeRef } from './files.js';
import { hitAt, targetFile, workspaceViews, type BufferView, type RenameResult, type Workspace } from './navigation.js';

/** One file or folder moved from `from` to `to` (absolute paths). */
export interface Move { from: string; to: string }

/** Where a path is after the moves: itself, the new path of a moved file, or its place in a moved folder. */
export function movedPath(file: string, moves: readonly Move[]): string {
  for (const move of moves) {
    if (file === move.from) return move.to;
    const inside = path.relative(move.from, file);
    if (inside && !inside.startsWith('..') && !path.isAbsolute(inside)) return path.join(move.to, inside);
  }
  return file;
}

/**
 * The text edits, by file URI, that keep every `ref` / `flow` path of the workspace (and of `extra`
 * files, say moved ones outside its folders) naming the same file once `moves` are done. Edits are
 * on the files' present URIs, as `willRenameFiles` and a WorkspaceEdit applied before a move want.
 */
export function referenceEdits(workspace: Workspace, moves: readonly Move[], extra: readonly string[] = []): Map<string, TextEdit[]> {
  const out = new Map<string, TextEdit[]>();
  for (const view of workspaceViews(workspace, extra)) {
    if (!view.fsPath) continue;
    const file = movedPath(view.fsPath, moves);
    for (const doc of view.symbols.documents) {
      for (const o of doc.references) {
        const target = o.type === 'file' ? targetFile(view, o) : undefined;
        const newTarget = target && movedPath(target, moves);
        // A path is rewritten only when a move breaks it, never to tidy its spelling.
        if (!target || !newTarget || (file === view.fsPath && newTarget === target)) continue;
        const written = relativeRef(file, newTarget);
        // A path written `./x.flow.yaml` keeps its `./`.
        const newText = o.id.startsWith('./') ? `./${written}` : written;
        if (newText === o.id) continue;
        out.set(view.uri, [...(out.get(view.uri) ?? []), { range: view.range(o.start, o.end), newText }]);
      }
    }
  }
  return out;
}

/** Answer to `workspace/willRenameFiles`: the reference edits the moves call for, or null when none. */
export function editForMoves(workspace: Workspace, moves: readonly Move[]): WorkspaceEdit | null {
  const moved = moves.filter((m) => fs.existsSync(m.from) && fs.statSync(m.from).isFile()).map((m) => m.from);
  const edits = referenceEdits(workspace, moves, moved);
  return edits.size ? { changes: Object.fromEntries(edits) } : null;
}

const CANNOT_RENAME_FILES = 'this editor cannot rename files from a rename (no workspace.workspaceEdit.resourceOperations "rename"): rename the file in its file explorer instead, which updates the `ref` / `flow` paths through workspace/willRenameFiles';

/**
 * Rename on a `ref` / `flow` path: `newName` is the file's new path, relative to the document as
 * the path is. The file is renamed and every path naming it (or written inside it) follows.
 * Undefined where the cursor is not on a file path.
 */
export function fileRenameAt(view: BufferView, offset: number, newName: string, workspace: Workspace, canRenameFiles: boolean): RenameResult {
  const hit = hitAt(view, offset);
  if (!hit || hit.occurrence.type !== 'file') return undefined;
  const target = targetFile(view, hit.occurrence);
  if (!view.fsPath) return { refused: 'save the diagram first: a `ref` / `flow` path is relative to its file' };
  if (!target) return { refused: `there is no file "${hit.occurrence.id}" to rename` };
  if (!canRenameFiles) return { refused: CANNOT_RENAME_FILES };
  const to = path.resolve(path.dirname(view.fsPath), newName.trim());
  if (!newName.trim() || to === target) return { edit: { changes: {} } };
  if (fs.existsSync(to)) return { refused: `"${newName}" already exists` };
  const edits = referenceEdits(workspace, [{ from: target, to }], [view.fsPath, target]);
  const documentChanges: Array<TextDocumentEdit | RenameFile> = [...edits].map(([uri, e]) => ({ textDocument: { uri, version: null }, edits: e }));
  documentChanges.push({ kind: 'rename', oldUri: pathToFileURL(target).href, newUri: pathToFileURL(to).href, options: { overwrite: false } });
  return { edit: { documentChanges } };
}
