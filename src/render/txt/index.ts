/**
 * `-f txt` (SPEC §6.2): plain-text pictures for terminals and pull-request comments. Each kind draws
 * its own (KindDefinition.toText) from the pieces in this folder: a character canvas on which CJK
 * counts as two columns (canvas.ts), a layered boxes-and-arrows layout (layered.ts) and box-drawn
 * tables (table.ts).
 */
import { showControls } from '../../diagnostics/terminal-text.js';

/** A picture's lines under its title and a blank line (no title: the lines alone). */
export const titled = (title: string, lines: readonly string[]): string[] => [...(title ? [title, ''] : []), ...lines];

/** The text file of a picture: its lines, each ended by a newline, control characters shown as escapes (it is printed to terminals). */
export function renderTxt(lines: readonly string[]): string {
  return lines.map((line) => showControls(line)).join('\n') + '\n';
}
