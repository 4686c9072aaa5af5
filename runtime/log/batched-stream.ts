// Log lines to a pipe (journald, a terminal) are synchronous writes on Linux: one system
// call per line. Under a burst the daemon writes a line per delivery, so lines written in
// the same turn of the event loop are joined and written once, right after it. Nothing is
// held longer than that turn, and `flush()` (called on exit) writes what is pending.
// The very first line is written at once: the daemon's `starting`, which should appear as soon
// as it is true, not after the outbox has been opened in the same turn (docs/performance.md,
// cold start).
import type { LogStream } from './logger.js';

export class BatchedStream implements LogStream {
  private pending: string[] = [];
  private scheduled = false;
  private first = true;

  constructor(private readonly target: { write(chunk: string): unknown }) {}

  write(chunk: string): boolean {
    if (this.first) {
      this.first = false;
      this.target.write(chunk);
      return true;
    }
    this.pending.push(chunk);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    return true;
  }

  flush(): void {
    this.scheduled = false;
    if (this.pending.length === 0) return;
    const text = this.pending.length === 1 ? this.pending[0] : this.pending.join('');
    this.pending = [];
    this.target.write(text);
  }
}
