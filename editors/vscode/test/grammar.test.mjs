#!/usr/bin/env node
// Tokenizes octohook text with the real TextMate engine VS Code uses (vscode-textmate +
// Oniguruma) and checks the scopes that matter: comments, strings with `@path` and `@{…}`
// inside, literal `@` forms, keywords, triggers, settings, numbers and durations.
//   npm test   (after npm install)
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import vsctm from 'vscode-textmate';
import oniguruma from 'vscode-oniguruma';

const require = createRequire(import.meta.url);
const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer;
await oniguruma.loadWASM(wasm);
const registry = new vsctm.Registry({
  onigLib: Promise.resolve({ createOnigScanner: (p) => new oniguruma.OnigScanner(p), createOnigString: (s) => new oniguruma.OnigString(s) }),
  loadGrammar: async () => vsctm.parseRawGrammar(readFileSync(new URL('../syntaxes/octohook.tmLanguage.json', import.meta.url), 'utf8'), 'octohook.tmLanguage.json'),
});
const grammar = await registry.loadGrammar('source.octohook');

/** Every token of `text` as [text, innermost scope]. */
function tokens(text) {
  let state = vsctm.INITIAL;
  const out = [];
  for (const line of text.split('\n')) {
    const r = grammar.tokenizeLine(line, state);
    for (const t of r.tokens) out.push([line.slice(t.startIndex, t.endIndex), t.scopes[t.scopes.length - 1], t.scopes]);
    state = r.ruleStack;
  }
  return out;
}

function scopeOf(text, piece, nth = 1) {
  const found = tokens(text).filter(([t]) => t === piece);
  assert.ok(found.length >= nth, `'${piece}' is one token in: ${JSON.stringify(tokens(text).map(([t, s]) => `${t} → ${s}`))}`);
  return found[nth - 1][1];
}
function scopesOf(text, piece) {
  return tokens(text).find(([t]) => t === piece)?.[2] ?? [];
}

let passed = 0;
function check(name, fn) {
  fn();
  passed++;
  console.log(`ok - ${name}`);
}

check('comments', () => {
  assert.equal(scopeOf('// a @job comment', ' a @job comment'), 'comment.line.double-slash.octohook');
  assert.equal(scopeOf('/* block\n still */ device "x"', ' still '), 'comment.block.octohook');
  assert.equal(scopeOf('/* block\n still */\ndevice "x"', 'device'), 'storage.type.octohook');
});

check('hook header: keyword, name, on, triggers, every N%', () => {
  const h = 'hook api on PrintDone, ZChange, Progress every 10% {';
  assert.equal(scopeOf(h, 'hook'), 'storage.type.hook.octohook');
  assert.equal(scopeOf(h, 'api'), 'entity.name.function.hook.octohook');
  assert.equal(scopeOf(h, 'on'), 'keyword.other.on.octohook');
  assert.equal(scopeOf(h, 'PrintDone'), 'support.type.trigger.octohook');
  assert.equal(scopeOf(h, 'ZChange'), 'entity.name.type.event.octohook');
  assert.equal(scopeOf(h, 'every'), 'keyword.other.every.octohook');
  assert.equal(scopeOf(h, '10'), 'constant.numeric.octohook');
  assert.equal(scopeOf(h, '%'), 'keyword.other.unit.percent.octohook');
});

check('top-level forms, oauth header and settings', () => {
  const t = 'device "Prusa"\noctoprint {\n  url "http://x"\n  apikey @env.KEY\n}\noauth token {\n  method POST\n  content form\n}';
  assert.equal(scopeOf(t, 'device'), 'storage.type.octohook');
  assert.equal(scopeOf(t, 'octoprint'), 'storage.type.octohook');
  assert.equal(scopeOf(t, 'oauth'), 'storage.type.oauth.octohook');
  assert.equal(scopeOf(t, 'token'), 'entity.name.type.oauth.octohook');
  assert.equal(scopeOf(t, 'url'), 'keyword.other.setting.octohook');
  assert.equal(scopeOf(t, 'apikey'), 'keyword.other.setting.octohook');
  assert.equal(scopeOf(t, 'POST'), 'support.constant.http-method.octohook');
  assert.equal(scopeOf(t, 'form'), 'support.constant.octohook');
});

