import { showControls } from '../diagnostics/terminal-text.js';

/** A one-line progress display on a terminal; silent when the stream is not a TTY or when quiet. */
export class Progress {
  private readonly active: boolean;
  private last = 0;
  constructor(private readonly stream: NodeJS.WritableStream, private readonly total: number, quiet: boolean) {
    this.active = !quiet && (stream as NodeJS.WriteStream).isTTY === true && total > 1;
  }
  tick(done: number, label: string): void {
    if (!this.active) return;
    const now = Date.now();
    if (now - this.last < 50 && done < this.total) return;
    this.last = now;
    const width = (this.stream as NodeJS.WriteStream).columns ?? 80;
    // A file name is the tree's, not ours: its control characters are shown, not obeyed.
    this.stream.write(`\r\u001b[K${`[${done}/${this.total}] ${showControls(label)}`.slice(0, width - 1)}`);
  }
  done(): void {
    if (this.active) this.stream.write('\r\u001b[K');
  }
}
