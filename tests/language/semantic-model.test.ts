// The checker's semantic model: what the language server looks up instead of working things
// out again. Each parameter is recorded with the scope it was proved in and its type, each
// setting with its spec from the settings table, each oauth block with its answer fields.
import { test } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { compile } from '../../compiler/compile.js';
import { paramAt, scopeAt, settingAt } from '../../compiler/phases/2-check/semantic-model.js';
import { settingsTable } from '../../language/settings-table.js';
import { typeToString } from '../../compiler/schema/type-utils.js';
import { hoverAt } from '../../compiler/lsp/hover.js';
import type { Analysis } from '../../compiler/lsp/document-state.js';

const text = `oauth token {
  url "https://auth.example.com"
  returns { access_token: string }
}
hook x𝒜 on PrintDone, PrintFailed {
  url "https://example.com/@deviceIdentifier"
  oauth token
  device @env.DEVICE
  headers { Authorization: "Bearer @token.access_token" }
  data { why: @extra.reason, size: @job.file.size, pic: @snapshot }
  messages { PrintFailed "failed: @extra.reason" }
  timeout 30s
}
`;
const model = compile(text).semantic!;
const at = (needle: string, delta = 0) => text.indexOf(needle) + delta;

test('each parameter with the scope it was proved in and its type', () => {
  const why = paramAt(model, at('@extra.reason', 3))!;
  assert.equal(why.scope.triggers, ['PrintDone', 'PrintFailed']);
  assert.is(why.scope.position, 'data-top');
  assert.is(why.scope.oauth, 'token');
  assert.is.not(why.type.kind, 'unknown');
  assert.match(typeToString(paramAt(model, at('@job.file.size', 3))!.type), 'number');
  const inMessage = paramAt(model, at('failed: @extra', 10))!;
  assert.equal(inMessage.scope.triggers, ['PrintFailed']);
  assert.ok(inMessage.scope.inMessage);
  const device = paramAt(model, at('@env.DEVICE', 2))!;
  assert.ok(device.scope.envOnly);
  const token = paramAt(model, at('@token.access_token', 2))!;
  assert.is(token.oauth, 'token');
  assert.is(token.scope.position, 'text');
});

test('each setting with its spec from the settings table', () => {
  assert.is(settingAt(model, at('timeout 30s', 1))!.spec, settingsTable.hook.timeout);
  assert.is(settingAt(model, at('returns {', 1))!.spec, settingsTable.oauth.returns);
  assert.is(settingAt(model, at('url "https://example.com', 1))!.spec, settingsTable.hook.url);
});

test('the hook (named outside the BMP), its oauth block and the scope of a value', () => {
  assert.equal(model.hooks.map((h) => [h.name, h.triggers, h.oauth]), [['x𝒜', ['PrintDone', 'PrintFailed'], 'token']]);
  assert.equal([...model.oauth.get('token')!.fields.keys()], ['access_token']);
  assert.is(scopeAt(model, at('{ why', 1))!.scope.position, 'data-top');
  assert.is(scopeAt(model, at('Authorization', 1))!.scope.position, 'text');
});

test('each parameter with what each prefix of its path resolved to, presence per trigger included', () => {
  const why = paramAt(model, at('@extra.reason', 3))!;
  assert.equal(why.resolved.map((r) => r.root), ['extra', 'extra']);
  assert.equal([why.resolved[1].presentFor, why.resolved[1].missingFor], [['PrintFailed'], ['PrintDone']]);
  assert.ok(why.resolved[1].mayBeMissing);
  const inMessage = paramAt(model, at('failed: @extra', 10))!;
  assert.equal([inMessage.resolved[1].presentFor, inMessage.resolved[1].missingFor], [['PrintFailed'], []]);
  const size = paramAt(model, at('@job.file.size', 3))!;
  assert.equal(size.resolved.length, 3);
  assert.match(size.resolved[2].type, 'number');
  assert.equal([size.resolved[2].presentFor, size.resolved[2].missingFor], [['PrintDone', 'PrintFailed'], []]);
  const token = paramAt(model, at('@token.access_token', 2))!;
  assert.equal(token.resolved.map((r) => [r.root, r.type]), [['oauth', 'oauth answer'], ['oauth', 'string']]);
});

test('the presence the model records is the one the checker warns by: an unknown plugin event may have any field', () => {
  const plugin = `hook p on PrintFailed, plugin_foo_bar {\n  url "https://example.com"\n  data { n: @extra.nothing }\n}\n`;
  const r = compile(plugin);
  assert.equal(r.diagnostics.map((d) => [d.code, d.message.includes('PrintFailed'), d.message.includes('plugin_foo_bar')]), [['OH2103', true, false]]);
  const nothing = paramAt(r.semantic!, plugin.indexOf('@extra.nothing') + 8)!.resolved[1];
  assert.equal([nothing.exists, nothing.presentFor, nothing.missingFor], [true, ['plugin_foo_bar'], ['PrintFailed']]);
});

test("hover's type and presence are the model's record, not worked out again", () => {
  const result = compile(text);
  const analysis: Analysis = { uri: 'file:///hooks.ohk', version: 1, text, result, lastGood: result, ms: 0 };
  const offset = at('@extra.reason', 9);
  const hoverText = () => JSON.stringify(hoverAt(analysis, offset)?.contents);
  assert.match(hoverText(), 'Present for PrintFailed; missing for PrintDone');
  const use = paramAt(result.semantic!, offset)!;
  use.resolved[1] = { ...use.resolved[1], presentFor: ['PrintDone'], missingFor: ['PrintFailed'], type: 'recorded' };
  assert.match(hoverText(), 'Present for PrintDone; missing for PrintFailed');
  assert.match(hoverText(), '@extra.reason: recorded');
});

test.run();
