// The push socket's own websocket client against a server written by hand in this file: a raw
// TCP listener that does the upgrade itself and writes frames byte for byte, so every frame the
// client meets is exactly the one the test means (split, masked, broken), and every frame the
// client sends is read back from the wire. The OctoPrint simulator's tests are the integration
// proof; these are the protocol's corners.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { suite } from '../../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { expectedAccept, READY_STATE, WebSocketClient, type WebSocketClientOptions } from '../../../runtime/octoprint/websocket-client.js';
import { FrameReader, type ServerFrame } from '../../../runtime/octoprint/websocket-frames.js';
import { fixturesDir } from '../../support/project-root.js';
import { delay, waitFor } from '../../support/wait-for.js';

const t = suite('octoprint: websocket client');

interface ClientFrame {
  fin: boolean;
  opcode: number;
  masked: boolean;
  mask: Buffer;
  payload: Buffer;
}

/** One accepted connection on the raw server: its request, and the client's frames, unmasked. */
interface Peer {
  socket: Socket;
  requestHead: string;
  frames: ClientFrame[];
}

/** Reads the client's frames (masked ones unmasked) from a buffer; returns what is left over. */
function readClientFrames(buf: Buffer, out: ClientFrame[]): Buffer {
  for (;;) {
    if (buf.length < 2) return buf;
    const masked = (buf[1] & 0x80) !== 0;
    let len = buf[1] & 0x7f;
    let at = 2;
    if (len === 126) {
      if (buf.length < 4) return buf;
      len = buf.readUInt16BE(2);
      at = 4;
    } else if (len === 127) {
      if (buf.length < 10) return buf;
      len = Number(buf.readBigUInt64BE(2));
      at = 10;
    }
    const mask = masked ? buf.subarray(at, at + 4) : Buffer.alloc(4);
    if (masked) at += 4;
    if (buf.length < at + len) return buf;
    const payload = Buffer.from(buf.subarray(at, at + len));
    for (let i = 0; i < payload.length; i++) payload[i] ^= mask[i & 3];
    out.push({ fin: (buf[0] & 0x80) !== 0, opcode: buf[0] & 0x0f, masked, mask: Buffer.from(mask), payload });
    buf = buf.subarray(at + len);
  }
}

interface FrameSpec {
  fin?: boolean;
  /** The first byte's RSV bits (0x40, 0x20, 0x10). */
  rsv?: number;
  mask?: boolean;
  /** A length to write in the header instead of the payload's. */
  claimedLength?: bigint;
}

/** A server frame exactly as specified: by default unmasked and final. */
function frame(opcode: number, payload: Buffer | string, spec: FrameSpec = {}): Buffer {
  const data = Buffer.from(payload);
  const length = spec.claimedLength ?? BigInt(data.length);
  let header: Buffer;
  if (length <= 125n) header = Buffer.from([0, Number(length)]);
  else if (length <= 0xffffn) {
    header = Buffer.from([0, 126, 0, 0]);
    header.writeUInt16BE(Number(length), 2);
  } else {
    header = Buffer.alloc(10);
    header[1] = 127;
    header.writeBigUInt64BE(length, 2);
  }
  header[0] = (spec.fin === false ? 0 : 0x80) | (spec.rsv ?? 0) | opcode;
  if (!spec.mask) return Buffer.concat([header, data]);
  header[1] |= 0x80;
  const mask = randomBytes(4);
  return Buffer.concat([header, mask, Buffer.from(data.map((b, i) => b ^ mask[i & 3]))]);
}

function closeFrame(code: number, reason: string): Buffer {
  const payload = Buffer.alloc(2 + Buffer.byteLength(reason));
  payload.writeUInt16BE(code, 0);
  payload.write(reason, 2);
  return frame(0x8, payload);
}

const keyOf = (head: string): string => /^sec-websocket-key: *(.*)$/im.exec(head)?.[1].trim() ?? '';
const upgradeAnswer = (key: string): string =>
  `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${expectedAccept(key)}\r\n\r\n`;

/** A raw TCP server on 127.0.0.1; `answer` writes the handshake's reply (default: a correct 101). */
interface RawServer {
  url: string;
  port: number;
  peers: Peer[];
  stop(): Promise<void>;
}

