// Every example in examples/ checks clean, reads its secrets from @env only, is listed in
// examples/README.md with its variables, and — through the daemon's pipeline in dry-run mode,
// as `octohookc test --dry-run` runs it — prepares the request its service documents:
// method, URL pattern, content type, the required fields and headers.
import { suite } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile } from '../../compiler/compile.js';
import type { CompiledModule } from '../../runtime/compiled-module.js';
import type { PreparedRequest } from '../../runtime/http/prepare-request.js';
import { createLogger } from '../../runtime/log/logger.js';
import { moduleFromSource } from '../../compiler/cli/module-from-source.js';
import { runTestEvent } from '../../compiler/test-event/run-test-event.js';
import { projectRoot } from '../support/project-root.js';
import { parseMultipart, type MultipartPart } from '../support/receiver.js';

const t = suite('examples');
const dir = join(projectRoot, 'examples');

/** Stand-in values of the right form for every variable the examples read. */
const env: Record<string, string> = {
  DISCORD_WEBHOOK: '123456789012345678/AbCdEf-GhIjKl_mnop',
  SLACK_WEBHOOK: 'T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX',
  TELEGRAM_BOT_TOKEN: '123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11',
  TELEGRAM_CHAT_ID: '-1001234567890',
  NTFY_TOPIC: 'octoprint-k9x2m4',
  GOTIFY_URL: 'https://gotify.example.com',
  GOTIFY_TOKEN: 'AzYxWvUtSrQpOn',
  HA_URL: 'http://homeassistant.local:8123',
  HA_WEBHOOK_ID: 'octoprint-3f9a1c',
  IFTTT_KEY: 'dFakeIftttKey1234',
  PUSHOVER_TOKEN: 'azGDORePK8gMaC0QOYAMyEEuzJnyUi',
  PUSHOVER_USER: 'uQiRzpo4DXghDmr9QzzfQu27cmVRsG',
  EVENTS_URL: 'https://api.example.com/v1/octoprint/events',
  WEBHOOK_SECRET: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  MK3_URL: 'http://mk3.local',
  MK3_KEY: 'MK3-API-KEY-0123456789ABCDEF',
  MINI_URL: 'http://mini.local:5000',
  MINI_KEY: 'MINI-API-KEY-0123456789ABCD',
  DISCORD_API: 'https://discord.com/api',
  LAB_URL: 'http://127.0.0.1:8099/lab',
};

const files = readdirSync(dir).filter((f) => f.endsWith('.ohk') && f !== 'hooks.ohk').sort();

async function load(file: string): Promise<CompiledModule> {
  return moduleFromSource(readFileSync(join(dir, file)), file);
}

interface Request {
  req: PreparedRequest;
  url: URL;
  json?: Record<string, unknown>;
  form?: Record<string, string>;
  parts?: MultipartPart[];
}

/** The request `octohookc test FILE --event TRIGGER --hook HOOK --dry-run` prepares. */
async function dryRun(file: string, trigger: string, hook?: string): Promise<Request> {
  const logger = createLogger({ stream: { write() {} }, level: 'error' });
  const results = await runTestEvent({ module: await load(file), trigger, dryRun: true, env, logger, ...(hook ? { hook } : {}) });
  assert.is(results.length, 1, `${file}: one hook on ${trigger}`);
  const r = results[0];
  if (r.kind !== 'prepared') throw new Error(`${file}: not prepared: ${JSON.stringify(r)}`);
  const req = r.request;
  const body = Buffer.from(req.body ?? new Uint8Array());
  const out: Request = { req, url: new URL(req.url) };
  const type = req.contentType ?? '';
  if (type === 'application/json') out.json = JSON.parse(body.toString('utf8'));
  else if (type === 'application/x-www-form-urlencoded') out.form = Object.fromEntries(new URLSearchParams(body.toString('utf8')));
  else if (type.startsWith('multipart/form-data; boundary=')) out.parts = parseMultipart(body, type.slice('multipart/form-data; boundary='.length));
  return out;
}

function header(req: PreparedRequest, name: string): string | undefined {
  return Object.entries(req.headers).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
}

function field(parts: MultipartPart[], name: string): MultipartPart | undefined {
  return parts.find((p) => p.name === name);
}

