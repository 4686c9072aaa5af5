// One writer per journal. The writer (the daemon, or `octohook outbox retry|drop` when no
// daemon runs) holds `outbox.lock`, created with O_EXCL and holding its pid, the boot id and
// the process's start time. A lock whose process is gone (the daemon was SIGKILLed, the Pi lost
// power) is stale and taken over, and so is one from another boot, or whose pid now belongs to
// a process that started at another time: after a power cut the old pid may well be alive
// again as something else. Locks written before the boot id and start time were recorded only
// have the pid, and are judged by it alone.
//
// Errors (OctohookError):
//   OHK_ERR_OUTBOX_LOCKED  another live process holds the state directory's lock
import { readFileSync, statSync } from 'node:fs';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { OctohookError } from '../errors.js';
import { bootId, processStartTime } from './process-identity.js';

export interface LockOwner {
  pid: number;
  role: string;
  since: number;
  /** The boot the lock was taken in (absent in old locks, or where the system has no boot id). */
  boot?: string;
  /** The holder's start time in clock ticks since boot (absent in old locks, or without /proc). */
  start?: string;
}

export interface HeldLock {
  release(): Promise<void>;
}

export async function acquireLock(path: string, role: string): Promise<HeldLock> {
  for (let tries = 0; tries < 3; tries++) {
    try {
      const fh = await open(path, 'wx', 0o600);
      const boot = bootId();
      const start = processStartTime(process.pid);
      const me: LockOwner = { pid: process.pid, role, since: Date.now(), ...(boot ? { boot } : {}), ...(start ? { start } : {}) };
      await fh.writeFile(JSON.stringify(me));
      await fh.sync();
      await fh.close();
      return {
        async release() {
          // Only remove the lock if it is still ours.
          const owner = await readFile(path, 'utf8').then(parseOwner, () => null);
          if (owner?.pid === process.pid) await unlink(path).catch(() => {});
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new OctohookError('OHK_ERR_OUTBOX_IO', `could not create the outbox lock ${path} (${(e as NodeJS.ErrnoException).code ?? 'error'})`, { cause: e });
      }
    }
    const owner = lockOwner(path);
    if (owner) {
      throw new OctohookError(
        'OHK_ERR_OUTBOX_LOCKED',
        `the outbox in ${path.replace(/\/[^/]*$/, '')} is in use by ${owner.role === 'daemon' ? 'an octohook daemon' : `octohook ${owner.role}`} (pid ${owner.pid}); give each daemon its own --state-dir`,
        { details: { pid: owner.pid } },
      );
    }
    // Stale: move it aside (a rename, so two processes cannot both delete a fresh lock), then retry.
    await rename(path, `${path}.stale-${process.pid}`).catch(() => {});
    await unlink(`${path}.stale-${process.pid}`).catch(() => {});
  }
  throw new OctohookError('OHK_ERR_OUTBOX_LOCKED', `could not take the outbox lock ${path}: another process keeps taking it`);
}

/** The live process holding the lock, or null when there is none (or it is stale). */
export function lockOwner(path: string): LockOwner | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return null;
  }
  const owner = parseOwner(text);
  if (!owner) {
    // Being written right now, or garbage left by a crash between create and write.
    try {
      return Date.now() - statSync(path).mtimeMs < 5_000 ? { pid: 0, role: 'process', since: 0 } : null;
    } catch {
      return null;
    }
  }
  return holdsLock(owner) ? owner : null;
}

/**
 * Whether the process that wrote the lock is still running: the same boot, the same process.
 * This holds for our own pid too: a daemon restarted after a power cut often gets the pid its
 * previous run had, and must not take that run's lock for its own.
 */
function holdsLock(owner: LockOwner): boolean {
  const boot = bootId();
  if (owner.boot && boot && owner.boot !== boot) return false;
  if (owner.start) {
    const start = processStartTime(owner.pid);
    if (start) return start === owner.start;
  }
  return isAlive(owner.pid);
}

function parseOwner(text: string): LockOwner | null {
  try {
    const v = JSON.parse(text) as LockOwner;
    return typeof v?.pid === 'number' && v.pid > 0 ? v : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