async function rawServer(answer: (head: string) => string = (head) => upgradeAnswer(keyOf(head))): Promise<RawServer> {
  const peers: Peer[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.on('error', () => {});
    let buf: Buffer = Buffer.alloc(0);
    let peer: Peer | undefined;
    socket.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      if (!peer) {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        peer = { socket, requestHead: buf.subarray(0, end).toString('latin1'), frames: [] };
        peers.push(peer);
        buf = buf.subarray(end + 4);
        socket.write(answer(peer.requestHead));
      }
      buf = readClientFrames(buf, peer.frames);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `ws://127.0.0.1:${port}/sockjs/websocket`,
    port,
    peers,
    stop: () => {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A client with everything it reports collected, in order. */
function connect(url: string, options?: WebSocketClientOptions) {
  const ws = new WebSocketClient(url, options);
  const c = {
    ws,
    opened: false,
    messages: [] as (string | Buffer)[],
    pongs: [] as string[],
    errors: [] as Error[],
    closes: [] as { code: number; reason: string }[],
    order: [] as string[],
  };
  ws.onopen = () => {
    c.opened = true;
    c.order.push('open');
  };
  ws.onmessage = (data) => c.messages.push(data);
  ws.onpong = (payload) => c.pongs.push(payload.toString());
  ws.onerror = (err) => {
    c.errors.push(err);
    c.order.push('error');
  };
  ws.onclose = (code, reason) => {
    c.closes.push({ code, reason });
    c.order.push('close');
  };
  return c;
}

async function opened(url: string, options?: WebSocketClientOptions) {
  const c = connect(url, options);
  await waitFor(() => c.opened || c.closes.length, 'the socket to open');
  assert.ok(c.opened, `not opened: ${c.errors.map((e) => e.message).join('; ')}`);
  return c;
}

async function withServer(fn: (s: RawServer) => Promise<void>, answer?: (head: string) => string): Promise<void> {
  const s = await rawServer(answer);
  try {
    await fn(s);
  } finally {
    await s.stop();
  }
}

t('Sec-WebSocket-Accept is the one of the protocol (its own example key)', () => {
  assert.is(expectedAccept('dGhlIHNhbXBsZSBub25jZQ=='), 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
});

t('handshake, then text both ways: every client frame masked with a fresh mask, and unmasked to what was sent', () =>
  withServer(async (s) => {
    const c = await opened(s.url);
    const head = s.peers[0].requestHead;
    assert.match(head, /^GET \/sockjs\/websocket HTTP\/1\.1\r\n/);
    assert.match(head, /^upgrade: websocket\r?$/im);
    assert.match(head, /^connection: upgrade\r?$/im);
    assert.match(head, /^sec-websocket-version: 13\r?$/im);
    assert.is(Buffer.from(keyOf(head), 'base64').length, 16);
    assert.not.match(head, /sec-websocket-(extensions|protocol)/i);
    assert.is(c.ws.readyState, READY_STATE.open);

    const long = 'ä'.repeat(150); // 300 bytes: a 16-bit length
    assert.ok(c.ws.send('hello'));
    c.ws.send(long);
    c.ws.send('x'.repeat(70_000)); // a 64-bit length
    await waitFor(() => s.peers[0].frames.length === 3, 'three frames');
    const frames = s.peers[0].frames;
    assert.ok(frames.every((f) => f.masked && f.fin && f.opcode === 1));
    assert.equal(frames.map((f) => f.payload.toString()), ['hello', long, 'x'.repeat(70_000)]);
    assert.ok(!frames[0].mask.equals(frames[1].mask) || !frames[1].mask.equals(frames[2].mask), 'a fresh mask per frame');

    s.peers[0].socket.write(frame(0x1, 'hi'));
    s.peers[0].socket.write(frame(0x2, Buffer.from([0, 1, 2])));
    await waitFor(() => c.messages.length === 2, 'two messages');
    assert.is(c.messages[0], 'hi');
    assert.equal([...(c.messages[1] as Buffer)], [0, 1, 2]);
    c.ws.close();
  }));

t('16-bit and 64-bit lengths from the server', () =>
  withServer(async (s) => {
    const c = await opened(s.url);
    const mid = 'm'.repeat(200);
    const big = 'b'.repeat(70_000);
    s.peers[0].socket.write(Buffer.concat([frame(0x1, mid), frame(0x1, big), frame(0x1, 'tail')]));
    await waitFor(() => c.messages.length === 3, 'three messages');
    assert.equal(c.messages, [mid, big, 'tail']);
    c.ws.close();
  }));

t('frames that arrive one byte at a time (and two in one chunk) are read whole', async () => {
  await withServer(async (s) => {
    const c = await opened(s.url);
    const bytes = Buffer.concat([frame(0x1, 'é'.repeat(70)), frame(0x9, 'pp'), frame(0x1, 'ok')]);
    for (const byte of bytes) {
      s.peers[0].socket.write(Buffer.from([byte]));
      await new Promise((r) => setImmediate(r));
    }
    await waitFor(() => c.messages.length === 2, 'both messages');
    assert.equal(c.messages, ['é'.repeat(70), 'ok']);
    c.ws.close();
  });
  // TCP may join small writes, so the reader is fed single bytes directly too.
  const got: ServerFrame[] = [];
  const reader = new FrameReader(1 << 20, (f) => got.push(f), (v) => assert.unreachable(v.message));
  const bytes = Buffer.concat([frame(0x1, 'x'.repeat(300)), frame(0x1, 'y'.repeat(70_000), { fin: false }), frame(0x0, '')]);
  for (let i = 0; i < bytes.length; i++) reader.push(bytes.subarray(i, i + 1));
  assert.equal(got.map((f) => [f.opcode, f.fin, f.payload.length]), [[1, true, 300], [1, false, 70_000], [0, true, 0]]);
});

t('the reader gives the same frames however the bytes are cut (random cuts, seeded)', () => {
  const sizes = [0, 1, 125, 126, 127, 65_535, 65_536, 70_001];
  const stream = Buffer.concat(sizes.map((n, i) => frame(i % 2 ? 0x2 : 0x1, Buffer.alloc(n, 97 + i))));
  let seed = 7;
  const random = (): number => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  for (let round = 0; round < 20; round++) {
    const got: ServerFrame[] = [];
    const reader = new FrameReader(1 << 20, (f) => got.push(f), (v) => assert.unreachable(v.message));
    for (let at = 0; at < stream.length; ) {
      const cut = Math.max(1, Math.floor(random() ** 4 * 80_000));
      reader.push(stream.subarray(at, at + cut));
      at += cut;
    }
    assert.equal(got.map((f) => f.payload.length), sizes);
    assert.ok(got.every((f, i) => f.payload.every((b) => b === 97 + i)));
  }
});

t('a fragmented message with a ping between its fragments: the pong echoes the payload, the message arrives whole', () =>
  withServer(async (s) => {
    const c = await opened(s.url);
    const text = Buffer.from('Hello wörld');
    const split = text.indexOf(0xc3) + 1; // inside the ö: fragments are joined before decoding
    s.peers[0].socket.write(
      Buffer.concat([
        frame(0x1, text.subarray(0, 3), { fin: false }),
        frame(0x9, 'ping-data'),
        frame(0x0, text.subarray(3, split), { fin: false }),
        frame(0x0, text.subarray(split)),
      ]),
    );
    await waitFor(() => c.messages.length === 1 && s.peers[0].frames.length === 1, 'the message and the pong');
    assert.is(c.messages[0], 'Hello wörld');
    const pong = s.peers[0].frames[0];
    assert.is(pong.opcode, 0xa);
    assert.ok(pong.masked);
    assert.is(pong.payload.toString(), 'ping-data');
    c.ws.close();
  }));

t('ping() sends a ping; the server\'s pong reaches onpong', () =>
  withServer(async (s) => {
    const c = await opened(s.url);
    assert.ok(c.ws.ping(Buffer.from('abc')));
    await waitFor(() => s.peers[0].frames.length === 1, 'the ping');
    assert.is(s.peers[0].frames[0].opcode, 0x9);
    assert.is(s.peers[0].frames[0].payload.toString(), 'abc');
    s.peers[0].socket.write(frame(0xa, 'abc'));
    await waitFor(() => c.pongs.length, 'the pong');
    assert.equal(c.pongs, ['abc']);
    assert.throws(() => c.ws.ping(Buffer.alloc(126)), RangeError);
    c.ws.close();
  }));

t('a close from the server is echoed with its code, and onclose reports its code and reason once', () =>
  withServer(async (s) => {
    const c = await opened(s.url);
    s.peers[0].socket.write(closeFrame(3000, 'Go away!'));
    await waitFor(() => s.peers[0].frames.length === 1, 'the echoed close');
    const echo = s.peers[0].frames[0];
    assert.is(echo.opcode, 0x8);
    assert.is(echo.payload.readUInt16BE(0), 3000);
    assert.ok(echo.masked);
    s.peers[0].socket.end();
    await waitFor(() => c.closes.length, 'close');
    await delay(20);
    assert.equal(c.closes, [{ code: 3000, reason: 'Go away!' }]);
    assert.equal(c.errors, []);
    assert.is(c.ws.readyState, READY_STATE.closed);
    assert.not.ok(c.ws.send('late'));
  }));

t('close() sends a close frame and waits for the server\'s; an unanswered close ends after the wait (1006)', () =>
  withServer(async (s) => {
    const a = await opened(s.url);
    a.ws.close(1000, 'bye');
    await waitFor(() => s.peers[0].frames.length === 1, 'the close frame');
    assert.is(s.peers[0].frames[0].payload.readUInt16BE(0), 1000);
    assert.is(s.peers[0].frames[0].payload.subarray(2).toString(), 'bye');
    assert.is(a.ws.readyState, READY_STATE.closing);
    s.peers[0].socket.end(closeFrame(1000, ''));
    await waitFor(() => a.closes.length, 'close');
    assert.equal(a.closes, [{ code: 1000, reason: '' }]);

    const b = await opened(s.url, { closeWaitMs: 50 });
    b.ws.close(1003); // not a code a caller may send: becomes 1000
    b.ws.close(); // a second close does nothing
    await waitFor(() => b.closes.length, 'close after the wait');
    assert.equal(b.closes, [{ code: 1006, reason: '' }]);
    assert.equal(s.peers[1].frames.map((f) => f.payload.readUInt16BE(0)), [1000]);
  }));

/** Opens a client, has the server write `bytes`, and returns what the client reported and answered. */
async function violation(bytes: Buffer, options?: WebSocketClientOptions) {
  const s = await rawServer();
  try {
    const c = await opened(s.url, options);
    s.peers[0].socket.write(bytes);
    await waitFor(() => c.closes.length, 'close', 3000);
    await delay(20);
    assert.is(c.closes.length, 1);
    assert.equal(c.order, ['open', 'error', 'close']);
    const sent = s.peers[0].frames.filter((f) => f.opcode === 0x8).map((f) => f.payload.readUInt16BE(0));
    return { code: c.closes[0].code, sent, message: c.errors[0].message, error: c.errors[0] as Error & { code?: string } };
  } finally {
    await s.stop();
  }
}

t('a masked server frame fails the connection with 1002', async () => {
  const v = await violation(frame(0x1, 'secret-ish', { mask: true }));
  assert.is(v.code, 1002);
  assert.equal(v.sent, [1002]);
  assert.is(v.error.code, 'OHK_ERR_OCTOPRINT_PROTOCOL');
  assert.match(v.message, /masked frame/);
  assert.not.match(v.message, /secret-ish/);
});

t('reserved bits, an unknown opcode, oversized or fragmented control frames, a stray continuation: 1002', async () => {
  for (const bytes of [
    frame(0x1, 'x', { rsv: 0x40 }),
    frame(0x3, 'x'),
    frame(0x9, 'p'.repeat(126)),
    frame(0x9, 'p', { fin: false }),
    frame(0x0, 'x'),
    Buffer.concat([frame(0x1, 'a', { fin: false }), frame(0x1, 'b')]),
    frame(0x8, Buffer.from([3])),
  ]) {
    const v = await violation(bytes);
    assert.is(v.code, 1002, v.message);
    assert.equal(v.sent, [1002]);
  }
});

t('invalid UTF-8 in a text message fails the connection with 1007', async () => {
  const v = await violation(frame(0x1, Buffer.from([0x68, 0xc3, 0x28])));
  assert.is(v.code, 1007);
  assert.equal(v.sent, [1007]);
  assert.match(v.message, /not valid UTF-8/);
});

t('a message over the cap fails with 1009: one frame, fragments together, or a 64-bit length over 16 MiB', async () => {
  const one = await violation(frame(0x1, 'z'.repeat(1500)), { maxMessageBytes: 1000 });
  assert.is(one.code, 1009);
  assert.equal(one.sent, [1009]);
  const parts = await violation(Buffer.concat([frame(0x1, 'z'.repeat(600), { fin: false }), frame(0x0, 'z'.repeat(600))]), { maxMessageBytes: 1000 });
  assert.is(parts.code, 1009);
  // The default cap, told by the header alone: nothing of the 17 MiB is sent.
  const claimed = await violation(frame(0x1, '', { claimedLength: 17n * 1024n * 1024n }));
  assert.is(claimed.code, 1009);
  assert.match(claimed.message, /larger than 16777216 bytes/);
});

t('an answer that is not 101 fails the opening, naming the status: error, then close (1006)', () =>
  withServer(
    async (s) => {
      const c = connect(s.url);
      await waitFor(() => c.closes.length, 'close');
      await delay(20);
      assert.equal(c.order, ['error', 'close']);
      assert.is(c.errors[0].message, 'HTTP 403 instead of a WebSocket upgrade');
      assert.is((c.errors[0] as Error & { code?: string }).code, 'OHK_ERR_OCTOPRINT_HTTP');
      assert.equal(c.closes, [{ code: 1006, reason: '' }]);
      assert.is(c.ws.readyState, READY_STATE.closed);
    },
    () => 'HTTP/1.1 403 Forbidden\r\nContent-Length: 9\r\nConnection: close\r\n\r\nForbidden',
  ));

t('a wrong Sec-WebSocket-Accept fails the opening', () =>
  withServer(
    async (s) => {
      const c = connect(s.url);
      await waitFor(() => c.closes.length, 'close');
      assert.equal(c.order, ['error', 'close']);
      assert.match(c.errors[0].message, /wrong Sec-WebSocket-Accept/);
      assert.is(s.peers.length, 1);
    },
    (head) => upgradeAnswer(keyOf(head) + 'x'),
  ));

t('a refused connection is an error with its code ECONNREFUSED, then close', async () => {
  const s = await rawServer();
  await s.stop();
  const c = connect(`ws://127.0.0.1:${s.port}/`);
  await waitFor(() => c.closes.length, 'close');
  assert.equal(c.order, ['error', 'close']);
  assert.is((c.errors[0] as Error & { code?: string }).code, 'ECONNREFUSED');
  assert.equal(c.closes, [{ code: 1006, reason: '' }]);
});

t('close() while connecting ends the socket once, without an error', () =>
  withServer(async (s) => {
    const c = connect(s.url);
    c.ws.close();
    await delay(50);
    assert.equal(c.order, ['close']);
    assert.equal(c.closes, [{ code: 1006, reason: '' }]);
  }));

t('wss:// against an https server, trusting the test certificate', async () => {
  const tls = join(fixturesDir, 'tls');
  const ca = readFileSync(join(tls, 'test-cert.pem'));
  const server = createHttpsServer({ cert: ca, key: readFileSync(join(tls, 'test-key.pem')) });
  const frames: ClientFrame[] = [];
  server.on('upgrade', (req, socket: Socket) => {
    socket.write(upgradeAnswer(String(req.headers['sec-websocket-key'])));
    socket.write(frame(0x1, 'over tls'));
    let buf: Buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => (buf = readClientFrames(Buffer.concat([buf, chunk]), frames)));
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const url = `wss://127.0.0.1:${(server.address() as AddressInfo).port}/sockjs/websocket`;
    const untrusted = connect(url);
    await waitFor(() => untrusted.closes.length, 'the untrusted close');
    assert.match((untrusted.errors[0] as Error & { code?: string }).code ?? '', /SELF_SIGNED|UNABLE_TO_VERIFY|CERT/);

    const c = await opened(url, { tls: { ca } });
    await waitFor(() => c.messages.length, 'a message');
    assert.equal(c.messages, ['over tls']);
    c.ws.send('back');
    await waitFor(() => frames.length, 'the frame');
    assert.is(frames[0].payload.toString(), 'back');
    c.ws.close();
    await waitFor(() => c.closes.length, 'close');
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

t.run();