for (const file of files) {
  t(`${file} checks clean; its secrets come from @env; the README lists it`, () => {
    const source = readFileSync(join(dir, file), 'utf8');
    const result = compile(source, { fileName: file, emit: true });
    assert.equal(result.diagnostics.map((d) => `${d.range.start.line}: ${d.code} ${d.message}`), []);
    for (const name of result.model!.env) {
      assert.ok(name in env, `${file} reads ${name}, which this test gives no value`);
      assert.not.ok(result.code!.includes(env[name]), 'no value is compiled in');
    }
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    assert.ok(readme.includes(file), `examples/README.md lists ${file}`);
    for (const name of result.model!.env) assert.ok(readme.includes(name), `examples/README.md names ${name}`);
  });
}

/** What `octohookc test examples/FILE --all --dry-run` prints, run as the user runs it. */
function previewAll(file: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(projectRoot, 'bin', 'octohookc.js'), 'test', join(dir, file), '--all', '--dry-run'], { env: { ...process.env, ...env, OCTOHOOK_SECRET: 'design-secret', OCTOPRINT_API_KEY: 'k', CLIENT_SECRET: 'c' } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

for (const file of [...files, 'hooks.ohk']) {
  t(`${file} reads well on every trigger it listens to: no placeholder renders empty in the --all preview`, async () => {
    const r = await previewAll(file);
    assert.is(r.code, 0, r.stderr);
    assert.match(r.stdout, /^# hook /m);
    assert.not.match(r.stderr, /warning:|rendered empty/, r.stderr);
  });
}

t('Discord: POST /api/webhooks/{id}/{token}, JSON with content (≤ 2000) and optional embeds', async () => {
  const r = await dryRun('discord.ohk', 'PrintDone');
  assert.is(r.req.method, 'POST');
  assert.match(r.req.url, /^https:\/\/discord\.com\/api\/webhooks\/\d+\/[\w-]+$/);
  assert.is(r.req.contentType, 'application/json');
  const content = r.json!.content as string;
  assert.ok(typeof content === 'string' && content.length > 0 && content.length <= 2000);
  const embeds = r.json!.embeds as Array<Record<string, unknown>>;
  assert.ok(Array.isArray(embeds) && embeds.length <= 10);
  assert.type(embeds[0].title, 'string');
  assert.ok((embeds[0].title as string).length <= 256);
  assert.type(embeds[0].color, 'number');
});

t('Slack: POST hooks.slack.com/services/…, JSON text with blocks', async () => {
  const r = await dryRun('slack.ohk', 'Progress');
  assert.is(r.req.method, 'POST');
  assert.match(r.req.url, /^https:\/\/hooks\.slack\.com\/services\/T\w+\/B\w+\/\w+$/);
  assert.is(r.req.contentType, 'application/json');
  assert.match(r.json!.text as string, /Your print is 50 % complete\./);
  const blocks = r.json!.blocks as Array<{ type: string; text?: { type: string; text: string } }>;
  assert.equal(blocks.map((b) => b.type), ['header', 'section', 'context']);
  assert.is(blocks[0].text!.type, 'plain_text');
  assert.is(blocks[1].text!.type, 'mrkdwn');
});

t('Telegram: sendMessage as JSON {chat_id, text}; sendPhoto as multipart with the photo file', async () => {
  const text = await dryRun('telegram.ohk', 'PrintStarted');
  assert.is(text.req.method, 'POST');
  assert.match(text.req.url, /^https:\/\/api\.telegram\.org\/bot\d+:[\w-]+\/sendMessage$/);
  assert.is(text.req.contentType, 'application/json');
  assert.is(text.json!.chat_id, env.TELEGRAM_CHAT_ID);
  assert.type(text.json!.text, 'string');

  const photo = await dryRun('telegram.ohk', 'PrintDone');
  assert.match(photo.req.url, /^https:\/\/api\.telegram\.org\/bot\d+:[\w-]+\/sendPhoto$/);
  assert.match(photo.req.contentType!, /^multipart\/form-data; boundary=/);
  assert.is(field(photo.parts!, 'chat_id')!.text, env.TELEGRAM_CHAT_ID);
  assert.ok(field(photo.parts!, 'caption')!.text.length <= 1024);
  const file = field(photo.parts!, 'photo')!;
  assert.is(file.filename, 'snapshot.jpg');
  assert.is(file.contentType, 'image/jpeg');
  assert.ok(file.data.length > 100 && file.data[0] === 0xff && file.data[1] === 0xd8, 'a JPEG');
});

t('ntfy: POST to the topic, Title/Priority/Tags (and Message) headers, no body', async () => {
  const r = await dryRun('ntfy.ohk', 'PrintFailed');
  assert.is(r.req.method, 'POST');
  assert.match(r.req.url, /^https:\/\/ntfy\.sh\/[-\w]{1,64}$/);
  assert.is(r.req.body, null);
  assert.match(header(r.req, 'Title')!, /: Print Failed$/);
  assert.ok(['min', 'low', 'default', 'high', 'max', 'urgent', '1', '2', '3', '4', '5'].includes(header(r.req, 'Priority')!));
  assert.match(header(r.req, 'Tags')!, /^[\w-]+(,[\w-]+)*$/);
  assert.match(header(r.req, 'Message')!, /failed \(error\)$/);
  for (const v of Object.values(r.req.headers)) assert.ok(/^[\x20-\x7e]*$/.test(v), 'header values are plain ASCII');
});

t('Gotify: POST {server}/message with X-Gotify-Key, JSON title/message/priority', async () => {
  const r = await dryRun('gotify.ohk', 'Error');
  assert.is(r.req.method, 'POST');
  assert.is(r.req.url, `${env.GOTIFY_URL}/message`);
  assert.is(header(r.req, 'X-Gotify-Key'), env.GOTIFY_TOKEN);
  assert.is(r.req.contentType, 'application/json');
  assert.type(r.json!.title, 'string');
  assert.is(r.json!.message, 'There was an error.');
  assert.ok(Number.isInteger(r.json!.priority));
});

t('Home Assistant: POST {ha}/api/webhook/{id} with a JSON body', async () => {
  const r = await dryRun('home-assistant.ohk', 'Progress');
  assert.is(r.req.method, 'POST');
  assert.match(r.req.url, /^http:\/\/homeassistant\.local:8123\/api\/webhook\/[-\w]+$/);
  assert.is(r.req.contentType, 'application/json');
  assert.is(r.json!.topic, 'Print Progress');
  assert.type(r.json!.completion, 'number');
});

t('IFTTT: POST /trigger/{event}/with/key/{key}, JSON value1..value3 only', async () => {
  const r = await dryRun('ifttt.ohk', 'PrintDone');
  assert.is(r.req.method, 'POST');
  assert.match(r.req.url, /^https:\/\/maker\.ifttt\.com\/trigger\/\w+\/with\/key\/[\w-]+$/);
  assert.is(r.req.contentType, 'application/json');
  assert.equal(Object.keys(r.json!).sort(), ['value1', 'value2', 'value3']);
  for (const v of Object.values(r.json!)) assert.type(v, 'string');
});

t('Pushover: POST /1/messages.json; multipart with token, user, message and the attachment; plain form without it', async () => {
  const r = await dryRun('pushover.ohk', 'PrintDone');
  assert.is(r.req.method, 'POST');
  assert.is(r.req.url, 'https://api.pushover.net/1/messages.json');
  assert.match(r.req.contentType!, /^multipart\/form-data; boundary=/);
  assert.is(field(r.parts!, 'token')!.text, env.PUSHOVER_TOKEN);
  assert.is(field(r.parts!, 'user')!.text, env.PUSHOVER_USER);
  assert.ok(field(r.parts!, 'message')!.text.length > 0);
  assert.type(field(r.parts!, 'title')?.text, 'string');
  const attachment = field(r.parts!, 'attachment')!;
  assert.is(attachment.contentType, 'image/jpeg');
  assert.ok(attachment.data.length > 100);

  const p = await dryRun('pushover.ohk', 'Progress');
  assert.is(p.req.contentType, 'application/x-www-form-urlencoded');
  assert.equal(Object.keys(p.form!).sort(), ['message', 'priority', 'title', 'token', 'user']);
  assert.is(p.form!.priority, '-1');
});

t('signed API: JSON to the configured URL, signed with @env.WEBHOOK_SECRET and retried on its schedule', async () => {
  const module = await load('signed-api.ohk');
  const hook = module.hooks[0];
  assert.ok(hook.sign, 'the hook is signed');
  assert.is(hook.sign!({ env } as never), env.WEBHOOK_SECRET);
  assert.equal(hook.retryDelaysMs, [10_000, 60_000, 600_000, 3_600_000]);
  assert.is(hook.timeoutMs, 15_000);
  const r = await dryRun('signed-api.ohk', 'PrintDone');
  assert.is(r.req.method, 'POST');
  assert.is(r.req.url, env.EVENTS_URL);
  assert.is(r.req.contentType, 'application/json');
  assert.match(r.json!.at as string, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.is((r.json!.job as { file: string }).file, 'lab_test.gcode');
});

t.run();
