// The durable outbox: every delivery from the moment it is rendered until it is delivered
// or dead-lettered, kept in memory and in the journal (./journal.ts) of the state directory.
//
// - `add` records a delivery; its promise resolves when the record is on disk, and nothing
//   may be sent before that. The other changes (retry scheduled, delivered, dead) are
//   appended lazily and never waited for: losing one to a crash only means one more attempt
//   on restart, which at-least-once allows. Changes asked for by a user (requeue, drop) and
//   a re-rendered request are flushed promptly.
// - Dead letters stay (for `octohook outbox list|retry|drop`) up to `maxDead` letters and
//   `maxDeadBytes` of stored requests; past either bound the oldest are dropped, with a
//   warning. Together with the journal's compaction bound this keeps the disk use bounded
//   by what is pending.
// - `dir: null` keeps everything in memory only (tests, embedding): same behaviour, no
//   durability.
import { mkdir } from 'node:fs/promises';
import type { PreparedRequest, StoredRequest } from '../http/prepare-request.js';
import { serializeRequest } from '../http/prepare-request.js';
import type { LogSink } from '../log/logger.js';
import { Journal, type CompactionBound, type JournalStats } from './journal.js';
import { acquireLock, type HeldLock } from './lock.js';
import { replay, type JournalRecord, type StoredDelivery } from './records.js';
import { statePaths } from './state-dir.js';

export interface OutboxOptions {
  /** The state directory; null: memory only. */
  dir: string | null;
  logger: LogSink;
  clock: { now(): number };
  /** Who takes the lock ('daemon' or a CLI command): shown to a second process. */
  role?: string;
  windowMs?: number;
  compaction?: Partial<CompactionBound>;
  /** Default 1000. */
  maxDead?: number;
  /** Default 64 MiB of stored requests. */
  maxDeadBytes?: number;
}

/** Stored requests dead letters may hold (they stay in memory too): the heap the daemon is given must have room for them. */
export const DEFAULT_MAX_DEAD_BYTES = 64 * 1024 * 1024;

// A lost lazy record costs at most one more attempt after a crash (see journal.ts).
const LAZY = { lazy: true };
const PROMPT = { lazy: false };

export type Selection = { ids: string[] } | { allDead: true };

export interface NewDelivery {
  id: string;
  hook: string;
  trigger: string;
  /** The printer it came from, in a file with `printer` blocks. */
  printer?: string;
  request: PreparedRequest;
}

export class Outbox {
  private readonly map = new Map<string, StoredDelivery>();
  private nextSeq = 1;
  private live = 0;
  private journal: Journal | null = null;
  private lock: HeldLock | null = null;
  private readonly maxDead: number;
  private readonly maxDeadBytes: number;

  private constructor(private readonly o: OutboxOptions) {
    this.maxDead = o.maxDead ?? 1000;
    this.maxDeadBytes = o.maxDeadBytes ?? DEFAULT_MAX_DEAD_BYTES;
  }

  /** Takes the state directory's lock, reads the journal and tidies it if it was damaged. */
  static async open(o: OutboxOptions): Promise<Outbox> {
    const box = new Outbox(o);
    if (o.dir === null) return box;
    const paths = statePaths(o.dir);
    await mkdir(o.dir, { recursive: true, mode: 0o700 });
    box.lock = await acquireLock(paths.lock, o.role ?? 'daemon');
    try {
      const opened = await Journal.open({
        path: paths.journal,
        logger: o.logger,
        ...(o.windowMs !== undefined ? { windowMs: o.windowMs } : {}),
        ...(o.compaction ? { compaction: o.compaction } : {}),
        snapshot: () => box.snapshot(),
        liveBytes: () => box.live,
      });
      box.journal = opened.journal;
      for (const d of replay(opened.records)) box.set(d);
      for (const d of box.map.values()) box.nextSeq = Math.max(box.nextSeq, d.seq + 1);
      if (opened.damaged || opened.journal.overBound()) await opened.journal.compact();
    } catch (e) {
      await box.lock.release();
      throw e;
    }
    return box;
  }

  get stats(): JournalStats | null {
    return this.journal ? { ...this.journal.stats } : null;
  }

  get journalPath(): string | null {
    return this.journal?.path ?? null;
  }

  /** Every delivery, in acceptance order. */
  list(): StoredDelivery[] {
    return [...this.map.values()].sort((a, b) => a.seq - b.seq);
  }

  get(id: string): StoredDelivery | undefined {
    return this.map.get(id);
  }

  /** Records a new delivery; the promise resolves once the record is durable. */
  add(n: NewDelivery): { delivery: StoredDelivery; durable: Promise<void> } {
    const now = this.o.clock.now();
    const delivery: StoredDelivery = {
      id: n.id,
      hook: n.hook,
      trigger: n.trigger,
      ...(n.printer ? { printer: n.printer } : {}),
      seq: this.nextSeq++,
      createdAt: now,
      req: serializeRequest(n.request),
      attempts: 0,
      nextAt: now,
      state: 'pending',
    };
    this.set(delivery);
    return { delivery, durable: this.append({ t: 'put', ...delivery }, PROMPT) };
  }

