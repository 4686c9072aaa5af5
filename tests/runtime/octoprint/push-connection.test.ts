// What a push connection says when its socket never opens: the reason a reconnect is logged
// with names the HTTP status of a refused upgrade, or the network's error code.
import { createServer, type AddressInfo } from 'node:net';
import { suite } from '../../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { ManualClock } from '../../../runtime/clock.js';
import { describeEnd, PushConnection, type ConnectionEnd } from '../../../runtime/octoprint/push-connection.js';
import { MemoryLogger } from '../../support/memory-logger.js';
import { waitFor } from '../../support/wait-for.js';

const t = suite('octoprint: push connection ends');

function connectTo(url: string): { ends: ConnectionEnd[] } {
  const ends: ConnectionEnd[] = [];
  new PushConnection({
    url,
    auth: 'admin:secret-session',
    subscribe: {},
    ackTimeoutMs: 10_000,
    liveness: false,
    clock: new ManualClock(0),
    logger: new MemoryLogger(),
    onMessage() {},
    onAck() {},
    onEnd: (end) => ends.push(end),
  }).open();
  return { ends };
}

t('an upgrade answered with 403 ends the connection naming the status', async () => {
  const server = createServer((socket) => socket.once('data', () => socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n')));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const c = connectTo(`ws://127.0.0.1:${(server.address() as AddressInfo).port}/sockjs/websocket`);
    await waitFor(() => c.ends.length, 'the end');
    assert.is(describeEnd(c.ends[0]), 'socket closed (code 1006; HTTP 403 instead of a WebSocket upgrade)');
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});

t('a refused connection ends it with the error code', async () => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  const c = connectTo(`ws://127.0.0.1:${port}/sockjs/websocket`);
  await waitFor(() => c.ends.length, 'the end');
  assert.equal(c.ends, [{ kind: 'closed', code: 1006, reason: '', error: 'ECONNREFUSED' }]);
});

t.run();
