// The test entry point: runs every uvu suite under dist/tests and ends with the plain
// `N passed, N failed` line CI reads. uvu prints its own totals; we read them from its
// output rather than reaching into its internals, which are not a public API.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

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

const files = walk(here, []).filter((f) => !filter || f.includes(filter));
const g = globalThis as unknown as { UVU_DEFER: number; UVU_INDEX: number; UVU_QUEUE: unknown[][] };
g.UVU_DEFER = 1;
const uvu = await import('uvu');
g.UVU_QUEUE = g.UVU_QUEUE ?? [];
let index = 0;
for (const file of files) {
  g.UVU_INDEX = index++;
  g.UVU_QUEUE.push([relative(here, file)]);
  await import(pathToFileURL(file).href);
}

let captured = '';
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
  captured += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
  return (write as (c: unknown, ...r: unknown[]) => boolean)(chunk, ...rest);
}) as typeof process.stdout.write;
await uvu.exec(false);
process.stdout.write = write;

// eslint-disable-next-line no-control-regex
const plain = captured.replace(/\x1b\[[0-9;]*m/g, '');
const total = Number(/Total:\s+(\d+)/.exec(plain)?.[1] ?? 0);
const passed = Number(/Passed:\s+(\d+)/.exec(plain)?.[1] ?? 0);
const skipped = Number(/Skipped:\s+(\d+)/.exec(plain)?.[1] ?? 0);
const failed = total - passed - skipped;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
if (failed > 0 || total === 0) process.exitCode = 1;
