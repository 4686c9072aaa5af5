// One push socket, from opening to its end. On open it sends `subscribe` and then `auth`
// (subscribe first, so the server never starts with everything switched on). OctoPrint sends no
// auth ack: the first `history` is the ack, awaited for `ackTimeoutMs`. The connection ends —
// exactly once, through `onEnd` — on close, error, a missed ack, `reauthRequired`, a failed
// liveness check or `close()`. It never re-authenticates on an open socket (OctoPrint
// 1.8.3–1.11 may kill the socket on a second auth); the client reconnects with a new login.
// The socket is the project's own websocket client (websocket-client.ts), not undici's.
import { isOctohookError } from '../errors.js';
import type { LogSink } from '../log/logger.js';
import type { Clock, ClockTimer } from '../clock.js';
import { PingLiveness, type LivenessOptions } from './liveness.js';
import { frameExcerpt, parsePushFrame, type KnownPushMessage } from './push-messages.js';
import { WebSocketClient } from './websocket-client.js';

export type ConnectionEnd =
  | { kind: 'closed'; code: number; reason: string; error?: string }
  | { kind: 'ack-timeout'; ms: number }
  | { kind: 'reauth'; reason: string }
  | { kind: 'dead' }
  | { kind: 'stopped' };

export interface PushConnectionOptions {
  url: string;
  /** `name:session` — a secret. */
  auth: string;
  /** The `subscribe` payload. */
  subscribe: unknown;
  ackTimeoutMs: number;
  liveness: LivenessOptions | false;
  clock: Clock;
  logger: LogSink;
  /** Every known message, in order; `history` first among the printer data. */
  onMessage(message: KnownPushMessage): void;
  /** Called once, when `history` acknowledged the auth. */
  onAck(): void;
  /** Called exactly once. */
  onEnd(end: ConnectionEnd): void;
}

export function describeEnd(end: ConnectionEnd): string {
  switch (end.kind) {
    case 'closed':
      return `socket closed (code ${end.code}${end.reason ? `, "${end.reason}"` : ''}${end.error ? `; ${end.error}` : ''})`;
    case 'ack-timeout':
      return `no answer to auth within ${end.ms} ms`;
    case 'reauth':
      return `OctoPrint asked to log in again (reauthRequired: ${end.reason})`;
    case 'dead':
      return 'no answer to ping: the connection is dead';
    case 'stopped':
      return 'stopped';
  }
}

export class PushConnection {
  private ws: WebSocketClient | undefined;
  private ackTimer: ClockTimer | undefined;
  private liveness: PingLiveness | undefined;
  private acked = false;
  private ended = false;

  constructor(private readonly o: PushConnectionOptions) {}

  open(): void {
    const ws = new WebSocketClient(this.o.url);
    this.ws = ws;
    ws.onopen = () => {
      ws.send(JSON.stringify({ subscribe: this.o.subscribe }));
      ws.send(JSON.stringify({ auth: this.o.auth }));
    };
    ws.onmessage = (data) => this.onFrame(data);
    ws.onpong = () => this.liveness?.alive();
    // The socket always fires close after error, so the error is only remembered and the close
    // ends the connection, with its code. A coded error says what broke in its message; the
    // network's own errors are best known by their code (ECONNREFUSED).
    let error: string | undefined;
    ws.onerror = (err) => {
      error = isOctohookError(err) ? err.message : ((err as { code?: string }).code ?? err.message);
    };
    ws.onclose = (code, reason) => this.end({ kind: 'closed', code, reason, ...(error ? { error } : {}) });
    this.ackTimer = this.o.clock.setTimeout(() => this.end({ kind: 'ack-timeout', ms: this.o.ackTimeoutMs }), this.o.ackTimeoutMs);
  }

  /** Ends the connection from our side. */
  close(): void {
    this.end({ kind: 'stopped' });
  }

  private onFrame(data: string | Buffer): void {
    if (this.ended) return;
    this.liveness?.alive();
    if (typeof data !== 'string') {
      this.o.logger.warn('Skipped a binary push frame from OctoPrint (only JSON text frames are expected)');
      return;
    }
    for (const parsed of parsePushFrame(data)) {
      if (this.ended) return;
      if (parsed.kind === 'malformed') {
        this.o.logger.warn(`Skipped a malformed push message from OctoPrint: ${parsed.reason}`, { frame: frameExcerpt(data) });
        continue;
      }
      if (parsed.kind === 'ignored') {
        this.o.logger.debug('Ignored a push message of a type octohook does not use', { type: parsed.type });
        continue;
      }
      const message = parsed.message;
      if (message.type === 'reauthRequired') {
        this.end({ kind: 'reauth', reason: String(message.payload.reason) });
        return;
      }
      if (message.type === 'history' && !this.acked) {
        this.acked = true;
        this.o.clock.clearTimeout(this.ackTimer);
        this.startLiveness();
        this.o.onAck();
      }
      this.o.onMessage(message);
    }
  }

  private startLiveness(): void {
    if (!this.o.liveness || !this.ws) return;
    this.liveness = new PingLiveness(this.ws, this.o.clock, this.o.liveness, () => this.end({ kind: 'dead' }));
    this.liveness.start();
  }

  private end(end: ConnectionEnd): void {
    if (this.ended) return;
    this.ended = true;
    this.o.clock.clearTimeout(this.ackTimer);
    this.liveness?.stop();
    const ws = this.ws;
    if (ws) {
      ws.onopen = ws.onmessage = ws.onpong = ws.onerror = ws.onclose = null;
      ws.close(1000);
    }
    this.o.onEnd(end);
  }
}
