// The plugin's @param reading replayed (docs/plugin-compatibility.md#how-the-plugin-reads-name): each plugin
// string becomes the octohook value that sends what the plugin sent, or keeps the text where
// the plugin mangled it, with a note either way.
import { suite } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { rewriteString, type ParamContext } from '../../compiler/import/params-rewrite.js';
import { templateBody, writeKey } from '../../compiler/import/write-ohk.js';
import type { OhkValue } from '../../compiler/import/ohk-model.js';

const t = suite('import: parameters');
const data: ParamContext = { mode: 'data', triggers: ['PrintDone', 'Progress'], oauth: null };

function written(v: OhkValue): string {
  if (v.kind === 'param') return `@${v.path.join('.')}${v.filters ? ' | ' + v.filters.join(' | ') : ''}`;
  if (v.kind === 'template') return `"${templateBody(v.parts)}"`;
  return JSON.stringify(v);
}

function rw(s: string, ctx: ParamContext = data) {
  const r = rewriteString(s, ctx);
  return { out: written(r.value), notes: r.notes.join(' | ') };
}

t('a whole-string parameter keeps its type; dotted paths too', () => {
  assert.is(rw('@job').out, '@job');
  assert.is(rw('@job.file.name').out, '@job.file.name');
  assert.is(rw('@currentTime').out, '@currentTime');
  assert.is(rw('@extra.name').out, '@extra.name');
  assert.is(rw('@nope').out, '""');
  assert.match(rw('@nope').notes, /not a parameter/);
});

t('inside text: values as text, a note where Python printed None, True or a dict', () => {
  const r = rw('job=@job end');
  assert.is(r.out, '"job=@job end"');
  assert.match(r.notes, /Python's str\(\)/);
  assert.is(rw('z=@currentZ mm').out, '"z=@currentZ mm"');
  assert.is(rw('x @nope y').out, '"x  y"');
  assert.is(rw('@topic is here').notes, '');
});

t('a name ends only at a space: trailing punctuation made the plugin send ""', () => {
  let r = rw('Hello @deviceIdentifier!');
  assert.is(r.out, '"Hello "');
  assert.match(r.notes, /looked up 'deviceIdentifier!'/);
  r = rw('@deviceIdentifier, hi');
  assert.is(r.out, '" hi"');
  assert.is(rw('@percentCompleteMilestone%').out, '""');
  assert.is(rw('@topic\nx').out, '""');
});

t('a literal @ the plugin ate is kept, with a note', () => {
  let r = rw('mail me@example.com now');
  assert.is(r.out, '"mail me@example.com now"');
  assert.match(r.notes, /dropped "@example.com"/);
  r = rw('a @ b');
  assert.is(r.out, '"a @@ b"');
  // A real parameter right after a letter: the plugin replaced it, so octohook needs the braces.
  assert.is(rw('id:x@deviceIdentifier').out, '"id:x@{deviceIdentifier}"');
});

t('prefix collisions are noted', () => {
  const r = rw('@topic and @topicX', data);
  assert.is(r.out, '"@topic and "');
  assert.match(r.notes, /also replaced "@topic" inside "@topicX"/);
});

t('URLs: names end at / ? # or space; no quirk of the query swallowing is hidden', () => {
  const url: ParamContext = { ...data, mode: 'url' };
  assert.is(rw('https://a.b/@deviceIdentifier/x?y=@topic#f', url).out, '"https://a.b/@deviceIdentifier/x?y=@topic#f"');
  const r = rw('https://a.b/?a=@currentTime&b=1', url);
  assert.is(r.out, '"https://a.b/?a="');
  assert.match(r.notes, /looked up 'currentTime&b=1'/);
});

t('OAuth answer keys become @NAME.key; schema roots stay roots', () => {
  const o: ParamContext = { ...data, mode: 'header', oauth: 'api_token' };
  assert.is(rw('Bearer @access_token', o).out, '"Bearer @api_token.access_token"');
  assert.is(rw('@access_token', { ...o, mode: 'data' }).out, '@api_token.access_token');
  assert.is(rw('@topic', o).out, '"@topic"');
  assert.is(rw('@data.token.value', o).out, '"@api_token.data.token.value"');
});

t('messages: @message in a message and @snapshot in text are noted and left out', () => {
  assert.match(rw('see @message', { ...data, mode: 'message' }).notes, /loop forever/);
  assert.match(rw('img @snapshot', data).notes, /only as a whole top-level data value/);
});

t('@extra paths are checked against the hook\'s triggers', () => {
  assert.is(rw('@extra.time', { ...data, triggers: ['PrintDone'] }).out, '@extra.time');
  const r = rw('@extra.nothing_here', { ...data, triggers: ['PrintDone'] });
  assert.is(r.out, '""');
  assert.match(r.notes, /not a value OctoPrint has/);
});

t('the writer spells keys and @ so they read back', () => {
  assert.is(writeKey('Content-Type'), 'Content-Type');
  assert.is(writeKey('my key'), '"my key"');
  assert.is(writeKey('a@b'), '"a\\u0040b"');
  assert.is(templateBody([{ kind: 'param', path: ['job', 'file', 'name'] }, { kind: 'text', text: '.gcode' }]), '@{job.file.name}.gcode');
  assert.is(templateBody([{ kind: 'param', path: ['topic'] }, { kind: 'text', text: '!' }]), '@topic!');
  assert.is(templateBody([{ kind: 'text', text: 'bot' }, { kind: 'param', path: ['env', 'T'] }, { kind: 'text', text: '/x' }]), 'bot@{env.T}/x');
  assert.is(templateBody([{ kind: 'text', text: 'say "hi"\n@ 5' }]), 'say \\"hi\\"\\n@@ 5');
});

t.run();
