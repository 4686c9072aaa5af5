// The outbox lock after a power cut: a pid alone does not say the lock's writer still runs,
// since the new boot may have given that pid to any process (often to the restarted daemon
// itself). The lock records the boot id and the process start time; a lock from another boot,
// or whose pid now belongs to a process that started at another time, is taken over, while a
// live holder of this boot is respected, and a lock in the old pid-only format is still read.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from '../../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { isOctohookError } from '../../../runtime/errors.js';
import { acquireLock, lockOwner } from '../../../runtime/outbox/lock.js';
import { bootId, processStartTime } from '../../../runtime/outbox/process-identity.js';

const t = suite('outbox: the lock across reboots and reused pids');
const lockPath = () => join(mkdtempSync(join(tmpdir(), 'octohook-lock-')), 'outbox.lock');
const otherBoot = '00000000-0000-4000-8000-000000000000';
// The test's parent (npm, or the shell) is alive for the whole test and is not this process.
const livePid = process.ppid;

async function takenOver(path: string): Promise<void> {
  assert.is(lockOwner(path), null, 'the lock reads as stale');
  const held = await acquireLock(path, 'daemon');
  const now = JSON.parse(readFileSync(path, 'utf8')) as { pid: number };
  assert.is(now.pid, process.pid, 'the lock is ours now');
  await held.release();
}

async function respected(path: string, pid: number): Promise<void> {
  assert.is(lockOwner(path)?.pid, pid);
  try {
    await acquireLock(path, 'daemon');
    assert.unreachable('the lock was taken from a live holder');
  } catch (e) {
    assert.ok(isOctohookError(e, 'OHK_ERR_OUTBOX_LOCKED'), String(e));
    assert.match((e as Error).message, `pid ${pid}`);
  }
}

t('the lock records this boot and the holder start time, read from /proc', async () => {
  const path = lockPath();
  const held = await acquireLock(path, 'daemon');
  const written = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  assert.is(written.boot, readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim());
  assert.match(String(written.start), /^\d+$/);
  assert.is(written.start, processStartTime(process.pid));
  await held.release();
});

t('a lock from another boot is taken over although its pid is alive, even when the pid is ours', async () => {
  const a = lockPath();
  writeFileSync(a, JSON.stringify({ pid: livePid, role: 'daemon', since: 0, boot: otherBoot, start: processStartTime(livePid) }));
  await takenOver(a);
  const b = lockPath();
  writeFileSync(b, JSON.stringify({ pid: process.pid, role: 'daemon', since: 0, boot: otherBoot, start: processStartTime(process.pid) }));
  await takenOver(b);
});

t('a lock whose pid now belongs to a process with another start time is taken over', async () => {
  const path = lockPath();
  const start = String(Number(processStartTime(livePid)) + 1);
  writeFileSync(path, JSON.stringify({ pid: livePid, role: 'daemon', since: 0, boot: bootId(), start }));
  await takenOver(path);
});

t('a live holder from this boot is respected', async () => {
  const path = lockPath();
  writeFileSync(path, JSON.stringify({ pid: livePid, role: 'daemon', since: 0, boot: bootId(), start: processStartTime(livePid) }));
  await respected(path, livePid);
});

t('the old format (pid only) is still read: a live pid holds the lock', async () => {
  const path = lockPath();
  writeFileSync(path, JSON.stringify({ pid: livePid, role: 'daemon', since: 0 }));
  await respected(path, livePid);
});

t('the start time is read past a command name holding spaces and parentheses', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'octohook-comm-'));
  const odd = join(dir, 'a) b c');
  symlinkSync(process.execPath, odd);
  const child = spawn(odd, ['-e', 'setTimeout(() => {}, 5000)'], { stdio: 'ignore' });
  try {
    await new Promise((resolve) => child.once('spawn', resolve));
    assert.match(readFileSync(`/proc/${child.pid}/stat`, 'utf8'), '(a) b c)');
    const childStart = Number(processStartTime(child.pid!));
    // A later process started later; a misread field (say the thread count) would not be.
    assert.ok(childStart >= Number(processStartTime(process.pid)), `start ${childStart}`);
  } finally {
    child.kill('SIGKILL');
  }
});

t.run();
