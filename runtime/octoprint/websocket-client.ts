// The push socket's own websocket client, over node:http and node:https. undici's WebSocket
// brings most of undici's fetch, web streams and worker_threads with it, megabytes of memory
// in every daemon for one socket that carries JSON text; this is only the client half of
// RFC 6455 that OctoPrint's raw transport needs: no extensions, no subprotocols, text and
// binary messages, fragments, ping/pong and the close handshake.
//
// The callbacks follow the WHATWG WebSocket where it matters to a caller: `onclose` fires
// exactly once for every socket, after `onopen` or after a failed opening; a failure fires
// `onerror` first. Errors are OctohookErrors (OHK_ERR_OCTOPRINT_HTTP for an answer that is not
// the upgrade, OHK_ERR_OCTOPRINT_PROTOCOL for a broken handshake or frame) or the network's
// own error with its code (ECONNREFUSED…). No message ever quotes what the socket carried:
// the `auth` frame is a secret.
import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import { OctohookError } from '../errors.js';
import { OCTOPRINT_ERR } from './error-codes.js';
import {
  CLOSE_CODE,
  closeFramePayload,
  encodeClientFrame,
  FrameReader,
  isSendableCloseCode,
  OPCODE,
  type FrameViolation,
  type ServerFrame,
} from './websocket-frames.js';

const ACCEPT_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const DEFAULT_MAX_MESSAGE = 16 * 1024 * 1024;
const DEFAULT_CLOSE_WAIT_MS = 1000;

export const READY_STATE = { connecting: 0, open: 1, closing: 2, closed: 3 } as const;
export type ReadyState = (typeof READY_STATE)[keyof typeof READY_STATE];

export interface WebSocketClientOptions {
  /** Extra request headers for the handshake. */
  headers?: Record<string, string>;
  /** For wss://: a CA to trust, a client certificate, or verification off. */
  tls?: Pick<ConnectionOptions, 'ca' | 'cert' | 'key' | 'rejectUnauthorized' | 'servername'>;
  /** The largest message accepted (all its fragments together). Default 16 MiB. */
  maxMessageBytes?: number;
  /** How long `close()` waits for the server's close frame before dropping the connection. Default 1 s. */
  closeWaitMs?: number;
}

/** The `Sec-WebSocket-Accept` a server must answer to `key`. */
export function expectedAccept(key: string): string {
  return createHash('sha1').update(key + ACCEPT_GUID).digest('base64');
}

export class WebSocketClient {
  onopen: (() => void) | null = null;
  onmessage: ((data: string | Buffer) => void) | null = null;
  onpong: ((payload: Buffer) => void) | null = null;
  onerror: ((error: Error) => void) | null = null;
  onclose: ((code: number, reason: string) => void) | null = null;

  private state: ReadyState = READY_STATE.connecting;
  private readonly request: ClientRequest;
  private socket: Socket | undefined;
  private reader: FrameReader | undefined;
  private readonly maxMessage: number;
  private readonly closeWaitMs: number;
  // Decoding is strict: invalid UTF-8 in a text message fails the connection (1007).
  private readonly utf8 = new TextDecoder('utf-8', { fatal: true });
  private fragments: Buffer[] = [];
  private fragmentsOpcode = -1;
  private fragmentBytes = 0;
  private closeSent = false;
  private received: { code: number; reason: string } | undefined;
  private failure: { code: number } | undefined;
  private closeTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(url: string, options: WebSocketClientOptions = {}) {
    const target = new URL(url);
    if (target.protocol !== 'ws:' && target.protocol !== 'wss:') throw new TypeError(`a websocket URL starts with ws:// or wss:// (got ${target.protocol})`);
    this.maxMessage = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE;
    this.closeWaitMs = options.closeWaitMs ?? DEFAULT_CLOSE_WAIT_MS;
    const key = randomBytes(16).toString('base64');
    const secure = target.protocol === 'wss:';
    this.request = (secure ? httpsRequest : httpRequest)({
      method: 'GET',
      hostname: target.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: target.port || (secure ? 443 : 80),
      path: `${target.pathname}${target.search}`,
      headers: {
        ...options.headers,
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': key,
      },
      // Its own connection: an upgraded socket never goes back to a pool.
      agent: false,
      ...(secure ? options.tls : {}),
    });
    this.request.on('upgrade', (res: IncomingMessage, socket: Socket, head: Buffer) => this.upgraded(res, socket, head, key));
    this.request.on('response', (res: IncomingMessage) => {
      res.resume();
      this.failOpening(
        new OctohookError(OCTOPRINT_ERR.http, `HTTP ${res.statusCode} instead of a WebSocket upgrade`, { details: { status: res.statusCode } }),
      );
    });
    this.request.on('error', (err: Error) => this.failOpening(err));
    this.request.end();
  }

