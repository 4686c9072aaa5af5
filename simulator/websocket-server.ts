// A minimal RFC 6455 websocket server on node:http's 'upgrade' event, because the project has
// no `ws` package. It speaks exactly what OctoPrint's raw transport needs: text frames of any
// size, fragmented client messages, ping/pong and the close handshake (OctoPrint closes with
// 3000 "Go away!"). One ServerWebSocket per accepted connection.
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { closePayload, encodeFrame, FrameError, FrameParser, OPCODE } from './websocket-frames.js';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const DEFAULT_MAX_PAYLOAD = 16 * 1024 * 1024;

export function acceptKey(key: string): string {
  return createHash('sha1').update(key + GUID).digest('base64');
}

export interface ServerWebSocketEvents {
  message: [text: string];
  close: [code: number, reason: string];
  ping: [payload: Buffer];
}

/** One server-side connection. Emits 'message' for each complete text message and 'close' once. */
export class ServerWebSocket extends EventEmitter<ServerWebSocketEvents> {
  /** When false, pings are not answered (to simulate a half-dead peer). */
  answerPings = true;
  private readonly parser: FrameParser;
  private fragments: Buffer[] = [];
  private fragmentOpcode = 0;
  private fragmentBytes = 0;
  private closeSent = false;
  private closed = false;
  private closeTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly socket: Duplex,
    readonly request: IncomingMessage,
    private readonly maxPayload = DEFAULT_MAX_PAYLOAD,
  ) {
    super();
    this.parser = new FrameParser(maxPayload);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('close', () => this.finish(1006, ''));
    socket.on('error', () => this.finish(1006, ''));
  }

  get isOpen(): boolean {
    return !this.closed && !this.closeSent;
  }

  /** The peer's address, as OctoPrint reports it in ClientOpened/ClientAuthed. */
  get remoteAddress(): string {
    return (this.socket as unknown as { remoteAddress?: string }).remoteAddress ?? '127.0.0.1';
  }

  sendText(text: string): void {
    if (!this.isOpen) return;
    this.socket.write(encodeFrame(OPCODE.text, Buffer.from(text, 'utf8')));
  }

  ping(payload: Buffer = Buffer.alloc(0)): void {
    if (this.isOpen) this.socket.write(encodeFrame(OPCODE.ping, payload));
  }

  /** Starts the close handshake; the TCP connection is destroyed if the peer does not answer in time. */
  close(code = 1000, reason = ''): void {
    if (this.closed || this.closeSent) return;
    this.closeSent = true;
    this.socket.write(encodeFrame(OPCODE.close, closePayload(code, reason)));
    this.closeTimer = setTimeout(() => this.socket.destroy(), 1000);
    this.closeTimer.unref();
  }

  /** Drops the TCP connection without a close frame (a crash, a pulled cable). */
  terminate(): void {
    this.socket.destroy();
    this.finish(1006, '');
  }

  private onData(chunk: Buffer): void {
    if (this.closed) return;
    try {
      for (const frame of this.parser.push(chunk)) this.onFrame(frame.fin, frame.opcode, frame.payload);
    } catch (err) {
      const code = err instanceof FrameError ? err.closeCode : 1002;
      this.close(code, err instanceof Error ? err.message.slice(0, 100) : 'protocol error');
    }
  }

  private onFrame(fin: boolean, opcode: number, payload: Buffer): void {
    switch (opcode) {
      case OPCODE.ping:
        this.emit('ping', payload);
        if (this.answerPings && this.isOpen) this.socket.write(encodeFrame(OPCODE.pong, payload));
        return;
      case OPCODE.pong:
        return;
      case OPCODE.close: {
        const code = payload.length >= 2 ? payload.readUInt16BE(0) : 1005;
        const reason = payload.length > 2 ? payload.subarray(2).toString('utf8') : '';
        if (!this.closeSent) {
          this.closeSent = true;
          this.socket.write(encodeFrame(OPCODE.close, payload.length >= 2 ? payload.subarray(0, 2) : Buffer.alloc(0)));
        }
        this.socket.end();
        this.finish(code, reason);
        return;
      }
      case OPCODE.text:
      case OPCODE.binary:
        if (this.fragments.length) throw new FrameError('new message inside a fragmented one', 1002);
        this.fragmentOpcode = opcode;
        break;
      case OPCODE.continuation:
        if (!this.fragments.length) throw new FrameError('continuation without a message', 1002);
        break;
      default:
        throw new FrameError(`unknown opcode ${opcode}`, 1002);
    }
    this.fragments.push(payload);
    this.fragmentBytes += payload.length;
    if (this.fragmentBytes > this.maxPayload) throw new FrameError('message too large', 1009);
    if (!fin) return;
    const data = Buffer.concat(this.fragments);
    this.fragments = [];
    this.fragmentBytes = 0;
    if (this.fragmentOpcode !== OPCODE.text) return; // OctoPrint ignores binary messages
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(data);
    } catch {
      throw new FrameError('invalid UTF-8 in a text message', 1007);
    }
    this.emit('message', text);
  }

  private finish(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    if (this.closeTimer) clearTimeout(this.closeTimer);
    this.emit('close', code, reason);
  }
}

export interface WebSocketServerOptions {
  /** Only upgrades on exactly this path are accepted (e.g. `/sockjs/websocket`). */
  path: string;
  maxPayload?: number;
}

/** Handles 'upgrade' requests for one path on an existing http.Server. */
export class WebSocketServer extends EventEmitter<{ connection: [ws: ServerWebSocket] }> {
  readonly clients = new Set<ServerWebSocket>();
  /** When false, upgrades are refused with 503 (a server that is going down). */
  accepting = true;

  constructor(
    server: Server,
    private readonly options: WebSocketServerOptions,
  ) {
    super();
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => this.onUpgrade(req, socket, head));
  }

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = (req.url ?? '').split('?')[0];
    const key = req.headers['sec-websocket-key'];
    const upgrade = String(req.headers.upgrade ?? '').toLowerCase();
    if (path !== this.options.path) return reject(socket, 404, 'Not Found');
    if (!this.accepting) return reject(socket, 503, 'Service Unavailable');
    if (upgrade !== 'websocket' || typeof key !== 'string' || req.headers['sec-websocket-version'] !== '13') {
      return reject(socket, 400, 'Bad Request');
    }
    socket.write(
      'HTTP/1.1 101 Switching Protocols\r\n' +
        'Upgrade: websocket\r\n' +
        'Connection: Upgrade\r\n' +
        `Sec-WebSocket-Accept: ${acceptKey(key)}\r\n\r\n`,
    );
    (socket as unknown as { setNoDelay?: (v: boolean) => void }).setNoDelay?.(true);
    const ws = new ServerWebSocket(socket, req, this.options.maxPayload);
    this.clients.add(ws);
    ws.on('close', () => this.clients.delete(ws));
    this.emit('connection', ws);
    if (head.length) socket.unshift(head);
  }
}

function reject(socket: Duplex, status: number, text: string): void {
  // Destroy after the answer is flushed: an upgraded socket left half-open would keep
  // http.Server.close() waiting forever.
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`, () => socket.destroy());
}
