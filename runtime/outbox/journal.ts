// The outbox's append-only journal: records framed by ./frame.ts, made durable with
// fdatasync, and rewritten from the live state when it grows too large.
//
// Group commit. `append` only queues the framed record and returns a promise; one writer
// loop takes everything queued so far, writes it with one write and makes it durable with
// one fdatasync, then resolves every waiter of that batch. Records appended while a flush
// is on the disk simply form the next batch, and the first append of an idle journal waits
// `windowMs` (default: the rest of the current event-loop turn) for company. A burst of
// firings therefore costs a handful of disk flushes, not one per webhook.
//
// Lazy records. Bookkeeping whose loss a crash may cost (delivered, retry scheduled, dead
// letter: losing one means one more attempt after a restart, which at-least-once allows)
// is appended `lazy`: it does not start a flush of its own but rides along with the next
// prompt one, or is flushed after `lazyMs` (default 250 ms) at the latest. New deliveries
// are always prompt: nothing is sent before its record is on disk.
//
// Compaction. After a flush, when the file exceeds max(minBytes, ratio × live bytes), the
// live state is written in full (one `put` per delivery) to `<file>.tmp`, flushed, and
// renamed over the journal (then the directory is flushed, so the rename itself survives a
// power cut). A crash at any point leaves either the old file or the new one, both complete.
// Records appended before the snapshot was taken are already part of it, so their waiters
// are released by the compaction's own flush; later ones go to the new file.
//
// Errors (OctohookError):
//   OHK_ERR_OUTBOX_IO  the journal could not be read, written or flushed (disk full, permissions)
import { mkdir, open, readFile, rename, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { OctohookError } from '../errors.js';
import type { LogSink } from '../log/logger.js';
import { decodeFile, encodeFrame, MAGIC } from './frame.js';
import type { JournalRecord } from './records.js';

export interface CompactionBound {
  /** Never compact below this size. Default 1 MiB. */
  minBytes: number;
  /** Compact when the file is larger than `ratio` × the live state. Default 2. */
  ratio: number;
}

export const DEFAULT_COMPACTION: CompactionBound = { minBytes: 1024 * 1024, ratio: 2 };

export interface JournalOptions {
  path: string;
  logger: LogSink;
  /** How long the first append of an idle journal waits for others before flushing; default 0 (end of the turn). */
  windowMs?: number;
  /** The longest a lazy record waits for company before it is flushed on its own; default 250 ms. */
  lazyMs?: number;
  compaction?: Partial<CompactionBound>;
  /** The live state as records, for compaction. */
  snapshot: () => JournalRecord[];
  /** The size the live state would take on disk. */
  liveBytes: () => number;
}

export interface JournalStats {
  /** Records appended since open. */
  appends: number;
  /** fdatasync calls for appends (one per group commit). */
  syncs: number;
  compactions: number;
  /** Current file size in bytes. */
  size: number;
  /** The largest the file has been since open. */
  peakSize: number;
}

interface Waiter {
  resolve(): void;
  reject(err: unknown): void;
}

export interface OpenedJournal {
  journal: Journal;
  records: unknown[];
  /** The file had damage (reported already): rewrite it before appending. */
  damaged: boolean;
}

export class Journal {
  readonly stats: JournalStats = { appends: 0, syncs: 0, compactions: 0, size: 0, peakSize: 0 };
  private fh: FileHandle;
  private queue: Buffer[] = [];
  private waiters: Waiter[] = [];
  private running: Promise<void> | null = null;
  private scheduled = false;
  private lazyTimer: ReturnType<typeof setTimeout> | null = null;
  /** Prompt records in `queue` (lazy ones alone do not keep the writer going). */
  private prompt = 0;
  private compactWanted = false;
  private closed = false;
  /** After a failed compaction, the size the file must reach before trying again. */
  private retryCompactionAt = 0;
  private readonly bound: CompactionBound;

  private constructor(private readonly o: JournalOptions, fh: FileHandle, size: number) {
    this.fh = fh;
    this.stats.size = size;
    this.stats.peakSize = size;
    this.bound = { ...DEFAULT_COMPACTION, ...o.compaction };
  }

  /** Reads the journal (creating it if missing) and opens it for appending. */
  static async open(o: JournalOptions): Promise<OpenedJournal> {
    let buf: Buffer;
    try {
      await mkdir(dirname(o.path), { recursive: true, mode: 0o700 });
      buf = await readFile(o.path).catch((e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT') return Buffer.alloc(0);
        throw e;
      });
    } catch (e) {
      throw ioError(`could not read the outbox journal ${o.path}`, e);
    }
    const decoded = decodeFile(buf);
    for (const p of decoded.problems) {
      const what = p.tail
        ? `ignored a torn or corrupt tail of ${p.bytes} bytes at offset ${p.offset} (${p.reason}); a write cut short by a crash is never one that was confirmed`
        : `skipped ${p.bytes} damaged bytes at offset ${p.offset} (${p.reason}); records after them were kept`;
      o.logger.warn(`outbox journal ${o.path}: ${what}`, { file: o.path, offset: p.offset, bytes: p.bytes });
    }
    let fh: FileHandle;
    try {
      fh = await open(o.path, 'a', 0o600);
      if (buf.length === 0) {
        await writeAll(fh, MAGIC);
        await fh.datasync();
        await syncDir(dirname(o.path));
      }
    } catch (e) {
      throw ioError(`could not open the outbox journal ${o.path} for writing`, e);
    }
    const size = buf.length === 0 ? MAGIC.length : buf.length;
    return { journal: new Journal(o, fh, size), records: decoded.records, damaged: decoded.problems.length > 0 };
  }

  get path(): string {
    return this.o.path;
  }

  /** Queues a record; resolves once it is on disk (rejects with OHK_ERR_OUTBOX_IO). */
  append(record: JournalRecord, options: { lazy?: boolean } = {}): Promise<void> {
    if (this.closed) return Promise.reject(new OctohookError('OHK_ERR_OUTBOX_IO', 'the outbox journal is closed'));
    const frame = encodeFrame(record);
    this.stats.appends++;
    return new Promise<void>((resolve, reject) => {
      this.queue.push(frame);
      this.waiters.push({ resolve, reject });
      if (options.lazy) this.later();
      else {
        this.prompt++;
        this.kick();
      }
    });
  }

  /** Rewrites the journal from the live state now (after opening a damaged file, or on demand). */
  compact(): Promise<void> {
    this.compactWanted = true;
    this.kick(true);
    return this.drain();
  }

  /** Resolves when everything appended so far is on disk. */
  async drain(): Promise<void> {
    while (this.running || this.scheduled || this.queue.length > 0 || this.compactWanted) {
      if (!this.running && !this.scheduled) this.kick(true);
      await (this.running ?? new Promise<void>((r) => setImmediate(r)));
    }
  }

  async close(): Promise<void> {
    await this.drain();
    this.closed = true;
    await this.fh.close().catch(() => {});
  }

  /** Flushes soon: now (`drain`), or after the group window (a prompt record). */
  private kick(now = false): void {
    if (this.running || this.scheduled) return;
    if (this.lazyTimer) clearTimeout(this.lazyTimer);
    this.lazyTimer = null;
    this.scheduled = true;
    const start = (): void => {
      this.scheduled = false;
      this.running = this.loop().finally(() => {
        this.running = null;
        if (this.prompt > 0 || this.compactWanted) this.kick(true);
        else if (this.queue.length > 0) this.later();
      });
    };
    if (now) queueMicrotask(start);
    else if (this.o.windowMs) setTimeout(start, this.o.windowMs);
    else setImmediate(start);
  }

  /** Lazy records: flushed with the next prompt batch, or after `lazyMs`. */
  private later(): void {
    if (this.running || this.scheduled || this.lazyTimer) return;
    this.lazyTimer = setTimeout(() => {
      this.lazyTimer = null;
      this.kick(true);
    }, this.o.lazyMs ?? 250);
  }

  private async loop(): Promise<void> {
    // Lazy records alone only get here through their timer or `drain`: written once.
    let first = true;
    while (first || this.prompt > 0 || this.compactWanted) {
      first = false;
      if (this.compactWanted) {
        this.compactWanted = false;
        await this.rewrite();
        continue;
      }
      if (this.queue.length === 0) continue;
      const frames = this.queue.splice(0);
      const waiters = this.waiters.splice(0);
      this.prompt = 0;
      try {
        const bytes = await writeFrames(this.fh, frames);
        await this.fh.datasync();
        this.stats.syncs++;
        this.grow(bytes);
        for (const w of waiters) w.resolve();
      } catch (e) {
        const err = ioError(`could not write the outbox journal ${this.o.path}`, e);
        this.o.logger.error(err.message, { code: err.code });
        for (const w of waiters) w.reject(err);
      }
      if (this.overBound()) this.compactWanted = true;
    }
  }

  /** The disk bound: the file may not exceed max(minBytes, ratio × live bytes) for longer than one flush. */
  overBound(): boolean {
    const size = this.stats.size;
    return size > this.retryCompactionAt && size > Math.max(this.bound.minBytes, this.bound.ratio * this.o.liveBytes());
  }

  private grow(bytes: number): void {
    this.stats.size += bytes;
    if (this.stats.size > this.stats.peakSize) this.stats.peakSize = this.stats.size;
  }

  private async rewrite(): Promise<void> {
    // Taken synchronously: every record appended so far is reflected in it.
    const records = this.o.snapshot();
    const covered = this.waiters.splice(0);
    const coveredFrames = this.queue.splice(0);
    const coveredPrompt = this.prompt;
    this.prompt = 0;
    const tmp = `${this.o.path}.tmp`;
    let tmpFh: FileHandle | undefined;
    try {
      const body = Buffer.concat([MAGIC, ...records.map(encodeFrame)]);
      tmpFh = await open(tmp, 'w', 0o600);
      await writeAll(tmpFh, body);
      await tmpFh.datasync();
      await tmpFh.close();
      tmpFh = undefined;
      await rename(tmp, this.o.path);
      await syncDir(dirname(this.o.path));
      const old = this.fh;
      this.fh = await open(this.o.path, 'a', 0o600);
      await old.close().catch(() => {});
      this.stats.compactions++;
      this.stats.size = body.length;
      this.retryCompactionAt = 0;
      for (const w of covered) w.resolve();
    } catch (e) {
      await tmpFh?.close().catch(() => {});
      const err = ioError(`could not compact the outbox journal ${this.o.path}`, e);
      this.o.logger.error(err.message, { code: err.code });
      // The old file is intact: the covered records go back to the front of the queue and
      // are appended to it as usual; compaction is tried again after the next flush.
      this.queue.unshift(...coveredFrames);
      this.retryCompactionAt = Math.ceil(this.stats.size * 1.25);
      this.waiters.unshift(...covered);
      this.prompt += coveredPrompt;
    }
  }
}

async function writeAll(fh: FileHandle, buf: Buffer): Promise<void> {
  let off = 0;
  while (off < buf.length) {
    const { bytesWritten } = await fh.write(buf, off, buf.length - off);
    off += bytesWritten;
  }
}

/**
 * Writes a batch with one writev, not joined first: a burst's batch would otherwise be one more
 * copy of every record, a buffer of up to megabytes that stays until the next full GC.
 */
async function writeFrames(fh: FileHandle, frames: Buffer[]): Promise<number> {
  let total = 0;
  for (const f of frames) total += f.length;
  const { bytesWritten } = await fh.writev(frames);
  // A short write (a full disk stops it midway): the rest goes out as one buffer, or fails.
  if (bytesWritten < total) await writeAll(fh, Buffer.concat(frames).subarray(bytesWritten));
  return total;
}

async function syncDir(dir: string): Promise<void> {
  const d = await open(dir, 'r');
  try {
    await d.sync();
  } catch {
    // Some file systems refuse to fsync a directory; the rename is still atomic there.
  } finally {
    await d.close();
  }
}

function ioError(message: string, cause: unknown): OctohookError {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  return new OctohookError('OHK_ERR_OUTBOX_IO', `${message}${code ? ` (${code})` : ''}`, { cause, details: { errno: code } });
}
