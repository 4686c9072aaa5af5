// The test entry point: imports every *.test.js under dist/tests (or those whose path contains
// the first argument), runs the suites each file queued through tests/support/suite-runner.ts, and
// ends with the plain `N passed, N failed` line CI reads. It exits non-zero on any failure, or
// when no test ran at all (a filter that matches nothing is a mistake, not a pass).
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { takeQueued } from './support/suite-runner.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const filter = process.argv[2];

function walk(dir: string, out: string[]): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (p.endsWith('.test.js')) out.push(p);
  }
  return out;
}

const write = (text: string) => void process.stdout.write(text);
const files = walk(here, []).filter((f) => !filter || f.includes(filter));
let passed = 0;
let failed = 0;
let skipped = 0;
let running = true;
process.on('exit', () => {
  if (!running) return;
  process.stderr.write('The test run ended before every suite had finished.\n');
  process.exitCode = process.exitCode || 1;
});

for (const file of files) {
  write(`${relative(here, file)}\n`);
  await import(pathToFileURL(file).href);
  const failures: string[] = [];
  for (const queued of takeQueued()) {
    const result = await queued.execute(write);
    passed += result.passed;
    failed += result.failed;
    skipped += result.skipped;
    failures.push(...result.failures);
  }
  if (failures.length) write(`\n${failures.join('\n')}`);
  write('\n');
}
running = false;

console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
if (failed > 0 || passed + failed === 0) process.exitCode = 1;
