// 100,000 seeded mutations of the fixtures through parse, check and emit: no throw, no bad
// range, no invalid emitted JavaScript. `npm run fuzz [-- CASES SEED]`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkOne, mulberry32, mutate } from '../tests/support/fuzz.js';
import { fixturesDir } from '../tests/support/project-root.js';

const count = Number(process.argv[2] ?? 100_000);
const seed = Number(process.argv[3] ?? 1);
const dirs = [join(fixturesDir, 'check'), join(fixturesDir, 'emit')];
const seeds = dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.ohk')).map((f) => readFileSync(join(d, f), 'latin1')));
const rnd = mulberry32(seed);
const started = process.hrtime.bigint();
let failures = 0;
for (let i = 0; i < count; i++) {
  const input = mutate(seeds[i % seeds.length], rnd);
  const problem = checkOne(input);
  if (problem) {
    failures++;
    if (failures <= 5) console.log(`case ${i}: ${problem}\n  input: ${JSON.stringify(input).slice(0, 400)}`);
  }
  if ((i + 1) % 10_000 === 0) console.log(`${i + 1} cases, ${failures} failures`);
}
const ms = Number(process.hrtime.bigint() - started) / 1e6;
console.log(`${count} cases in ${(ms / 1000).toFixed(1)} s (${((ms * 1000) / count).toFixed(0)} µs per case), ${failures} failures`);
process.exitCode = failures ? 1 : 0;
