// How `octohook outbox retry|drop` reaches a running daemon. The daemon is the journal's only
// writer while it runs (./lock.ts), so the command does not touch the journal: it drops a
// request file into `<state>/requests/` (written to a temporary name, then renamed, so the
// daemon never reads half a request) and waits for the daemon's answer next to it. The
// daemon applies requests when it starts and, while running, as soon as the directory
// changes (fs.watch, with a one-second poll as a fallback for file systems without it).
import { watch, type FSWatcher } from 'node:fs';
import { mkdir, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { LogSink } from '../log/logger.js';

export interface ControlRequest {
  op: 'retry' | 'drop';
  ids?: string[];
  allDead?: boolean;
}

export interface ControlResult {
  /** The ids requeued or dropped. */
  affected: string[];
  /** Ids that were not found (or, for retry, not dead letters). */
  missing: string[];
}

const RESULT = '.result.json';
const STALE_RESULT_MS = 10 * 60_000;

/** Writes a request and waits up to `timeoutMs` for the daemon's result (null: not yet applied). */
export async function submitRequest(requestsDir: string, req: ControlRequest, timeoutMs = 5_000): Promise<ControlResult | null> {
  await mkdir(requestsDir, { recursive: true, mode: 0o700 });
  const name = `${Date.now().toString().padStart(15, '0')}-${randomBytes(4).toString('hex')}`;
  const tmp = join(requestsDir, `.${name}.tmp`);
  await writeFile(tmp, JSON.stringify(req), { mode: 0o600 });
  await rename(tmp, join(requestsDir, `${name}.json`));
  const resultPath = join(requestsDir, `${name}${RESULT}`);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const text = await readFile(resultPath, 'utf8').catch(() => null);
    if (text !== null) {
      await unlink(resultPath).catch(() => {});
      return JSON.parse(text) as ControlResult;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  return null;
}

/** The daemon's side: applies each request file once, in the order they were made. */
export class RequestWatcher {
  private watcher: FSWatcher | null = null;
  private poll: ReturnType<typeof setInterval> | null = null;
  private busy: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly requestsDir: string,
    private readonly apply: (req: ControlRequest) => ControlResult,
    private readonly logger: LogSink,
  ) {}

  async start(): Promise<void> {
    await mkdir(this.requestsDir, { recursive: true, mode: 0o700 });
    await this.check();
    try {
      this.watcher = watch(this.requestsDir, () => void this.check());
      this.watcher.on('error', () => {});
    } catch {
      // no inotify here: the poll below does the job
    }
    this.poll = setInterval(() => void this.check(), 1_000);
    this.poll.unref();
  }

  async stop(): Promise<void> {
    this.watcher?.close();
    if (this.poll) clearInterval(this.poll);
    this.watcher = null;
    this.poll = null;
    await this.busy;
  }

  /** Applies every waiting request (also called once at start). */
  check(): Promise<void> {
    if (this.busy) {
      this.again = true;
      return this.busy;
    }
    this.busy = this.scan().finally(() => {
      this.busy = null;
      if (this.again) {
        this.again = false;
        void this.check();
      }
    });
    return this.busy;
  }

  private async scan(): Promise<void> {
    const all = await readdir(this.requestsDir).catch(() => [] as string[]);
    // Answers nobody collected (the command gave up waiting) are kept for a while, then removed.
    for (const n of all.filter((x) => x.endsWith(RESULT))) {
      const path = join(this.requestsDir, n);
      const made = Number(n.slice(0, 15));
      if (Number.isFinite(made) && Date.now() - made > STALE_RESULT_MS) await unlink(path).catch(() => {});
    }
    const names = all.filter((n) => n.endsWith('.json') && !n.endsWith(RESULT) && !n.startsWith('.')).sort();
    for (const name of names) {
      const path = join(this.requestsDir, name);
      let result: ControlResult;
      try {
        const req = JSON.parse(await readFile(path, 'utf8')) as ControlRequest;
        result = this.apply(req);
        this.logger.info(`outbox: ${req.op} requested from the command line`, { affected: result.affected.length, missing: result.missing.length });
      } catch (e) {
        this.logger.warn('outbox: ignored an unreadable request file', { file: path, reason: (e as Error).message });
        result = { affected: [], missing: [] };
      }
      const out = path.slice(0, -'.json'.length) + RESULT;
      await writeFile(`${out}.tmp`, JSON.stringify(result), { mode: 0o600 }).catch(() => {});
      await rename(`${out}.tmp`, out).catch(() => {});
      await unlink(path).catch(() => {});
    }
  }
}
