// Issue 10.8: wrong OctoPrint addresses get a hint. An address without a scheme is refused
// before the start (exit 2, `try http://…`); a server that is not OctoPrint is reported as
// "not an OctoPrint at URL", once per change, and retried slowly; https:// to a plain-http
// port says "does not speak HTTPS; try http://…" within a few seconds. All against real
// servers on 127.0.0.1.
import { suite } from '../../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../../runtime/clock.js';
import { passiveLogin } from '../../../runtime/octoprint/login.js';
import { PushClient, type ReconnectInfo } from '../../../runtime/octoprint/push-client.js';
import { prepareRequest } from '../../../runtime/http/prepare-request.js';
import { sendRequest } from '../../../runtime/http/send-request.js';
import { MemoryLogger } from '../../support/memory-logger.js';
import { rejection } from '../../support/rejection.js';
import { runBin } from '../../support/spawn-bin.js';
import { waitFor } from '../../support/wait-for.js';

const t = suite('wrong OctoPrint addresses');
let status = 404;
let server: Server;
let base: string;
let logins = 0;

t.before(async () => {
  server = createServer((req, res) => {
    if (req.url?.endsWith('/api/login')) logins++;
    res.writeHead(status, { 'content-type': 'text/html' });
    res.end(`<h1>${status}</h1>`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
t.after(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

t('a server answering 404 or 501 to the login, or a page that is not JSON: OHK_ERR_NOT_OCTOPRINT naming the URL', async () => {
  for (const s of [404, 501, 200]) {
    status = s;
    const err = await rejection(passiveLogin({ baseUrl: base, apiKey: 'k' }));
    assert.is(err.code, 'OHK_ERR_NOT_OCTOPRINT');
    assert.ok(err.message.startsWith(`not an OctoPrint at ${base}/: POST /api/login was answered with ${s === 200 ? 'a page that is not JSON' : `HTTP ${s}`}`), err.message);
  }
  status = 404;
});

t('https:// to a plain-http port: "does not speak HTTPS; try http://…" at once', async () => {
  const started = Date.now();
  const https = base.replace('http:', 'https:');
  const err = await rejection(passiveLogin({ baseUrl: `${https}/octo`, apiKey: 'k', timeoutMs: 3000 }));
  assert.is(err.code, 'OHK_ERR_OCTOPRINT_NOT_HTTPS');
  assert.is(err.message, `OctoPrint at ${https}/octo does not speak HTTPS (the TLS handshake was answered in plain HTTP); try ${base}/octo`);
  assert.ok(Date.now() - started < 3000);
});

t('a webhook target the same way: the network error says plain HTTP, not a certificate problem', async () => {
  const err = await rejection(sendRequest(prepareRequest({ method: 'POST', content: 'json', url: `${base.replace('http:', 'https:')}/hook`, headers: {}, data: {} }), { timeoutMs: 3000 }));
  assert.is(err.code, 'OHK_ERR_NETWORK');
  assert.match(err.message, /speaks plain HTTP, not HTTPS, on that port: try http:\/\/127\.0\.0\.1:\d+/);
});

t('the push client keeps trying, slowly, and logs the error once per change', async () => {
  status = 404;
  logins = 0;
  const clock = new ManualClock(1_800_000_000_000);
  const logger = new MemoryLogger();
  const reconnects: ReconnectInfo[] = [];
  const client = new PushClient({ baseUrl: base, apiKey: 'k', clock, logger, random: () => 0 });
  client.on('reconnecting', (r) => reconnects.push(r));
  client.start();
  try {
    for (let n = 1; n <= 3; n++) {
      await waitFor(() => reconnects.length >= n, `attempt ${n}`);
      assert.ok(reconnects[n - 1].delayMs >= 60_000, `slow retry: ${reconnects[n - 1].delayMs} ms`);
      if (n === 2) status = 501;
      clock.advance(reconnects[n - 1].delayMs);
    }
    await waitFor(() => reconnects.length >= 4, 'attempt 4');
    assert.is(logins, 4);
    const errors = logger.at('error').map((r) => r.msg);
    assert.is(errors.length, 2, errors.join('\n'));
    assert.match(errors[0], new RegExp(`^not an OctoPrint at ${base}/: POST /api/login was answered with HTTP 404.*Trying again every 60 s \\(logged again only if this changes\\)\\.$`));
    assert.match(errors[1], /answered with HTTP 501/);
    assert.ok(logger.at('debug').some((r) => r.msg.startsWith('still: not an OctoPrint')));
  } finally {
    await client.stop();
    status = 404;
  }
});

t('octohook run: an address without a scheme stops the start, exit 2, naming the value and where it came from', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'octohook-address-'));
  const file = join(dir, 'hooks.ohk');
  writeFileSync(file, `octoprint { url "@env.OCTO_ADDRESS" }\nhook a on PrintDone { url "http://127.0.0.1:9/x" }\n`);
  const env = { OCTOPRINT_API_KEY: 'k' };
  const flag = await runBin('octohook', ['run', file, '--octoprint', 'octopi.local'], { ...env, OCTO_ADDRESS: 'http://127.0.0.1:9' });
  assert.is(flag.code, 2, flag.err);
  assert.is(flag.err.trim(), 'octohook run: the OctoPrint address "octopi.local" (--octoprint) needs http:// or https:// in front: try http://octopi.local');
  const variable = await runBin('octohook', ['run', file], { ...env, OCTOPRINT_URL: '127.0.0.1:5000', OCTO_ADDRESS: 'x' });
  assert.is(variable.code, 2, variable.err);
  assert.match(variable.err, /"127\.0\.0\.1:5000" \(OCTOPRINT_URL\) needs http:\/\/ or https:\/\/ in front: try http:\/\/127\.0\.0\.1:5000$/m);
  const block = await runBin('octohook', ['run', file], { ...env, OCTO_ADDRESS: 'octopi.local:80' });
  assert.is(block.code, 2, block.err);
  assert.match(block.err, /"octopi\.local:80" \(the octoprint block\) needs http:\/\/ or https:\/\/ in front: try http:\/\/octopi\.local:80$/m);
  const literal = join(dir, 'literal.ohk');
  writeFileSync(literal, `octoprint { url "octopi.local" }\nhook a on PrintDone { url "http://127.0.0.1:9/x" }\n`);
  const checked = await runBin('octohook', ['run', literal], env);
  assert.ok(checked.code !== 0, 'a literal address without a scheme is a compile error');
  assert.match(checked.err, /OH4001.*it must start with 'http:\/\/' or 'https:\/\/'\. Did you mean 'http:\/\/octopi\.local'\?/);
});

t('octohook run against something that is not OctoPrint, or https to plain http: says so within seconds and keeps running', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'octohook-address-'));
  const file = join(dir, 'hooks.ohk');
  writeFileSync(file, `hook a on PrintDone { url "http://127.0.0.1:9/x" }\n`);
  const env = { OCTOPRINT_API_KEY: 'k', OCTOHOOK_STATE_DIR: join(dir, 'state') };
  const notOcto = await runBin('octohook', ['run', file, '--octoprint', base], env, { until: /not an OctoPrint/, timeoutMs: 15_000 });
  assert.match(notOcto.err, new RegExp(`ERROR not an OctoPrint at ${base}/: POST /api/login was answered with HTTP 404`));
  assert.is(notOcto.code, 0, 'still running until stopped');
  const https = base.replace('http:', 'https:');
  const tls = await runBin('octohook', ['run', file, '--octoprint', https], env, { until: /does not speak HTTPS/, timeoutMs: 15_000 });
  assert.match(tls.err, new RegExp(`ERROR OctoPrint at ${https}/ does not speak HTTPS .*; try ${base}/`));
  assert.is(tls.code, 0);
});

t.run();
