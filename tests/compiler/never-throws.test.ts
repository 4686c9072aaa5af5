// No input makes the compiler throw: every one gives diagnostics (exit 1 in the CLI).
import { suite } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkOne, mulberry32, mutate } from '../support/fuzz.js';
import { fixturesDir } from '../support/project-root.js';
import { compile } from '../../compiler/compile.js';

const t = suite('never throws');

const hostile: Array<[string, string | Uint8Array]> = [
  ['empty', ''],
  ['only whitespace', ' \n\t\r\n '],
  ['1 MB of {', '{'.repeat(1 << 20)],
  ['1 MB of [ in a value', 'device ' + '['.repeat(1 << 20)],
  ['deep nesting inside data', `hook h on PrintDone { url "http://127.0.0.1/" data { a: ${'{ b: '.repeat(5000)}1${' }'.repeat(5000)} } }`],
  ['unterminated string', 'hook h on PrintDone { url "http://127.0.0.1/'],
  ['unterminated @{', 'hook h on PrintDone { url "http://127.0.0.1/" data { a: "@{job.file.name | round(" } }'],
  ['binary', new Uint8Array(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))],
  ['invalid UTF-8', new Uint8Array([0x68, 0x6f, 0x6f, 0x6b, 0x20, 0xc3, 0x28, 0xff])],
  ['NUL bytes', 'hook\u0000 h on PrintDone {\u0000}'],
  ['lone surrogates', 'device "\ud800"\nhook h on PrintDone { url "http://127.0.0.1/\udc00" data { x: "\ud83d" } }'],
  ['many errors', '} '.repeat(100000)],
  ['long line of @', '"' + '@'.repeat(200000) + '"'],
  ['1 MB of ( in a condition', 'hook h on PrintDone { when ' + '('.repeat(1 << 20) + ' url "http://127.0.0.1/" }'],
  ['100 000 ands', `hook h on PrintDone { when ${Array.from({ length: 100000 }, () => '@job.file.size > 10min').join(' and ')} url "http://127.0.0.1/" }`],
  ['100 000 nots', `hook h on PrintDone { when ${'not '.repeat(100000)}@job.file.name == 3 url "http://127.0.0.1/" }`],
  ['broken quiet hours', 'timezone @env.TZ\nquiet 99:99-\nquiet 23:00-07:00 except , , \nhook h on PrintDone { quiet except when == url "http://127.0.0.1/" }'],
];

for (const [name, input] of hostile) {
  t(name, () => {
    const started = Date.now();
    const problem = checkOne(input);
    assert.is(problem, undefined, problem);
    const d = compile(input).diagnostics;
    // Lone surrogates are legal string content (the emitter escapes them); everything else here is broken.
    if (name !== 'lone surrogates') assert.ok(d.length > 0, 'reports something');
    assert.ok(Date.now() - started < 20_000, 'finishes');
  });
}

t('a few thousand seeded mutations of every fixture', () => {
  const dirs = [join(fixturesDir, 'check'), join(fixturesDir, 'emit')];
  const seeds = dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.ohk')).map((f) => readFileSync(join(d, f), 'latin1')));
  const rnd = mulberry32(20261128);
  const count = Number(process.env.FUZZ_CASES ?? 3000);
  for (let i = 0; i < count; i++) {
    const input = mutate(seeds[i % seeds.length], rnd);
    const problem = checkOne(input);
    if (problem) assert.unreachable(`case ${i}: ${problem}\ninput: ${JSON.stringify(input)}`);
  }
});

t.run();
