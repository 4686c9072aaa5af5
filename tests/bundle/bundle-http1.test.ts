// The `--bundle` daemon speaks HTTP/1.1 only: its packed undici has no node:http2
// (scripts/bundle-lazy-parts.mjs), which with the node:tls it requires would cost about 1 MiB
// of RSS in every daemon (docs/performance.md, sixth pass). Spawned as a user runs it, against
// the OctoPrint simulator: it delivers to an http:// target without ever loading http2 or tls,
// and to an https:// target (verified, with the test certificate of fixtures/tls given as
// NODE_EXTRA_CA_CERTS) with tls and still no http2.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { runBuild } from '../../compiler/cli/command-build.js';
import { OctoPrintSimulator } from '../../simulator/index.js';
import { projectRoot } from '../support/project-root.js';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { waitFor } from '../support/wait-for.js';

const t = suite('bundle: HTTP/1.1 only, over http and https');

const CERT = join(projectRoot, 'fixtures', 'tls', 'test-cert.pem');
const KEY = join(projectRoot, 'fixtures', 'tls', 'test-key.pem');

// Preloaded with --import: the Node modules loaded by the time the process exits.
const PRELOAD = `import { writeFileSync } from 'node:fs';
process.on('exit', () => writeFileSync(process.env.LOADED_FILE, JSON.stringify(process.moduleLoadList)));
`;

const source = (url: string) => `
device "http1-test"
secret "http1-secret-0123456789abcdef"
hook done on PrintDone {
  url  "${url}/done"
  data { topic: @topic, file: @job.file.name }
}
`;

let dir: string;
let sim: OctoPrintSimulator;
let plain: Receiver;
let secure: Server;
const secureBodies: string[] = [];

t.before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'octohook-bundle-http1-'));
  await writeFile(join(dir, 'loaded-at-exit.mjs'), PRELOAD);
  plain = await startReceiver();
  secure = createServer({ cert: await readFile(CERT), key: await readFile(KEY) }, (req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      secureBodies.push(`${req.method} ${req.url} HTTP/${req.httpVersion} ${body}`);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => secure.listen(0, '127.0.0.1', r));
  sim = await new OctoPrintSimulator({ speed: 10 }).start();
});

t.after(async () => {
  await sim?.stop();
  await plain?.close();
  await new Promise((r) => secure?.close(r));
  await rm(dir, { recursive: true, force: true });
});

/** Builds `name`.bundle.mjs for a hook posting to `url`, runs it through one finished print, and returns what it loaded. */
async function deliverOnce(name: string, url: string, delivered: () => boolean): Promise<{ loaded: string[]; log: string }> {
  await writeFile(join(dir, `${name}.ohk`), source(url));
  let output = '';
  const io = { write: (s: string) => (output += s) };
  assert.is(await runBuild([join(dir, `${name}.ohk`), '--bundle'], { out: io, err: io }), 0, output);

  const loadedFile = join(dir, `${name}-loaded.json`);
  const child = spawn(
    process.execPath,
    ['--import', join(dir, 'loaded-at-exit.mjs'), join(dir, `${name}.bundle.mjs`), '--octoprint', sim.url, '--api-key', sim.apiKey, '--state-dir', join(dir, `state-${name}`)],
    { cwd: dir, env: { PATH: process.env.PATH ?? '', LOADED_FILE: loadedFile, NODE_EXTRA_CA_CERTS: CERT }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  child.stdout.on('data', (c: Buffer) => (log += c.toString()));
  child.stderr.on('data', (c: Buffer) => (log += c.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  try {
    await waitFor(() => /Connected to OctoPrint/.test(log), `connected; log:\n${log}`, 15_000);
    await sim.play('done').done;
    await waitFor(() => delivered() && /delivered .*hook=done/.test(log), `delivered; log:\n${log}`, 15_000);
  } finally {
    child.kill('SIGTERM');
  }
  assert.is(await exited, 0, log);
  return { loaded: JSON.parse(await readFile(loadedFile, 'utf8')) as string[], log };
}

const has = (loaded: string[], name: string) => loaded.includes(`NativeModule ${name}`);

t('to an http:// target: delivered, and neither node:http2 nor node:tls was ever loaded', async () => {
  const { loaded } = await deliverOnce('plain', plain.url, () => plain.requests.some((r) => r.url === '/done'));
  const request = plain.requests.find((r) => r.url === '/done')!;
  assert.equal(request.json, { topic: 'Print Done', file: 'lab_test.gcode' });
  assert.not.ok(has(loaded, 'http2'), 'node:http2 loaded');
  assert.not.ok(has(loaded, 'tls'), 'node:tls loaded');
  assert.ok(has(loaded, 'net'), loaded.join(', '));
});

t('to an https:// target: verified with the given CA, delivered over HTTP/1.1, with tls and still no http2', async () => {
  const port = (secure.address() as AddressInfo).port;
  const { loaded } = await deliverOnce('secure', `https://127.0.0.1:${port}`, () => secureBodies.length > 0);
  assert.equal(secureBodies, ['POST /done HTTP/1.1 {"topic":"Print Done","file":"lab_test.gcode"}']);
  assert.ok(has(loaded, 'tls'), loaded.join(', '));
  assert.not.ok(has(loaded, 'http2'), 'node:http2 loaded');
});

t.run();
