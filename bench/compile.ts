// bench:compile — how fast `octohookc check` answers. Cold: a fresh process checking the
// design example, against a fresh `node -e ""` measured in the same run (the floor no CLI
// can beat), so the ratio says how much octohook adds. Warm: parse + check + emit of a
// generated 1,000-hook file, per hook.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile } from '../compiler/compile.js';
import { projectRoot } from '../tests/support/project-root.js';
import { median } from './support/stats.js';

function timeProcess(args: string[], runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    try {
      execFileSync(process.execPath, args, { stdio: 'ignore' });
    } catch {
      // check exits 1 on errors; the example has none, but timing is what matters here
    }
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(times);
}

export function generateHooks(n: number): string {
  const lines = ['device "bench"', 'secret @env.BENCH_SECRET', ''];
  const triggers = ['PrintStarted', 'PrintDone', 'PrintFailed', 'PrintPaused', 'UserActionNeeded', 'Error'];
  for (let i = 0; i < n; i++) {
    lines.push(
      `hook h${i} on ${triggers[i % triggers.length]}, PrintDone, Progress every ${(i % 9) + 1}0% {`,
      `  url "http://127.0.0.1:8080/hooks/${i}/@deviceIdentifier"`,
      `  headers { X-Hook: "h${i}", X-Topic: "@topic" }`,
      `  data {`,
      `    topic: @topic, message: @message, file: @job.file.name, z: @currentZ,`,
      `    left: "@{progress.printTimeLeft | duration} left", done: "@{progress.completion | round(1)}%",`,
      `    state: @state.text, when: "@{currentTime | date}",`,
      `  }`,
      `}`,
    );
  }
  return lines.join('\n') + '\n';
}

const runs = Number(process.env.BENCH_RUNS ?? 7);
const cli = join(projectRoot, 'bin', 'octohookc.js');
const example = join(projectRoot, 'examples', 'hooks.ohk');
const nodeFloor = timeProcess(['-e', ''], runs);
const cold = timeProcess([cli, 'check', example], runs);

const big = generateHooks(1000);
const dir = mkdtempSync(join(tmpdir(), 'octohook-bench-'));
writeFileSync(join(dir, 'big.ohk'), big);
compile(big, { emit: true }); // warm the JIT once
const warm: number[] = [];
for (let i = 0; i < 5; i++) {
  const t0 = process.hrtime.bigint();
  const r = compile(big, { emit: true });
  warm.push(Number(process.hrtime.bigint() - t0) / 1e6);
  if (r.diagnostics.some((d) => d.severity === 'error')) throw new Error(`generated file has errors: ${r.diagnostics[0].message}`);
}
const coldBig = timeProcess([cli, 'check', join(dir, 'big.ohk')], 3);
rmSync(dir, { recursive: true, force: true });
const perHookUs = (median(warm) * 1000) / 1000;

console.log(`node -e "" (floor, same run)        ${nodeFloor.toFixed(0)} ms`);
console.log(`octohookc check design example, cold ${cold.toFixed(0)} ms   (budget 300 ms)`);
console.log(`octohookc check 1,000 hooks, cold    ${coldBig.toFixed(0)} ms   (${big.length} bytes)`);
console.log(`compile 1,000 hooks in process       ${median(warm).toFixed(1)} ms = ${perHookUs.toFixed(0)} µs per hook (parse, check, emit)`);
console.log(`ratio: cold check / node floor = ${(cold / nodeFloor).toFixed(2)}x`);