  get readyState(): ReadyState {
    return this.state;
  }

  /** Sends a text message; false (and nothing sent) unless the socket is open. */
  send(text: string): boolean {
    return this.write(OPCODE.text, Buffer.from(text, 'utf8'));
  }

  /** Sends a ping of at most 125 bytes; the answer comes to `onpong`. */
  ping(payload: Buffer = Buffer.alloc(0)): boolean {
    if (payload.length > 125) throw new RangeError('a ping carries at most 125 bytes');
    return this.write(OPCODE.ping, payload);
  }

  /**
   * Starts the close handshake: sends a close frame, waits `closeWaitMs` for the server's, then
   * drops the connection. While connecting, gives up at once. Never throws; a code a client
   * may not send becomes 1000.
   */
  close(code: number = CLOSE_CODE.normal, reason = ''): void {
    if (this.state === READY_STATE.connecting) {
      this.request.destroy();
      this.finish(CLOSE_CODE.abnormal, '');
      return;
    }
    if (this.state !== READY_STATE.open) return;
    this.sendClose(code === CLOSE_CODE.normal || (code >= 3000 && code <= 4999) ? code : CLOSE_CODE.normal, reason);
  }

  private write(opcode: number, payload: Buffer): boolean {
    if (this.state !== READY_STATE.open || !this.socket) return false;
    this.socket.write(encodeClientFrame(opcode, payload));
    return true;
  }

  private upgraded(res: IncomingMessage, socket: Socket, head: Buffer, key: string): void {
    if (this.state !== READY_STATE.connecting) {
      socket.destroy();
      return;
    }
    const problem = handshakeProblem(res, key);
    if (problem) {
      socket.destroy();
      this.failOpening(new OctohookError(OCTOPRINT_ERR.protocol, problem));
      return;
    }
    this.socket = socket;
    this.reader = new FrameReader(
      this.maxMessage,
      (frame) => this.onFrame(frame),
      (violation) => this.violated(violation),
    );
    socket.setNoDelay(true);
    socket.setTimeout(0);
    socket.on('data', (chunk: Buffer) => this.reader?.push(chunk));
    socket.on('error', (err: Error) => this.socketFailed(err));
    socket.on('close', () => this.socketClosed());
    this.state = READY_STATE.open;
    this.onopen?.();
    if (head.length > 0) this.reader.push(head);
  }

  private onFrame(frame: ServerFrame): void {
    switch (frame.opcode) {
      case OPCODE.ping:
        this.write(OPCODE.pong, frame.payload);
        return;
      case OPCODE.pong:
        this.onpong?.(frame.payload);
        return;
      case OPCODE.close:
        this.closeReceived(frame.payload);
        return;
      case OPCODE.continuation:
        if (this.fragmentsOpcode < 0) return this.protocolError('a continuation frame without a message to continue');
        break;
      default:
        if (this.fragmentsOpcode >= 0) return this.protocolError('a new message before the last one was complete');
        this.fragmentsOpcode = frame.opcode;
    }
    this.fragmentBytes += frame.payload.length;
    if (this.fragmentBytes > this.maxMessage) return this.violated({ closeCode: CLOSE_CODE.tooBig, message: `a message larger than ${this.maxMessage} bytes` });
    this.fragments.push(frame.payload);
    if (!frame.fin) return;
    const payload = this.fragments.length === 1 ? this.fragments[0] : Buffer.concat(this.fragments, this.fragmentBytes);
    const opcode = this.fragmentsOpcode;
    this.fragments = [];
    this.fragmentsOpcode = -1;
    this.fragmentBytes = 0;
    if (opcode === OPCODE.binary) {
      this.onmessage?.(payload);
      return;
    }
    let text: string;
    try {
      text = this.utf8.decode(payload);
    } catch {
      return this.violated({ closeCode: CLOSE_CODE.invalidData, message: 'a text message that is not valid UTF-8' });
    }
    this.onmessage?.(text);
  }

