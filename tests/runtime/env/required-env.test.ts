// Issue 10.6: an unset secret stops the start, not the send. The compiled module names the
// `@env` variables each hook, oauth block and octoprint setting reads without a `default`;
// `octohook run` and `octohookc test` refuse to start (exit 2) while one is unset or empty,
// naming each with the hooks that read it; the dry run shows `<unset NAME>` instead.
import { suite } from '../../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { moduleFromSource } from '../../../compiler/cli/module-from-source.js';
import { daemonEnvNeeds, missingEnv } from '../../../runtime/required-env.js';
import { OctoPrintSimulator } from '../../../simulator/index.js';
import { startReceiver, type Receiver } from '../../support/receiver.js';
import { runBin } from '../../support/spawn-bin.js';

const t = suite('required @env variables');
let receiver: Receiver;
let dir: string;

t.before(async () => {
  receiver = await startReceiver();
  dir = mkdtempSync(join(tmpdir(), 'octohook-env-'));
});
t.after(() => receiver.close());

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

const SOURCE = (url: string) => `device "@env.PRINTER_NAME"
secret @env.HOOK_SECRET
webcam { snapshot "@env.CAMERA_URL" }
oauth login {
  url  "${url}/token"
  data { client_secret: @env.CLIENT_SECRET }
}
hook discord on PrintDone {
  url "${url}/api/webhooks/@env.DISCORD_WEBHOOK"
  data { content: "@message", by: "@{env.SENDER | default('octohook')}" }
}
hook chat on PrintDone {
  url "${url}/chat"
  oauth login
  headers { X-Key: "@env.DISCORD_WEBHOOK", Authorization: "Bearer @login.access_token" }
  data { who: @deviceIdentifier }
}
hook off on PrintDone {
  enabled false
  url "${url}/off/@env.NOT_NEEDED_WHILE_DISABLED"
}
`;

t('the module names what each place needs: a default makes a variable optional; an unread device, secret or snapshot needs nothing', async () => {
  const module = await moduleFromSource(SOURCE('http://127.0.0.1:9'), 'env.ohk');
  const byName = Object.fromEntries(module.hooks.map((h) => [h.name, h.needsEnv]));
  assert.equal(byName, { discord: ['DISCORD_WEBHOOK'], chat: ['DISCORD_WEBHOOK', 'PRINTER_NAME'], off: ['NOT_NEEDED_WHILE_DISABLED'] });
  assert.equal(module.oauth.login.needsEnv, ['CLIENT_SECRET']);
  assert.equal(
    missingEnv(daemonEnvNeeds(module, { url: true, apikey: true }), { DISCORD_WEBHOOK: '' }),
    [
      { name: 'CLIENT_SECRET', places: ['oauth login'] },
      { name: 'DISCORD_WEBHOOK', places: ['hook discord', 'hook chat'] },
      { name: 'PRINTER_NAME', places: ['hook chat'] },
    ],
  );
});

t('octohook run with a missing variable: exit 2, one message naming every variable and its hooks, nothing contacted', async () => {
  const f = file('run.ohk', SOURCE(receiver.url));
  const octoprint = await startReceiver();
  try {
    const r = await runBin('octohook', ['run', f, '--octoprint', octoprint.url], {
      OCTOPRINT_API_KEY: 'key-that-must-not-show', PRINTER_NAME: 'printer-value-must-not-show', DISCORD_WEBHOOK: '',
    });
    assert.is(r.code, 2, r.err);
    // The file's own warning (a disabled hook) comes first, as `octohookc check` prints it.
    assert.match(r.err, /^\S+run\.ohk:19:11: warning OH3070: Hook 'off' is disabled/);
    assert.is(
      r.err.trim().split('\n').pop(),
      'octohook run: missing environment variables: CLIENT_SECRET (oauth login), DISCORD_WEBHOOK (hook discord, hook chat); ' +
        'set them (an empty value counts as unset) or give the template a default: @{env.NAME | default("…")}',
    );
    assert.not.ok((r.out + r.err).includes('must-not-show'));
    assert.is(octoprint.requests.length, 0, 'OctoPrint is not contacted');
    assert.is(receiver.requests.length, 0, 'no target is contacted');
  } finally {
    await octoprint.close();
  }
});

t('octohookc test with a missing variable: exit 2 and the message; nothing sent', async () => {
  const f = file('test.ohk', SOURCE(receiver.url));
  const r = await runBin('octohookc', ['test', f, '--event', 'PrintDone', '--hook', 'discord'], { HOOK_SECRET: 'x' });
  assert.is(r.code, 2, r.out + r.err);
  assert.match(r.err, /^octohookc test: missing environment variable: DISCORD_WEBHOOK \(hook discord\); set it /m);
  assert.is(receiver.requests.length, 0);
});

t('the dry run shows <unset NAME> where the value goes and warns naming the variable; exit 0', async () => {
  const f = file('dry.ohk', SOURCE(receiver.url));
  const r = await runBin('octohookc', ['test', f, '--event', 'PrintDone', '--hook', 'discord', '--dry-run'], {});
  assert.is(r.code, 0, r.out + r.err);
  assert.match(r.out, new RegExp(`^POST ${receiver.url}/api/webhooks/<unset DISCORD_WEBHOOK>$`, 'm'));
  assert.match(r.out, /"by":"octohook"/, 'a variable with a default shows the default');
  assert.match(r.err, /warning: not set, shown as <unset NAME>: DISCORD_WEBHOOK \(hook discord\)/);
  assert.is(receiver.requests.length, 0);
});

t('with every variable set, or a default for it, octohookc test sends and octohook run starts', async () => {
  const f = file('ok.ohk', `hook discord on PrintDone {
  url "${receiver.url}/api/webhooks/@{env.DISCORD_WEBHOOK | default('fallback-id')}"
  data { content: "@message" }
}
`);
  const sent = await runBin('octohookc', ['test', f, '--event', 'PrintDone'], {});
  assert.is(sent.code, 0, sent.out + sent.err);
  assert.is(receiver.requests.at(-1)!.url, '/api/webhooks/fallback-id');

  const sim = await new OctoPrintSimulator().start();
  try {
    const r = await runBin('octohook', ['run', f, '--octoprint', sim.url, '--state-dir', join(dir, 'state')], { OCTOPRINT_API_KEY: sim.apiKey }, { until: /Connected to OctoPrint/ });
    assert.match(r.err, /Connected to OctoPrint/, r.err);
    assert.is(r.code, 0, 'stopped by SIGTERM after starting');
  } finally {
    await sim.stop();
  }
});

t.run();
