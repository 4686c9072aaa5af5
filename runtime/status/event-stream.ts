// Server-sent events for the live page: each client gets the whole snapshot when something
// changed, at most every `minGapMs`, and a comment line every 15 s so proxies and phones
// keep the connection. A bounded number of clients: one more is refused (503), not queued.
import type { ServerResponse } from 'node:http';

export class EventStream {
  private readonly clients = new Set<ServerResponse>();
  private last = '';
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly heartbeat: ReturnType<typeof setInterval>;

  constructor(
    private readonly snapshot: () => string,
    private readonly maxClients = 8,
    private readonly minGapMs = 500,
  ) {
    this.heartbeat = setInterval(() => {
      for (const c of this.clients) c.write(': keep-alive\n\n');
      // Changes nobody announced (a retry timer came due) still reach the page.
      this.changed();
    }, 15_000);
    this.heartbeat.unref();
  }

  get size(): number {
    return this.clients.size;
  }

  /** Takes over the response; false when there are too many clients already. */
  add(res: ServerResponse, headers: Record<string, string>): boolean {
    if (this.clients.size >= this.maxClients) return false;
    res.writeHead(200, { ...headers, 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' });
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
    res.write(`retry: 2000\n\nevent: status\ndata: ${this.snapshot()}\n\n`);
    return true;
  }

  /** Something changed: send the snapshot soon (coalescing bursts). */
  changed(): void {
    if (this.clients.size === 0 || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      const data = this.snapshot();
      if (data === this.last) return;
      this.last = data;
      for (const c of this.clients) c.write(`event: status\ndata: ${data}\n\n`);
    }, this.minGapMs);
  }

  close(): void {
    clearInterval(this.heartbeat);
    if (this.timer) clearTimeout(this.timer);
    for (const c of this.clients) c.end();
    this.clients.clear();
  }
}