  private closeReceived(payload: Buffer): void {
    let code: number = CLOSE_CODE.noStatus;
    let reason = '';
    if (payload.length === 1) return this.protocolError('a close frame of one byte');
    if (payload.length >= 2) {
      code = payload.readUInt16BE(0);
      if (!isSendableCloseCode(code)) return this.protocolError(`a close frame with the code ${code}, which a server may not send`);
      try {
        reason = this.utf8.decode(payload.subarray(2));
      } catch {
        return this.violated({ closeCode: CLOSE_CODE.invalidData, message: 'a close reason that is not valid UTF-8' });
      }
    }
    this.received = { code, reason };
    this.reader?.stop();
    // Answer with the same code; the server then ends the TCP connection, or the timer does.
    if (!this.closeSent) this.sendClose(code === CLOSE_CODE.noStatus ? undefined : code, '');
    this.socket?.end();
  }

  /** Sends a close frame (without a code when `code` is undefined) and bounds the wait for the end. */
  private sendClose(code: number | undefined, reason: string): void {
    if (this.closeSent || !this.socket) return;
    this.closeSent = true;
    this.socket.write(encodeClientFrame(OPCODE.close, code === undefined ? Buffer.alloc(0) : closeFramePayload(code, reason)));
    this.state = READY_STATE.closing;
    this.closeTimer = setTimeout(() => this.socket?.destroy(), this.closeWaitMs);
    this.closeTimer.unref();
  }

  private protocolError(message: string): void {
    this.violated({ closeCode: CLOSE_CODE.protocolError, message });
  }

  /** The server broke the protocol: close with the matching code, report it, drop the connection. */
  private violated(violation: FrameViolation): void {
    if (this.failure || this.state === READY_STATE.closed) return;
    this.failure = { code: violation.closeCode };
    this.reader?.stop();
    this.fragments = [];
    if (!this.closeSent && this.socket) {
      this.closeSent = true;
      this.socket.write(encodeClientFrame(OPCODE.close, closeFramePayload(violation.closeCode)));
    }
    this.state = READY_STATE.closing;
    this.onerror?.(
      new OctohookError(OCTOPRINT_ERR.protocol, `OctoPrint's push socket sent ${violation.message}`, { details: { closeCode: violation.closeCode } }),
    );
    this.socket?.end();
    this.closeTimer ??= setTimeout(() => this.socket?.destroy(), this.closeWaitMs);
    this.closeTimer.unref();
  }

  private socketFailed(err: Error): void {
    if (this.failure || this.state === READY_STATE.closed) return;
    // After the close handshake a reset is how some servers end; it is no failure then.
    if (this.received) return;
    this.failure = { code: CLOSE_CODE.abnormal };
    this.onerror?.(err);
  }

  private socketClosed(): void {
    this.reader?.stop();
    if (this.received && !this.failure) this.finish(this.received.code, this.received.reason);
    else this.finish(this.failure?.code ?? CLOSE_CODE.abnormal, '');
  }

  private failOpening(err: Error): void {
    if (this.state !== READY_STATE.connecting) return;
    this.state = READY_STATE.closing;
    this.request.destroy();
    this.onerror?.(err);
    this.finish(CLOSE_CODE.abnormal, '');
  }

  private finish(code: number, reason: string): void {
    if (this.state === READY_STATE.closed) return;
    this.state = READY_STATE.closed;
    clearTimeout(this.closeTimer);
    this.socket?.destroy();
    this.onclose?.(code, reason);
  }
}

/**
 * Why the server's 101 answer is not a websocket handshake this client asked for, or undefined.
 * (node:http emits 'upgrade' only for a 101; any other status comes as 'response'.)
 */
function handshakeProblem(res: IncomingMessage, key: string): string | undefined {
  if (String(res.headers.upgrade).toLowerCase() !== 'websocket') return 'the upgrade answer is not for the websocket protocol';
  if (res.headers['sec-websocket-accept'] !== expectedAccept(key)) return 'the upgrade answer has a wrong Sec-WebSocket-Accept';
  if (res.headers['sec-websocket-extensions']) return 'the upgrade answer names an extension, none was offered';
  if (res.headers['sec-websocket-protocol']) return 'the upgrade answer names a subprotocol, none was offered';
  return undefined;
}
