/**
 * The one place text from an input is made safe to print. A diagram file is untrusted (SECURITY.md):
 * a raw ESC, BEL or OSC sequence in a label, a theme name or a code frame would drive the reader's
 * terminal (erase lines, set the clipboard with OSC 52, retitle the window). Every C0 and C1 control
 * character, DEL, and the bidirectional overrides that reorder what is shown, become a visible
 * `\u001b`-style escape, so the reader sees what the file holds and the terminal obeys none of it.
 */
// Tab and line feed are kept where a caller allows them: they are layout, not commands.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const CONTROL_OR_LAYOUT = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const escape = (ch: string): string => `\\u${ch.codePointAt(0)!.toString(16).padStart(4, '0')}`;

/** `text` with every control character shown as `\uXXXX`; `keepLayout` keeps tab and line feed. */
export function showControls(text: string, keepLayout = false): string {
  return text.replace(keepLayout ? CONTROL : CONTROL_OR_LAYOUT, escape);
}

