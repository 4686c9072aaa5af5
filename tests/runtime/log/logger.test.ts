import { test } from '../../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { OctohookError } from '../../../runtime/errors.js';
import { createLogger, type LogFormat, type Logger } from '../../../runtime/log/logger.js';

function capture(format: LogFormat = 'text', level: 'debug' | 'info' | 'warn' | 'error' = 'debug'): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  let buffer = '';
  const stream = {
    write(chunk: string) {
      buffer += chunk;
      const parts = buffer.split('\n');
      buffer = parts.pop()!;
      lines.push(...parts);
      return true;
    },
  };
  const clock = { now: () => Date.UTC(2025, 0, 2, 3, 4, 5, 6) };
  return { log: createLogger({ stream, format, level, clock }), lines };
}

test('text format: time level msg key=value, one line per record', () => {
  const { log, lines } = capture();
  log.info('webhook sent', { hook: 'api', status: 200, ms: 12, note: 'two words', ok: true });
  log.warn('multi\nline message', { body: 'a\nb' });
  assert.is(lines[0], '2025-01-02T03:04:05.006Z INFO  webhook sent hook=api status=200 ms=12 note="two words" ok=true');
  assert.is(lines.length, 2);
  assert.is(lines[1], '2025-01-02T03:04:05.006Z WARN  multi\\nline message body="a\\nb"');
});

test('json format: one JSON object per line with time, level, msg and fields', () => {
  const { log, lines } = capture('json');
  log.error('send failed', { hook: 'api', err: new OctohookError('OHK_ERR_TIMEOUT', 'POST http://h:1 did not answer within 10 s') });
  const rec = JSON.parse(lines[0]);
  assert.equal(rec, {
    time: '2025-01-02T03:04:05.006Z',
    level: 'error',
    msg: 'send failed',
    hook: 'api',
    err: { code: 'OHK_ERR_TIMEOUT', message: 'POST http://h:1 did not answer within 10 s' },
  });
});

test('levels below the threshold are dropped', () => {
  const { log, lines } = capture('text', 'warn');
  log.debug('d');
  log.info('i');
  log.warn('w');
  log.error('e');
  assert.equal(lines.map((l) => l.split(' ')[1]), ['WARN', 'ERROR']);
  assert.is(log.isLevelEnabled('info'), false);
});

test('errors are logged as code and message, never a stack trace', () => {
  const { log, lines } = capture();
  const inner = new Error('socket hang up');
  log.error('failed', { err: new OctohookError('OHK_ERR_NETWORK', 'could not reach h:1: reset', { cause: inner }) });
  assert.not.match(lines[0], /\bat .*\.js:\d+/);
  assert.match(lines[0], /"code":"OHK_ERR_NETWORK"/);
  assert.match(lines[0], /socket hang up/);
});

test('children add bindings and share the parent\'s secrets, even ones added later', () => {
  const { log, lines } = capture();
  const child = log.child({ hook: 'discord' });
  log.addSecret('late-registered-secret');
  child.info('url is https://discord.com/api/webhooks/late-registered-secret');
  assert.is(lines[0], '2025-01-02T03:04:05.006Z INFO  url is https://discord.com/api/webhooks/[redacted] hook=discord');
});

// Secrets never appear in any log line — in messages, nested fields, error
// messages, causes, URLs, encoded forms — in either format.
test('no registered secret and no credential-named field survives, in any shape, in either format', () => {
  const secrets = {
    apikey: 'OCTO-API-KEY-0123456789',
    apiSecret: 'lab-secret-value',
    env: 'env "quoted" value/with+chars',
    token: 'eyJhbGciOiJIUzI1NiJ9.payload.sig',
    session: 'sess-42-abcdef',
  };
  const unregistered = { password: 'hunter2-pw', client: 'cs-unregistered-999', bearer: 'unregisteredBearer77' };
  for (const format of ['text', 'json'] as const) {
    const { log, lines } = capture(format);
    for (const s of Object.values(secrets)) log.addSecret(s);
    log.info(`connecting with ${secrets.apikey}`);
    log.info('rendered request', {
      url: `https://user:${unregistered.password}@api.example.com/v1?token=${secrets.token}&q=1`,
      headers: { Authorization: `Bearer ${unregistered.bearer}`, 'X-Api-Key': secrets.apikey, 'x-content-type-options': 'nosniff' },
      data: { apiSecret: secrets.apiSecret, nested: [{ deep: { note: `env=${secrets.env}` } }], CLIENT_SECRET: unregistered.client },
      form: `client_secret=${encodeURIComponent(unregistered.client)}&x=${encodeURIComponent(secrets.env)}`,
      json: JSON.stringify({ access_token: 'unregistered-access', other: secrets.env }),
    });
    const err = new OctohookError('OHK_ERR_OAUTH', `token server answered 401: {"error":"bad key ${secrets.apikey}"}`, {
      cause: new Error(`session ${secrets.session} expired`),
    });
    log.error(`failed: ${err.message}`, { err, session: secrets.session });
    log.warn('plain Bearer in text', { text: `Authorization: Bearer ${unregistered.bearer}` });
    const all = lines.join('\n');
    for (const s of [...Object.values(secrets), ...Object.values(unregistered), 'unregistered-access']) {
      assert.not.ok(all.includes(s), `${format}: "${s}" leaked:\n${all}`);
      assert.not.ok(all.includes(JSON.stringify(s).slice(1, -1)), `${format}: escaped "${s}" leaked`);
      assert.not.ok(all.includes(encodeURIComponent(s)), `${format}: url-encoded "${s}" leaked`);
    }
    assert.ok(all.includes('nosniff'), 'harmless values stay');
    assert.ok(all.includes('[redacted]'));
    if (format === 'json') for (const l of lines) JSON.parse(l);
  }
});

test.run();
