// The catalogue is the one place messages are written; its constructors are typed from the
// messages. Here: codes are unique, every `{name}` in a message is filled by the constructor's
// argument of that name, and the type checker refuses a missing, extra or misspelled argument
// (the @ts-expect-error lines fail `npm run typecheck` if a constructor ever stops checking).
import { test } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { catalogue, placeholderPattern, type DiagnosticId } from '../../language/catalogue.js';
import { diag } from '../../language/diagnostic.js';
import type { Range } from '../../language/range.js';

const range: Range = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 2, offset: 1 } };

test('every code is used once', () => {
  const codes = Object.values(catalogue).map((e) => e.code);
  const twice = codes.filter((c, i) => codes.indexOf(c) !== i);
  assert.equal(twice, []);
  for (const c of codes) assert.match(c, /^OH[1-6]\d{3}$/);
});

test('each placeholder is filled from the argument of its name, and only placeholders are', () => {
  for (const [id, entry] of Object.entries(catalogue)) {
    const names = [...new Set([...entry.message.matchAll(placeholderPattern)].map((m) => m[1]))];
    const args = Object.fromEntries(names.map((n) => [n, `<${n}>`]));
    const build = diag[id as DiagnosticId] as (r: Range, ...rest: unknown[]) => { message: string };
    const message = names.length ? build(range, args).message : build(range).message;
    for (const n of names) assert.ok(message.includes(`<${n}>`), `${id}: {${n}} not filled`);
    // Braces left are text ("{}", "{ … }"), never a name the type checker would have asked for.
    for (const m of message.matchAll(/\{([^}]*)\}/g)) assert.ok(m[1] === '' || /[ .@]/.test(m[1]), `${id}: '${m[0]}' left in "${message}"`);
  }
});

test('a constructor writes the message with its arguments, as the golden fixtures read', () => {
  assert.is(diag.unknownField(range, { name: 'nme', parent: 'job.file' }).message, "'nme' is not a field of job.file.");
  assert.is(diag.noPayload(range, { triggers: 'Startup', path: 'x' }).message, "No data comes with Startup: '@extra' is {} there, so '@extra.x' is always empty.");
  assert.is(diag.noTriggers(range, { name: 'h' }).message, "Hook 'h' has no triggers: write 'hook h on PrintDone { … }'.");
  assert.is(diag.noHooks(range).code, 'OH3080');
});

test('the type checker holds each constructor to its names', () => {
  // @ts-expect-error: 'parent' is missing
  diag.unknownField(range, { name: 'nme' });
  // @ts-expect-error: 'field' is not a name of this message
  diag.unknownField(range, { field: 'nme', parent: 'job' });
  // @ts-expect-error: this message has no names
  diag.noHooks(range, { name: 'x' });
  // @ts-expect-error: a message with names needs them
  diag.duplicateHook(range);
  assert.ok(true);
});

test.run();
