// What tells one process apart from a later one that got the same pid. A pid alone does not:
// after a power cut the daemon's old pid may belong to any process of the new boot, and a lock
// read as "alive" would keep the daemon from starting. Linux gives a random id per boot and each
// process's start time (clock ticks since boot); elsewhere neither is read and both are null, so
// a lock falls back to "is that pid alive", which never takes a lock still held.
import { readFileSync } from 'node:fs';

const procRoot = '/proc';

function readProc(path: string): string | null {
  try {
    return readFileSync(`${procRoot}/${path}`, 'utf8');
  } catch {
    return null;
  }
}

let cachedBootId: string | null | undefined;

/** This boot's id (Linux /proc/sys/kernel/random/boot_id), or null where there is none. */
export function bootId(): string | null {
  if (cachedBootId === undefined) cachedBootId = readProc('sys/kernel/random/boot_id')?.trim() || null;
  return cachedBootId;
}

/**
 * When the process `pid` started, in clock ticks since boot (field 22 of /proc/PID/stat), or
 * null when it cannot be read (no such process, or no /proc).
 */
export function processStartTime(pid: number): string | null {
  const stat = readProc(`${pid}/stat`);
  if (!stat) return null;
  // Field 2 is the command name in parentheses and may itself hold spaces or ')'; the fields
  // after the last ')' start at field 3, so field 22 is the 20th of them.
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const start = rest[19];
  return start && /^\d+$/.test(start) ? start : null;
}