  retryScheduled(id: string, attempts: number, nextAt: number, reason: string): void {
    const d = this.map.get(id);
    if (!d) return;
    Object.assign(d, { attempts, nextAt, reason });
    void this.append({ t: 'retry', id, attempts, nextAt, reason }, LAZY);
  }

  replace(id: string, request: PreparedRequest): void {
    const d = this.map.get(id);
    if (!d) return;
    this.live -= weight(d.req);
    d.req = serializeRequest(request);
    this.live += weight(d.req);
    void this.append({ t: 'replace', id, req: d.req });
  }

  delivered(id: string): void {
    if (!this.remove(id)) return;
    void this.append({ t: 'done', id }, LAZY);
  }

  deadLetter(id: string, attempts: number, reason: string): void {
    const d = this.map.get(id);
    if (!d) return;
    const at = this.o.clock.now();
    Object.assign(d, { state: 'dead', attempts, reason, deadAt: at });
    void this.append({ t: 'dead', id, attempts, reason, at }, LAZY);
    this.boundDeadLetters();
  }

  /** Puts dead letters back at the end of their hooks' queues; returns them. */
  requeue(sel: Selection): { requeued: StoredDelivery[]; missing: string[] } {
    const { found, missing } = this.select(sel, 'dead');
    const at = this.o.clock.now();
    for (const d of found) {
      const seq = this.nextSeq++;
      Object.assign(d, { state: 'pending', attempts: 0, seq, nextAt: at, since: at });
      delete d.reason;
      delete d.deadAt;
      void this.append({ t: 'requeue', id: d.id, seq, at });
    }
    return { requeued: found, missing };
  }

  /** Removes deliveries for good; with `ids`, pending ones too (the daemon's lanes must forget them). */
  drop(sel: Selection): { dropped: StoredDelivery[]; missing: string[] } {
    const { found, missing } = this.select(sel, 'any');
    for (const d of found) {
      this.remove(d.id);
      void this.append({ t: 'drop', id: d.id });
    }
    return { dropped: found, missing };
  }

  /** Resolves when every change so far is on disk. */
  async flush(): Promise<void> {
    await this.journal?.drain();
  }

  async close(): Promise<void> {
    await this.journal?.close();
    this.journal = null;
    await this.lock?.release();
    this.lock = null;
  }

  private select(sel: Selection, want: 'dead' | 'any'): { found: StoredDelivery[]; missing: string[] } {
    if ('allDead' in sel) return { found: this.list().filter((d) => d.state === 'dead'), missing: [] };
    const found: StoredDelivery[] = [];
    const missing: string[] = [];
    for (const id of sel.ids) {
      const d = this.map.get(id);
      if (d && (want === 'any' || d.state === want)) found.push(d);
      else missing.push(id);
    }
    return { found, missing };
  }

  private set(d: StoredDelivery): void {
    const old = this.map.get(d.id);
    if (old) this.live -= weight(old.req);
    this.map.set(d.id, d);
    this.live += weight(d.req);
  }

  private remove(id: string): boolean {
    const d = this.map.get(id);
    if (!d) return false;
    this.live -= weight(d.req);
    this.map.delete(id);
    return true;
  }

  private boundDeadLetters(): void {
    // Counted first, sorted only when over a bound: a target that is down makes a dead letter
    // per firing, and the outbox may hold a thousand pending deliveries per hook besides.
    let bytes = 0;
    let count = 0;
    for (const d of this.map.values()) {
      if (d.state !== 'dead') continue;
      count++;
      bytes += weight(d.req);
    }
    if (count <= this.maxDead && bytes <= this.maxDeadBytes) return;
    const dead = this.list().filter((d) => d.state === 'dead').sort((a, b) => (a.deadAt ?? 0) - (b.deadAt ?? 0));
    for (const d of dead) {
      if (count <= this.maxDead && bytes <= this.maxDeadBytes) break;
      this.o.logger.warn('outbox: too many dead letters; dropped the oldest', { id: d.id, hook: d.hook, trigger: d.trigger, maxDead: this.maxDead });
      this.remove(d.id);
      void this.append({ t: 'drop', id: d.id }, LAZY);
      count--;
      bytes -= weight(d.req);
    }
  }

  private snapshot(): JournalRecord[] {
    return this.list().map((d) => ({ t: 'put', ...d }));
  }

  private append(rec: JournalRecord, how: { lazy: boolean } = { lazy: false }): Promise<void> {
    if (!this.journal) return Promise.resolve();
    const p = this.journal.append(rec, how);
    // The journal has logged a failure; a caller that does not wait must not see a rejection.
    p.catch(() => {});
    return p;
  }
}

/** What a stored request costs on disk, roughly: its body and some framing. */
function weight(req: StoredRequest): number {
  let n = 256 + req.url.length + (req.body?.length ?? 0);
  for (const [k, v] of Object.entries(req.headers)) n += k.length + v.length + 6;
  return n;
}