check('print farm: printer header, apiKey, and a hook\'s from list', () => {
  const t = 'printer mk3 {\n  url "http://mk3.local"\n  apiKey @env.MK3_KEY\n}\nhook lab on Progress every 10% from mk3, Mini {\n  url "x"\n}';
  assert.equal(scopeOf(t, 'printer'), 'storage.type.printer.octohook');
  assert.equal(scopeOf(t, 'mk3', 1), 'entity.name.type.printer.octohook');
  assert.equal(scopeOf(t, 'apiKey'), 'keyword.other.setting.octohook');
  assert.equal(scopeOf(t, 'Progress'), 'support.type.trigger.octohook');
  assert.equal(scopeOf(t, 'from'), 'keyword.other.from.octohook');
  assert.equal(scopeOf(t, 'mk3', 2), 'entity.name.type.printer.octohook');
  assert.equal(scopeOf(t, 'Mini'), 'entity.name.type.printer.octohook', 'a capitalised printer name is not read as an event');
});

check('strings with @path and @{…} inside', () => {
  const s = '  data { left: "@{progress.printTimeLeft | duration} left for @job.file.name!" }';
  assert.ok(scopesOf(s, ' left for ').includes('string.quoted.double.octohook'));
  assert.equal(scopeOf(s, '@{'), 'punctuation.definition.template-expression.begin.octohook');
  assert.equal(scopeOf(s, 'progress'), 'variable.other.parameter.octohook');
  assert.equal(scopeOf(s, '.printTimeLeft'), 'variable.other.property.octohook');
  assert.equal(scopeOf(s, '|'), 'keyword.operator.pipe.octohook');
  assert.equal(scopeOf(s, 'duration'), 'support.function.filter.octohook');
  assert.equal(scopeOf(s, 'job'), 'variable.other.parameter.octohook');
  assert.equal(scopeOf(s, '.file.name'), 'variable.other.property.octohook');
  assert.equal(scopeOf(s, '!'), 'string.quoted.double.octohook', 'the path ends at the first character that cannot continue it');
  assert.ok(scopesOf(s, 'job').includes('string.quoted.double.octohook'));
  assert.equal(scopeOf(s, 'left'), 'support.type.property-name.octohook');
});

check('literal @ forms stay text; escapes', () => {
  const s = `  data { a: "me@example.com @@topic \\" \\u0041", b: 'x @topic' }`;
  assert.equal(scopeOf(s, '@@'), 'constant.character.escape.at.octohook');
  assert.equal(scopeOf(s, '\\"'), 'constant.character.escape.octohook');
  assert.equal(scopeOf(s, '\\u0041'), 'constant.character.escape.octohook');
  assert.ok(!tokens(s).some(([t, sc]) => t === 'example' && sc.startsWith('variable')), 'me@example.com is text');
  assert.equal(scopeOf(s, 'topic'), 'variable.other.parameter.octohook', "params in single-quoted strings too");
});

check('bare parameters, numbers, durations and sizes', () => {
  const s = '  timeout 10s\n  cooldown 500ms\n  fit 1640 x 1232\n  quality 85\n  data { x: @extra.time, y: true, z: -1.5e3 }';
  assert.equal(scopeOf(s, '10'), 'constant.numeric.duration.octohook');
  assert.equal(scopeOf(s, 's'), 'keyword.other.unit.octohook');
  assert.equal(scopeOf(s, 'ms'), 'keyword.other.unit.octohook');
  assert.equal(scopeOf(s, 'x', 1), 'keyword.operator.size.octohook');
  assert.equal(scopeOf(s, 'x', 2), 'support.type.property-name.octohook');
  assert.equal(scopeOf(s, '1640'), 'constant.numeric.octohook');
  assert.equal(scopeOf(s, '85'), 'constant.numeric.octohook');
  assert.equal(scopeOf(s, 'extra'), 'variable.other.parameter.octohook');
  assert.equal(scopeOf(s, 'true'), 'constant.language.octohook');
  assert.equal(scopeOf(s, '-1.5e3'), 'constant.numeric.octohook');
});

check('message keys are triggers', () => {
  const s = '  messages {\n    Progress "@job.file.name is @percentCompleteMilestone% done"\n  }';
  assert.equal(scopeOf(s, 'Progress'), 'entity.name.type.event.octohook');
  assert.equal(scopeOf(s, 'percentCompleteMilestone'), 'variable.other.parameter.octohook');
});

check('the design example tokenizes without a stray unclosed scope', () => {
  const example = readFileSync(new URL('../../../examples/hooks.ohk', import.meta.url), 'utf8');
  const all = tokens(example.trimEnd());
  const last = all[all.length - 1];
  assert.equal(last[0], '}');
  assert.deepEqual(last[2], ['source.octohook', 'punctuation.section.block.end.octohook']);
});

console.log(`${passed} passed, 0 failed`);
