// deploy/octohook.service's memory settings, as bench:memory reads and measures them
// (docs/performance.md, memory):
// (a) bench:memory starts the daemon with the unit's node flags and its Environment= variables;
// (b) node accepts those flags and they size the heap as intended: the old generation is
//     capped (which keeps V8's heap growth at 1.3x of what is live), yet with room for all
//     the dead letters the outbox may keep in memory, several times over;
// (c) V8's optimizing compiler is off;
// (d) malloc is limited to a few arenas.
import { test } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { parseServiceUnit, serviceUnitLaunch } from '../../scripts/service-unit.js';
import { DEFAULT_MAX_DEAD_BYTES } from '../../runtime/outbox/outbox.js';

const MiB = 1024 * 1024;
const unit = serviceUnitLaunch();

test('bench:memory reads the node flags and the environment of ExecStart', () => {
  const parsed = parseServiceUnit('[Service]\nEnvironment=A_B=2\nEnvironment=OCTOHOOK_STATE_DIR=%S/octohook\nExecStart=/usr/bin/node --x=1 --y /opt/b.mjs --log-format json\n');
  assert.equal(parsed.nodeFlags, ['--x=1', '--y']);
  assert.equal(parsed.env, { A_B: '2', OCTOHOOK_STATE_DIR: '%S/octohook' });
  assert.ok(unit.nodeFlags.length > 0, 'the unit starts node with flags');
});

test('the unit caps the old generation, with room for every dead letter the outbox keeps', () => {
  const flag = unit.nodeFlags.find((f) => f.startsWith('--max-old-space-size='));
  assert.ok(flag, `no --max-old-space-size in ${unit.nodeFlags.join(' ')}`);
  const mib = Number(flag!.split('=')[1]);
  // V8 grows the heap by at most 1.3x of what is live up to 256 MiB of old generation on 64-bit hosts.
  assert.ok(mib <= 256, `${mib} MiB lets V8 grow the heap by up to 4x after a burst`);
  assert.ok(mib * MiB >= 3 * DEFAULT_MAX_DEAD_BYTES, `${mib} MiB leaves too little room for ${DEFAULT_MAX_DEAD_BYTES / MiB} MiB of dead letters`);
});

test('node takes the unit flags and sizes its heap by them', () => {
  const out = execFileSync(process.execPath, [...unit.nodeFlags, '-e', "const v8 = require('node:v8'); process.stdout.write(String(v8.getHeapStatistics().heap_size_limit))"], { encoding: 'utf8' });
  const limit = Number(out);
  const old = Number(unit.nodeFlags.find((f) => f.startsWith('--max-old-space-size='))!.split('=')[1]) * MiB;
  // The limit is the old generation plus the young one (a few MiB with --max-semi-space-size=1).
  assert.ok(limit >= old && limit <= old + 16 * MiB, `heap limit ${limit / MiB} MiB for a ${old / MiB} MiB old generation`);
});

test('the unit turns off V8\'s optimizing compiler, and node knows the flag', () => {
  assert.ok(unit.nodeFlags.includes('--no-opt'), unit.nodeFlags.join(' '));
  const out = execFileSync(process.execPath, [...unit.nodeFlags, '--allow-natives-syntax', '-e', 'function f(x) { return x + 1 } %PrepareFunctionForOptimization(f); f(1); f(2); %OptimizeFunctionOnNextCall(f); f(3); process.stdout.write(String(%GetOptimizationStatus(f) & 16))'], { encoding: 'utf8' });
  // Bit 16 of V8's optimization status: the function runs as TurboFan code.
  assert.is(out, '0');
});

test('the unit limits malloc to two arenas', () => {
  assert.is(unit.env.MALLOC_ARENA_MAX, '2');
});

test('the unit pins malloc\'s trim threshold, so freed memory at the top of its heap goes back', () => {
  // Unset, glibc raises the threshold itself as large blocks are freed, up to 64 MiB, and keeps
  // that much; pinned, it also stops raising it (docs/performance.md, memory, fifth pass).
  const bytes = Number(unit.env.MALLOC_TRIM_THRESHOLD_);
  assert.ok(Number.isInteger(bytes) && bytes > 0 && bytes <= 256 * 1024, `MALLOC_TRIM_THRESHOLD_=${unit.env.MALLOC_TRIM_THRESHOLD_}`);
});

test.run();
