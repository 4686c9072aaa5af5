// In-process checks of the language server's tables and text scanner, without a server:
// the settings completion offers are exactly those the checker accepts, and the scanner
// reads broken text around a cursor as an editor user means it.
import { test } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { compile } from '../../compiler/compile.js';
import { scanCursor } from '../../compiler/lsp/cursor-context.js';
import { settingsOf, type SettingsBlock } from '../../compiler/lsp/settings-table.js';

const wrap: Record<SettingsBlock, (line: string) => string> = {
  hook: (l) => `hook a on PrintDone {\n  url "https://example.com"\n  ${l}\n}\n`,
  oauth: (l) => `oauth t {\n  ${l}\n}\nhook a on PrintDone {\n  url "https://example.com"\n  oauth t\n}\n`,
  octoprint: (l) => `octoprint {\n  ${l}\n}\nhook a on PrintDone {\n  url "https://example.com"\n}\n`,
  webcam: (l) => `webcam {\n  ${l}\n}\nhook a on PrintDone {\n  url "https://example.com"\n}\n`,
  snapshot: (l) => `hook a on PrintDone {\n  url "https://example.com"\n  snapshot {\n    ${l}\n  }\n}\n`,
};

for (const block of Object.keys(wrap) as SettingsBlock[]) {
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
  return scanCursor(textWithCursor.replace('‸', ''), offset);
}

test('scanner: the open blocks and the parameter at the cursor in a broken hook', () => {
  const c = at('hook api on PrintDone {\n  url "x"\n  data { x: @job.fi‸');
  assert.equal(c.frames.map((f) => f.block ?? f.key), ['hook', 'data']);
  assert.is(c.frames[0].name, 'api');
  assert.equal(c.param, { mode: 'path', at: c.param!.at, braced: false, path: ['job'], partial: 'fi', partialStart: c.offset - 2 });
});

test('scanner: filters after | inside @{…} in a string, not inside their arguments', () => {
  const c = at('hook a on X {\n  data { x: "@{extra.time | round(1) | du‸');
  assert.is(c.param?.mode, 'filter');
  assert.is(c.param?.mode === 'filter' && c.param.partial, 'du');
  assert.equal(c.param?.mode === 'filter' && c.param.path, ['extra', 'time']);
  assert.is(at(`hook a on X {\n  data { x: "@{extra.time | default('a‸`).param?.mode, 'none');
});

test('scanner: literal @ forms and closed parameters are not completed', () => {
  assert.is(at('hook a on X {\n  data { x: "me@exa‸').param, undefined);
  assert.is(at('hook a on X {\n  data { x: "@@to‸').param, undefined);
  assert.is(at('hook a on X {\n  data { x: "@{job.file} and ‸').param, undefined);
  assert.ok(at('hook a on X {\n  data { x: "@@@jo‸').param, 'after a literal @@, a new parameter');
});

test("scanner: 'hook NAME on' ends whatever a previous hook left open", () => {
  const c = at('hook a on X {\n  data { x: 1\nhook b on PrintDone {\n  me‸');
  assert.equal(c.frames.length, 1);
  assert.is(c.frames[0].name, 'b');
  assert.equal(c.entry, []);
  assert.is(c.word, 'me');
});

test('scanner: comments, braces in strings and entries across lines', () => {
  assert.ok(at('// a comment @jo‸').inComment);
  assert.ok(at('/* a @jo‸').inComment);
  const c = at('hook a on X {\n  url "https://x/{id}"\n  headers { A: "}" }\n  ‸');
  assert.equal(c.frames.length, 1);
  assert.equal(c.entry, [], 'a new line after a complete entry is a key position');
  const v = at('hook a on X {\n  method ‸');
  assert.equal(v.entry.map((t) => t.text), ['method']);
});

test.run();
