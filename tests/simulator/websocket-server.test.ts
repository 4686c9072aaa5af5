import { test } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import diagnosticsChannel from 'node:diagnostics_channel';
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { ping, WebSocket } from 'undici';
import { acceptKey, WebSocketServer, type ServerWebSocket } from '../../simulator/websocket-server.js';
import { encodeFrame, FrameParser, OPCODE } from '../../simulator/websocket-frames.js';
import { waitFor } from '../support/wait-for.js';

async function echoServer(): Promise<{ server: Server; wss: WebSocketServer; url: string; sockets: ServerWebSocket[] }> {
  const server = createServer((_req, res) => res.end('plain http'));
  const wss = new WebSocketServer(server, { path: '/sockjs/websocket' });
  const sockets: ServerWebSocket[] = [];
  wss.on('connection', (ws) => {
    sockets.push(ws);
    ws.on('message', (text) => ws.sendText(text.startsWith('big:') ? 'y'.repeat(Number(text.slice(4))) : `echo:${text}`));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/sockjs/websocket`;
  return { server, wss, url, sockets };
}

async function open(url: string): Promise<{ ws: WebSocket; got: string[]; closed: { code?: number; reason?: string } }> {
  const ws = new WebSocket(url);
  const got: string[] = [];
  const closed: { code?: number; reason?: string } = {};
  ws.onmessage = (e) => got.push(String(e.data));
  ws.onclose = (e) => {
    closed.code = e.code;
    closed.reason = e.reason;
  };
  await new Promise<void>((resolve, reject) => {
    ws.onopen = () => resolve();
    ws.onerror = () => reject(new Error('open failed'));
  });
  return { ws, got, closed };
}

function shutdown(server: Server, wss: WebSocketServer): Promise<void> {
  for (const ws of wss.clients) ws.terminate();
  return new Promise((r) => {
    server.close(() => r());
    server.closeAllConnections();
  });
}

test('Sec-WebSocket-Accept follows RFC 6455 (its own example)', () => {
  assert.is(acceptKey('dGhlIHNhbXBsZSBub25jZQ=='), 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
});

test('frame encoding uses 7-, 16- and 64-bit lengths', () => {
  assert.is(encodeFrame(OPCODE.text, Buffer.alloc(125))[1], 125);
  const mid = encodeFrame(OPCODE.text, Buffer.alloc(70_000 - 65_000));
  assert.is(mid[1], 126);
  assert.is(mid.readUInt16BE(2), 5000);
  const big = encodeFrame(OPCODE.text, Buffer.alloc(300_000));
  assert.is(big[1], 127);
  assert.is(Number(big.readBigUInt64BE(2)), 300_000);
});

test('the parser reassembles a masked frame split across chunks and rejects unmasked ones', () => {
  const payload = Buffer.from('hello');
  const mask = Buffer.from([1, 2, 3, 4]);
  const masked = Buffer.from(payload.map((b, i) => b ^ mask[i & 3]));
  const frame = Buffer.concat([Buffer.from([0x81, 0x80 | payload.length]), mask, masked]);
  const parser = new FrameParser(1024);
  assert.equal(parser.push(frame.subarray(0, 3)), []);
  const frames = parser.push(frame.subarray(3));
  assert.is(frames.length, 1);
  assert.is(frames[0].payload.toString(), 'hello');
  assert.throws(() => new FrameParser(1024).push(Buffer.from([0x81, 0x01, 0x41])), /masked/);
});

test('text round trip with undici, including 70 kB and 300 kB messages both ways', async () => {
  const { server, wss, url } = await echoServer();
  try {
    const c = await open(url);
    c.ws.send('hi');
    c.ws.send('x'.repeat(70_000));
    c.ws.send('big:300000');
    await waitFor(() => c.got.length >= 3, 'three answers');
    assert.is(c.got[0], 'echo:hi');
    assert.is(c.got[1].length, 'echo:'.length + 70_000);
    assert.is(c.got[2], 'y'.repeat(300_000));
    c.ws.close();
  } finally {
    await shutdown(server, wss);
  }
});

test('pings are answered with pongs unless switched off', async () => {
  const { server, wss, url, sockets } = await echoServer();
  const pongs: unknown[] = [];
  const onPong = (m: unknown): void => void pongs.push(m);
  diagnosticsChannel.subscribe('undici:websocket:pong', onPong);
  try {
    const c = await open(url);
    ping(c.ws, Buffer.from('p1'));
    await waitFor(() => pongs.length === 1, 'a pong');
    sockets[0].answerPings = false;
    ping(c.ws, Buffer.from('p2'));
    await new Promise((r) => setTimeout(r, 30));
    assert.is(pongs.length, 1);
    c.ws.close();
  } finally {
    diagnosticsChannel.unsubscribe('undici:websocket:pong', onPong);
    await shutdown(server, wss);
  }
});

test('server close sends code 3000 "Go away!"; terminate drops without a close frame', async () => {
  const { server, wss, url, sockets } = await echoServer();
  try {
    const a = await open(url);
    sockets[0].close(3000, 'Go away!');
    await waitFor(() => a.closed.code !== undefined, 'close');
    assert.is(a.closed.code, 3000);
    assert.is(a.closed.reason, 'Go away!');
    const b = await open(url);
    sockets[1].terminate();
    await waitFor(() => b.closed.code !== undefined, 'close');
    assert.is(b.closed.code, 1006);
  } finally {
    await shutdown(server, wss);
  }
});

test('wrong path gets 404 and an unmasked client frame closes with 1002', async () => {
  const { server, wss, url } = await echoServer();
  try {
    const bad = new WebSocket(url.replace('/sockjs/websocket', '/nope'));
    const failed = await new Promise<boolean>((r) => {
      bad.onerror = () => r(true);
      bad.onopen = () => r(false);
    });
    assert.ok(failed);

    const port = Number(new URL(url).port);
    const sock = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    sock.on('data', (d) => chunks.push(d));
    await new Promise<void>((r) => sock.on('connect', () => r()));
    sock.write(
      'GET /sockjs/websocket HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    );
    await waitFor(() => Buffer.concat(chunks).includes('\r\n\r\n'), 'handshake');
    assert.match(Buffer.concat(chunks).toString('latin1'), /101 Switching Protocols[\s\S]*s3pPLMBiTxaQ9kYGzzhZRbK\+xOo=/);
    chunks.length = 0;
    sock.write(Buffer.from([0x81, 0x02, 0x68, 0x69])); // unmasked "hi"
    await waitFor(() => chunks.length > 0, 'close frame');
    const reply = Buffer.concat(chunks);
    assert.is(reply[0], 0x88);
    assert.is(reply.readUInt16BE(2), 1002);
    sock.destroy();
  } finally {
    await shutdown(server, wss);
  }
});

test.run();
