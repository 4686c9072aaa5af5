// Where `octohook run` takes OctoPrint's URL and API key from, as README.md states it: the
// --octoprint / --api-key flags, then OCTOPRINT_URL / OCTOPRINT_API_KEY, then the file's
// `octoprint { }` block; URL and key each on their own. Three recording servers on 127.0.0.1
// stand for three OctoPrints; the spawned daemon's first request (the passive login) shows
// which one it chose and which key it sent.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from '../../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { projectRoot } from '../../support/project-root.js';
import { startReceiver, type Receiver } from '../../support/receiver.js';
import { waitFor } from '../../support/wait-for.js';

const t = suite('octohook run: flags, then environment, then the octoprint block');

let dir: string;
let servers: Record<'flag' | 'env' | 'file', Receiver>;
let hooks: string;

t.before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'octohook-precedence-'));
  // 403 to the login: the daemon reports the key as refused and keeps trying; the test only
  // needs the first request.
  const refuse = (_: unknown, res: import('node:http').ServerResponse) => void res.writeHead(403, { 'content-type': 'application/json' }).end('{"error":"Forbidden"}');
  servers = { flag: await startReceiver(refuse), env: await startReceiver(refuse), file: await startReceiver(refuse) };
  hooks = join(dir, 'hooks.ohk');
  await writeFile(
    hooks,
    `octoprint {\n  url    "${servers.file.url}"\n  apikey @env.FILE_API_KEY\n}\nhook done on PrintDone { url "http://127.0.0.1:9/done" }\n`,
  );
});

t.after(async () => {
  await Promise.all(Object.values(servers).map((s) => s.close()));
  await rm(dir, { recursive: true, force: true });
});

/** Runs the daemon until one of the servers got a request; returns which one and the key it carried. */
async function firstContact(args: string[], env: Record<string, string>): Promise<{ server: string; key: string }> {
  for (const s of Object.values(servers)) s.requests.length = 0;
  const base = { ...process.env };
  delete base.OCTOPRINT_URL;
  delete base.OCTOPRINT_API_KEY;
  const child = spawn(process.execPath, [join(projectRoot, 'bin', 'octohook.js'), 'run', hooks, '--state-dir', join(dir, 'state'), ...args], {
    cwd: dir,
    env: { ...base, FILE_API_KEY: 'key-from-file', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    const [name, server] = await waitFor(() => Object.entries(servers).find(([, s]) => s.requests.length > 0), 'a request to one of the three servers', 10_000).catch((e: Error) => {
      throw new Error(`${e.message}; daemon stderr: ${stderr}`);
    });
    const login = server.requests[0];
    assert.is(login.url, '/api/login');
    return { server: name, key: String(login.headers['x-api-key']) };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

t('the flags win over the environment and the file', async () => {
  const seen = await firstContact(['--octoprint', servers.flag.url, '--api-key', 'key-from-flag'], {
    OCTOPRINT_URL: servers.env.url,
    OCTOPRINT_API_KEY: 'key-from-env',
  });
  assert.equal(seen, { server: 'flag', key: 'key-from-flag' });
});

t('without flags the environment wins over the file', async () => {
  const seen = await firstContact([], { OCTOPRINT_URL: servers.env.url, OCTOPRINT_API_KEY: 'key-from-env' });
  assert.equal(seen, { server: 'env', key: 'key-from-env' });
});

t('with neither, the octoprint block is used', async () => {
  assert.equal(await firstContact([], {}), { server: 'file', key: 'key-from-file' });
});

t('URL and key are chosen each on its own: flag URL, environment key, file for nothing', async () => {
  const seen = await firstContact(['--octoprint', servers.flag.url], { OCTOPRINT_API_KEY: 'key-from-env' });
  assert.equal(seen, { server: 'flag', key: 'key-from-env' });
  const fileUrl = await firstContact([], { OCTOPRINT_API_KEY: 'key-from-env' });
  assert.equal(fileUrl, { server: 'file', key: 'key-from-env' });
});

t.run();
