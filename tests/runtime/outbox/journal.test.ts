// The outbox journal on disk: framing, crash damage (torn tails, flipped bits), group
// commit, the compaction bound, the single-writer lock, the dead-letter bound.
import { appendFileSync, mkdtempSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { suite } from '../../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { ManualClock } from '../../../runtime/clock.js';
import { isOctohookError } from '../../../runtime/errors.js';
import { prepareRequest } from '../../../runtime/http/prepare-request.js';
import { decodeFile, encodeFrame, MAGIC } from '../../../runtime/outbox/frame.js';
import { Outbox, type OutboxOptions } from '../../../runtime/outbox/outbox.js';
import { resolveStateDir, statePaths } from '../../../runtime/outbox/state-dir.js';
import { MemoryLogger } from '../../support/memory-logger.js';

const t = suite('outbox: journal');
const fresh = () => mkdtempSync(join(tmpdir(), 'octohook-journal-'));
const request = (n: number, size = 40) =>
  prepareRequest({ method: 'POST', content: 'json', url: `http://127.0.0.1:9/hook?n=${n}`, headers: { 'X-N': String(n) }, data: { n, pad: 'x'.repeat(size) } });
const open = (dir: string, logger = new MemoryLogger(), more: Partial<OutboxOptions> = {}) => Outbox.open({ dir, logger, clock: new ManualClock(), ...more });
let counter = 0;
const add = (box: Outbox, hook = 'api', size = 40) => box.add({ id: `msg_test${++counter}`, hook, trigger: 'PrintDone', request: request(counter, size) });

t('frames: round trip, and a buffer without the magic is reported, not thrown', () => {
  const buf = Buffer.concat([MAGIC, encodeFrame({ t: 'done', id: 'a' }), encodeFrame({ t: 'done', id: 'b' })]);
  const d = decodeFile(buf);
  assert.equal(d.records, [{ t: 'done', id: 'a' }, { t: 'done', id: 'b' }]);
  assert.is(d.end, buf.length);
  assert.equal(d.problems, []);
  assert.is(decodeFile(Buffer.from('hello world')).problems[0].reason, 'not an octohook journal (bad magic)');
});

t('a delivery survives a reopen: pending with its request, attempts and schedule; the stored bytes are identical', async () => {
  const dir = fresh();
  const box = await open(dir);
  const { delivery, durable } = add(box);
  await durable;
  box.retryScheduled(delivery.id, 2, 123_456, 'HTTP 503');
  const other = add(box);
  box.deadLetter(other.delivery.id, 5, 'gave up after 5 attempts: HTTP 503');
  const gone = add(box);
  box.delivered(gone.delivery.id);
  await box.close();

  const again = await open(dir);
  const list = again.list();
  assert.equal(list.map((d) => [d.id, d.state, d.attempts, d.reason]), [
    [delivery.id, 'pending', 2, 'HTTP 503'],
    [other.delivery.id, 'dead', 5, 'gave up after 5 attempts: HTTP 503'],
  ]);
  assert.is(list[0].nextAt, 123_456);
  assert.equal(list[0].req, delivery.req);
  await again.close();
});

t('a torn tail after a crash: a warning naming the file and offset, everything committed kept, the file repaired', async () => {
  const dir = fresh();
  const { journal } = statePaths(dir);
  const box = await open(dir);
  const a = add(box);
  const b = add(box);
  await Promise.all([a.durable, b.durable]);
  await box.close();
  const good = statSync(journal).size;
  // A record cut short by the crash: a header promising 500 bytes, and 20 of them.
  const torn = Buffer.alloc(28);
  torn.writeUInt32LE(500, 0);
  torn.writeUInt32LE(0xdeadbeef, 4);
  appendFileSync(journal, torn);

  const logger = new MemoryLogger();
  const again = await open(dir, logger);
  assert.equal(again.list().map((d) => d.id), [a.delivery.id, b.delivery.id]);
  const warn = logger.at('warn')[0];
  assert.ok(warn, 'a warning');
  assert.ok(warn.msg.includes(journal), warn.msg);
  assert.match(warn.msg, new RegExp(`torn or corrupt tail of 28 bytes at offset ${good}`));
  assert.is(warn.fields?.offset, good);
  // Repaired: appending goes on after the good records, and the next open is clean.
  const c = add(again);
  await c.durable;
  await again.close();
  const quiet = new MemoryLogger();
  const third = await open(dir, quiet);
  assert.is(third.list().length, 3);
  assert.equal(quiet.at('warn'), []);
  await third.close();
});

t('a flipped bit in the middle: that record is skipped and reported, the ones after it kept', async () => {
  const dir = fresh();
  const { journal } = statePaths(dir);
  const box = await open(dir);
  const ids = [add(box), add(box), add(box)];
  await Promise.all(ids.map((x) => x.durable));
  await box.close();
  const buf = readFileSync(journal);
  const d = decodeFile(buf);
  assert.is(d.records.length, 3);
  // Corrupt a byte inside the second record's payload.
  const secondStart = MAGIC.length + 8 + buf.readUInt32LE(MAGIC.length);
  buf[secondStart + 20] ^= 0x01;
  writeFileSync(journal, buf);
  const logger = new MemoryLogger();
  const again = await open(dir, logger);
  assert.equal(again.list().map((x) => x.id), [ids[0].delivery.id, ids[2].delivery.id]);
  assert.match(logger.at('warn')[0].msg, new RegExp(`skipped \\d+ damaged bytes at offset ${secondStart} \\(checksum mismatch\\)`));
  await again.close();
});

t('an empty or truncated-to-the-magic file is an empty outbox, not an error', async () => {
  const dir = fresh();
  const { journal } = statePaths(dir);
  writeFileSync(journal, '');
  const a = await open(dir);
  assert.is(a.list().length, 0);
  await a.close();
  truncateSync(journal, 3);
  const logger = new MemoryLogger();
  const b = await open(dir, logger);
  assert.is(b.list().length, 0);
  assert.is(logger.at('warn').length, 1);
  const x = add(b);
  await x.durable;
  await b.close();
  const c = await open(dir);
  assert.is(c.list().length, 1);
  await c.close();
});

t('group commit: a burst of 200 records shares a handful of fsyncs', async () => {
  const dir = fresh();
  const box = await open(dir);
  const all = Array.from({ length: 200 }, () => add(box, `hook${counter % 4}`));
  await Promise.all(all.map((x) => x.durable));
  for (const x of all) box.delivered(x.delivery.id);
  await box.flush();
  const stats = box.stats!;
  assert.is(stats.appends, 400);
  assert.ok(stats.syncs <= 4, `syncs: ${stats.syncs}`);
  await box.close();
});

t('compaction keeps the file within max(minBytes, ratio × live) and loses nothing', async () => {
  const dir = fresh();
  const { journal } = statePaths(dir);
  const box = await open(dir, new MemoryLogger(), { compaction: { minBytes: 64 * 1024, ratio: 2 } });
  const keep = [add(box, 'keep', 500), add(box, 'keep', 500)];
  let peak = 0;
  for (let round = 0; round < 100; round++) {
    const batch = Array.from({ length: 10 }, () => add(box, 'churn', 1000));
    await Promise.all(batch.map((x) => x.durable));
    for (const x of batch) box.delivered(x.delivery.id);
    await box.flush();
    peak = Math.max(peak, statSync(journal).size);
  }
  const stats = box.stats!;
  // ~1 MB went through the journal; it never held more than the bound plus one batch.
  assert.ok(stats.compactions >= 5, `compactions: ${stats.compactions}`);
  assert.ok(peak <= 64 * 1024 + 2 * 12 * 1400, `peak ${peak}`);
  assert.ok(statSync(journal).size <= 64 * 1024);
  await box.close();
  const again = await open(dir);
  assert.equal(again.list().map((d) => d.id), keep.map((k) => k.delivery.id));
  await again.close();
});

t('dead letters are bounded: past maxDead the oldest are dropped with a warning', async () => {
  const dir = fresh();
  const logger = new MemoryLogger();
  const box = await open(dir, logger, { maxDead: 3 });
  const xs = Array.from({ length: 5 }, () => add(box));
  for (const x of xs) box.deadLetter(x.delivery.id, 1, 'HTTP 404');
  assert.equal(box.list().map((d) => d.id), xs.slice(2).map((x) => x.delivery.id));
  assert.is(logger.at('warn').filter((r) => /too many dead letters/.test(r.msg)).length, 2);
  await box.close();
});

t('requeue and drop: dead letters back at the end with attempts reset; unknown ids reported', async () => {
  const dir = fresh();
  const box = await open(dir);
  const a = add(box);
  const b = add(box);
  box.deadLetter(a.delivery.id, 5, 'HTTP 503');
  const r = box.requeue({ ids: [a.delivery.id, b.delivery.id, 'msg_nope'] });
  assert.equal(r.requeued.map((d) => d.id), [a.delivery.id]);
  assert.equal(r.missing, [b.delivery.id, 'msg_nope'], 'a pending delivery is not a dead letter');
  assert.equal(box.list().map((d) => [d.id, d.state, d.attempts]), [[b.delivery.id, 'pending', 0], [a.delivery.id, 'pending', 0]]);
  const dr = box.drop({ ids: [b.delivery.id] });
  assert.equal(dr.dropped.map((d) => d.id), [b.delivery.id]);
  await box.close();
  const again = await open(dir);
  assert.equal(again.list().map((d) => d.id), [a.delivery.id]);
  await again.close();
});

t('one writer: a second open fails with OHK_ERR_OUTBOX_LOCKED; a stale lock of a dead process is taken over', async () => {
  const dir = fresh();
  const box = await open(dir);
  try {
    await open(dir);
    assert.unreachable('a second writer');
  } catch (e) {
    assert.ok(isOctohookError(e, 'OHK_ERR_OUTBOX_LOCKED'), String(e));
    assert.match((e as Error).message, new RegExp(`in use by an octohook daemon \\(pid ${process.pid}\\)`));
  }
  await box.close();
  // A lock left by a process that no longer exists.
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
  writeFileSync(statePaths(dir).lock, JSON.stringify({ pid: Number(dead), role: 'daemon', since: 0 }));
  const taken = await open(dir);
  await taken.close();
});

t('state dir: flag, then OCTOHOOK_STATE_DIR, then XDG_STATE_HOME, then ~/.local/state', () => {
  assert.is(resolveStateDir('/a', { OCTOHOOK_STATE_DIR: '/b' }), '/a');
  assert.is(resolveStateDir(undefined, { OCTOHOOK_STATE_DIR: '/b', XDG_STATE_HOME: '/c' }), '/b');
  assert.is(resolveStateDir(undefined, { XDG_STATE_HOME: '/c' }), '/c/octohook');
  assert.is(resolveStateDir(undefined, { XDG_STATE_HOME: 'relative', HOME: '/home/pi' }), '/home/pi/.local/state/octohook');
  assert.is(resolveStateDir(undefined, { HOME: '/home/pi' }), '/home/pi/.local/state/octohook');
});

t.run();
