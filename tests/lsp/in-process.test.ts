// In-process checks of the language server's tables and completion context, without a server:
// the settings completion offers are exactly those the checker accepts, and the context read
// with the grammar's lexer takes broken text around a cursor as an editor user means it.
import { test } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { compile } from '../../compiler/compile.js';
import { completionContext } from '../../compiler/lsp/completion-context.js';
import { settingsOf, type SettingsBlock } from '../../language/settings-table.js';

const wrap: Record<Exclude<SettingsBlock, 'top'>, (line: string) => string> = {
  hook: (l) => `hook a on PrintDone {\n  url "https://example.com"\n  ${l}\n}\n`,
  oauth: (l) => `oauth t {\n  ${l}\n}\nhook a on PrintDone {\n  url "https://example.com"\n  oauth t\n}\n`,
  octoprint: (l) => `octoprint {\n  ${l}\n}\nhook a on PrintDone {\n  url "https://example.com"\n}\n`,
  printer: (l) => `printer mk3 {\n  ${l}\n}\nhook a on PrintDone {\n  url "https://example.com"\n}\n`,
  webcam: (l) => `webcam {\n  ${l}\n}\nhook a on PrintDone {\n  url "https://example.com"\n}\n`,
  snapshot: (l) => `hook a on PrintDone {\n  url "https://example.com"\n  snapshot {\n    ${l}\n  }\n}\n`,
  retry: (l) => `hook a on PrintDone {\n  url "https://example.com"\n  retry {\n    ${l}\n  }\n}\n`,
  status: (l) => `status {\n  ${l}\n}\nhook a on PrintDone {\n  url "https://example.com"\n}\n`,
};

for (const block of Object.keys(wrap) as Array<keyof typeof wrap>) {
  test(`every ${block} setting completion offers is one the checker accepts`, () => {
    for (const s of settingsOf(block)) {
      const r = compile(wrap[block](`${s.name} "x"`));
      const unknown = r.diagnostics.filter((d) => d.code === 'OH3020');
      assert.equal(unknown, [], `${block}.${s.name}`);
      assert.ok(s.doc.length > 0);
    }
  });
}

function at(textWithCursor: string) {
  const offset = textWithCursor.indexOf('‸');
  return { offset, c: completionContext(textWithCursor.replace('‸', ''), offset) };
}

test('context: the open blocks and the parameter at the cursor in a broken hook', () => {
  const { c, offset } = at('hook api on PrintDone {\n  url "x"\n  data { x: @job.fi‸');
  assert.is(c.kind, 'param');
  if (c.kind !== 'param') return;
  assert.equal(c.frames.map((f) => f.block ?? f.key), ['hook', 'data']);
  assert.is(c.frames[0].name, 'api');
  assert.equal(c.param, { mode: 'path', path: ['job'], partialStart: offset - 2 });
});

test('context: filters after | inside @{…} in a string, not inside their arguments', () => {
  const { c, offset } = at('hook a on X {\n  data { x: "@{extra.time | round(1) | du‸');
  assert.equal(c.kind === 'param' && c.param, { mode: 'filter', partialStart: offset - 2 });
  const args = at(`hook a on X {\n  data { x: "@{extra.time | default('a‸`).c;
  assert.equal(args.kind === 'param' && args.param, { mode: 'none' });
});

test('context: literal @ forms and closed parameters are not completed', () => {
  assert.is(at('hook a on X {\n  data { x: "me@exa‸').c.kind, 'nothing');
  assert.is(at('hook a on X {\n  data { x: "@@to‸').c.kind, 'nothing');
  assert.is(at('hook a on X {\n  data { x: "@{job.file} and ‸').c.kind, 'nothing');
  assert.is(at('hook a on X {\n  data { x: "@@@jo‸').c.kind, 'param', 'after a literal @@, a new parameter');
});

test("context: 'hook NAME on' ends whatever a previous hook left open, whatever letters NAME has", () => {
  for (const name of ['b', 'x𝒜', 'ĉevalo']) {
    const { c } = at(`hook a on X {\n  data { x: 1\nhook ${name} on PrintDone {\n  me‸`);
    assert.is(c.kind, 'word', name);
    if (c.kind !== 'word') continue;
    assert.equal(c.frames.length, 1, name);
    assert.is(c.frames[0].name, name);
    assert.equal(c.entry, []);
    assert.is(c.word, 'me');
  }
});

test('context: comments, braces in strings and entries across lines', () => {
  assert.is(at('// a comment @jo‸').c.kind, 'nothing');
  assert.is(at('/* a @jo‸').c.kind, 'nothing');
  const { c } = at('hook a on X {\n  url "https://x/{id}"\n  headers { A: "}" }\n  ‸');
  assert.ok(c.kind === 'word' && c.frames.length === 1);
  assert.equal(c.kind === 'word' && c.entry, [], 'a new line after a complete entry is a key position');
  const v = at('hook a on X {\n  method ‸').c;
  assert.equal(v.kind === 'word' && v.entry.map((t) => t.text), ['method']);
});

test.run();
