// The design example (examples/hooks.ohk) must parse as written, with no diagnostics, into the expected tree.
import { test } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import type { BlockDecl, DeviceDecl, OAuthDecl, ParamNode, SecretDecl, StringNode } from '../../grammar/index.js';
import { checkRanges, entry, hooks, parseOhk, slice } from './helpers.js';

export const example = `// hooks.ohk — webhooks for one printer
device "Prusa MK3S"                      // @deviceIdentifier
secret @env.OCTOHOOK_SECRET              // @apiSecret, read at run time, never compiled in

octoprint {
  url    "http://127.0.0.1:5000"
  apikey @env.OCTOPRINT_API_KEY
}

oauth token {
  url     "https://auth.example.com/oauth/token"
  method  POST
  content form
  data    { grant_type: "client_credentials", client_id: "octohook", client_secret: @env.CLIENT_SECRET }
  returns { access_token: string, expires_in: number }
}

hook api on PrintStarted, PrintDone, PrintFailed, PrintPaused, UserActionNeeded, Error, Progress every 10% {
  url     "https://api.example.com/v1/printers/@deviceIdentifier/events"
  method  POST
  content json
  oauth   token
  headers { Authorization: "Bearer @token.access_token" }
  data {
    deviceIdentifier: @deviceIdentifier,
    apiSecret: @apiSecret,
    topic: @topic,
    message: @message,
    extra: @extra,
    file: @job.file.name,
    left: "@{progress.printTimeLeft | duration | default('no estimate')}",
    snap: @snapshot,
  }
  messages {
    Progress "@job.file.name is @percentCompleteMilestone% done"
  }
}

hook discord on PrintDone, PrintFailed {
  url  "https://discord.com/api/webhooks/@env.DISCORD_WEBHOOK"
  data { content: "@message — @extra.name, @{extra.time | duration}" }
}
`;

const { file, diagnostics } = parseOhk(example);

test('the design example parses with no diagnostics', () => {
  assert.equal(diagnostics, []);
  assert.equal(
    file.items.map((i) => i.kind),
    ['Device', 'Secret', 'Block', 'OAuth', 'Hook', 'Hook'],
  );
  assert.is(file.comments.length, 3);
  assert.is(slice(example, file.comments[0]), '// hooks.ohk — webhooks for one printer');
  assert.is(file.range.start.offset, 0);
  assert.is(file.range.end.offset, example.length);
  checkRanges(example, file);
});

test('nothing in the example is marked recovered', () => {
  assert.not.ok(JSON.stringify(file).includes('"recovered"'));
});

test('device, secret and octoprint', () => {
  const device = file.items[0] as DeviceDecl;
  assert.is(device.value?.kind, 'String');
  assert.is((device.value as StringNode).value, 'Prusa MK3S');
  assert.is(slice(example, device.keyword), 'device');
  assert.is(slice(example, device.range), 'device "Prusa MK3S"');
  const secret = file.items[1] as SecretDecl;
  const p = secret.value as ParamNode;
  assert.is(p.kind, 'Param');
  assert.equal(p.segments.map((s) => s.name), ['env', 'OCTOHOOK_SECRET']);
  assert.is(slice(example, p.range), '@env.OCTOHOOK_SECRET');
  const octoprint = file.items[2] as BlockDecl;
  assert.is(octoprint.keyword.name, 'octoprint');
  assert.equal(octoprint.body?.entries.map((e) => (e.key.kind === 'Identifier' ? e.key.name : '?')), ['url', 'apikey']);
  assert.is(octoprint.body?.entries[0].colon, false);
});

test('oauth block', () => {
  const oauth = file.items[3] as OAuthDecl;
  assert.is(oauth.name?.name, 'token');
  assert.equal(entry(oauth.body, 'method')?.value, { kind: 'Word', name: 'POST', range: entry(oauth.body, 'method')!.value!.range });
  const data = entry(oauth.body, 'data')?.value;
  assert.is(data?.kind, 'Object');
  if (data?.kind !== 'Object') return;
  assert.equal(data.entries.map((e) => e.colon), [true, true, true]);
  assert.is(entry(data, 'client_secret')?.value?.kind, 'Param');
  const returns = entry(oauth.body, 'returns')?.value;
  assert.is(returns?.kind === 'Object' && returns.entries[0].value?.kind, 'Word');
});

test('hook api: triggers, settings, data and messages', () => {
  const [api, discord] = hooks(file);
  assert.is(api.name?.name, 'api');
  assert.equal(api.triggers.map((t) => t.name.name), ['PrintStarted', 'PrintDone', 'PrintFailed', 'PrintPaused', 'UserActionNeeded', 'Error', 'Progress']);
  const progress = api.triggers[6];
  assert.is(progress.every?.value, 10);
  assert.is(slice(example, progress.range), 'Progress every 10%');
  assert.is(api.triggers[0].every, undefined);
  const url = entry(api.body, 'url')?.value as StringNode;
  assert.equal(url.parts.map((p) => p.kind), ['Text', 'Param', 'Text']);
  assert.is(slice(example, url.parts[1].range), '@deviceIdentifier');
  assert.is(entry(api.body, 'oauth')?.value?.kind, 'Word');
  const data = entry(api.body, 'data')?.value;
  assert.is(data?.kind, 'Object');
  if (data?.kind !== 'Object') return;
  assert.is(data.entries.length, 8);
  const left = entry(data, 'left')?.value as StringNode;
  const param = left.parts[0] as ParamNode;
  assert.is(param.braced, true);
  assert.equal(param.segments.map((s) => s.name), ['progress', 'printTimeLeft']);
  assert.equal(param.filters.map((f) => f.name), ['duration', 'default']);
  assert.equal(param.filters[1].args.map((a) => a.kind === 'String' && a.value), ['no estimate']);
  assert.is(left.parts.length, 1);
  assert.is((entry(data, 'snap')?.value as ParamNode).segments[0].name, 'snapshot');
  const messages = entry(api.body, 'messages')?.value;
  assert.is(messages?.kind, 'Object');
  if (messages?.kind !== 'Object') return;
  const text = messages.entries[0].value as StringNode;
  assert.equal(
    text.parts.map((p) => (p.kind === 'Text' ? p.text : p.segments.map((s) => s.name).join('.'))),
    ['job.file.name', ' is ', 'percentCompleteMilestone', '% done'],
  );
  assert.is(discord.name?.name, 'discord');
  assert.equal(discord.triggers.map((t) => t.name.name), ['PrintDone', 'PrintFailed']);
});

test('hook discord: a string with an em dash and a braced parameter', () => {
  const discord = hooks(file)[1];
  const data = entry(discord.body, 'data')?.value;
  if (data?.kind !== 'Object') return assert.unreachable('data is an object');
  const content = data.entries[0].value as StringNode;
  assert.equal(
    content.parts.map((p) => slice(example, p.range)),
    ['@message', ' — ', '@extra.name', ', ', '@{extra.time | duration}'],
  );
});

test('CRLF and CR line endings parse the same, with lines counted once', () => {
  const line = example.split('\n').findIndex((l) => l.startsWith('hook discord')) + 1;
  assert.is(line, 39);
  for (const eol of ['\r\n', '\r']) {
    const src = example.replace(/\n/g, eol);
    const r = parseOhk(src);
    assert.equal(r.diagnostics, []);
    const discord = hooks(r.file)[1];
    assert.is(discord.range.start.line, line);
    assert.is(discord.range.start.column, 1);
    assert.is(slice(src, discord.keyword), 'hook');
  }
});

test.run();
