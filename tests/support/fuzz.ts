// Seeded mutation fuzzing of the compiler: the same seed gives the same inputs, so a
// failure can be replayed. Used by the test suite (a few thousand cases) and by
// bench/fuzz.ts (100,000).
import { compile } from '../../compiler/compile.js';
import { mulberry32 } from './seeded-random.js';

export { mulberry32 };

const pieces = ['{', '}', '[', ']', '(', ')', ':', ',', ';', '"', "'", '@', '@{', '|', '.', '%', '\\', '/*', '*/', '//', '\n', ' ', 'hook', 'on', 'every', 'oauth', 'data', '@job.file.name', '@@', '10s', '1640 x 1232', '0x1F', '-1e999', '\u2028', '\ud800', '\u0000', '😀', 'PrintDone', 'Progress', '`${x}`', '</script>',
  // Conditions and quiet hours.
  'when', 'quiet', 'timezone', 'when @job.file.size > 5MB', '==', '!=', '<=', '>', 'and', 'or', 'not', 'in [', 'contains', 'matches', '"(a+)+"', '"["',
  '10min', '5MB', '23:00-07:00', '24:61', 'except', 'off', '"Europe/Berlin"'];

export function mutate(input: string, rnd: () => number): string {
  let s = input;
  const n = 1 + Math.floor(rnd() * 4);
  for (let k = 0; k < n; k++) {
    const at = Math.floor(rnd() * (s.length + 1));
    const op = Math.floor(rnd() * 6);
    if (op === 0) s = s.slice(0, at) + pieces[Math.floor(rnd() * pieces.length)] + s.slice(at);
    else if (op === 1) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(rnd() * 20));
    else if (op === 2) {
      const len = Math.floor(rnd() * 60);
      s = s.slice(0, at) + s.slice(at, at + len) + s.slice(at);
    } else if (op === 3) s = s.slice(0, at);
    else if (op === 4) s = s.slice(0, at) + String.fromCharCode(Math.floor(rnd() * 0x10000)) + s.slice(at);
    else {
      const b = Math.floor(rnd() * (s.length + 1));
      s = s.slice(0, Math.min(at, b)) + s.slice(Math.max(at, b)).split('').reverse().join('');
    }
  }
  return s;
}

/** Compiles one input; returns a problem description, or undefined when all is well. */
export function checkOne(input: string | Uint8Array): string | undefined {
  let result;
  try {
    result = compile(input, { fileName: 'fuzz.ohk', emit: true });
  } catch (e) {
    return `threw: ${e instanceof Error ? e.stack : String(e)}`;
  }
  for (const d of result.diagnostics) {
    const { start, end } = d.range;
    if (!(start.line >= 1 && start.column >= 1 && end.offset >= start.offset && Number.isFinite(end.offset))) {
      return `bad range ${JSON.stringify(d.range)} for ${d.code}`;
    }
    if (!/^OH\d{4}$/.test(d.code) || !d.message) return `bad diagnostic ${JSON.stringify(d)}`;
  }
  if (result.code !== undefined) {
    try {
      // The emitted module must at least be syntactically valid JavaScript.
      new Function(result.code.replace(/^export default /m, 'return '));
    } catch (e) {
      return `emitted invalid JavaScript: ${(e as Error).message}`;
    }
  }
  return undefined;
}
