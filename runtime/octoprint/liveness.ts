// Detecting a dead push socket. OctoPrint sends no heartbeat on the raw transport and may be
// silent for minutes when idle, so silence proves nothing; but tornado answers websocket pings.
// undici's WebSocket class has no ping method, yet undici 7 exports `ping(ws)` and publishes
// every received pong on the documented diagnostics channel `undici:websocket:pong`. So: ping
// every `intervalMs` on the injected clock; if neither a pong nor any message arrives within
// `timeoutMs`, the socket is dead. Where `ping` is missing (older undici) the check is off and
// a dead socket is only noticed when TCP gives up.
import diagnosticsChannel from 'node:diagnostics_channel';
import * as undici from 'undici';
import type { Clock, ClockTimer } from '../clock.js';

export interface LivenessOptions {
  /** How often to ping (simulated by the injected clock). Default 30 s. */
  intervalMs: number;
  /** How long to wait for a pong (or any message) after a ping. Default 10 s. */
  timeoutMs: number;
}

export const DEFAULT_LIVENESS: LivenessOptions = { intervalMs: 30_000, timeoutMs: 10_000 };

type PingFn = (ws: undici.WebSocket, body?: Buffer) => void;
// Read when used, not when this module loads: the --bundle loads undici's WebSocket on first use.
const pingFn = (): PingFn | undefined => (undici as unknown as { ping?: PingFn }).ping;
const PONG_CHANNEL = 'undici:websocket:pong';

export class PingLiveness {
  private intervalTimer: ClockTimer | undefined;
  private deadline: ClockTimer | undefined;
  private stopped = false;
  private readonly onPong = (message: unknown): void => {
    if ((message as { websocket?: unknown } | undefined)?.websocket === this.ws) this.alive();
  };

  constructor(
    private readonly ws: undici.WebSocket,
    private readonly clock: Clock,
    private readonly options: LivenessOptions,
    private readonly onDead: () => void,
  ) {}

  /** Whether pings can be sent with this undici. */
  static get supported(): boolean {
    return typeof pingFn() === 'function';
  }

  start(): void {
    if (!pingFn()) return;
    diagnosticsChannel.subscribe(PONG_CHANNEL, this.onPong);
    this.scheduleNextPing();
  }

  /** Any sign of life (a pong or a message) cancels the pending deadline. */
  alive(): void {
    this.clock.clearTimeout(this.deadline);
    this.deadline = undefined;
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.clock.clearTimeout(this.intervalTimer);
    this.clock.clearTimeout(this.deadline);
    if (pingFn()) diagnosticsChannel.unsubscribe(PONG_CHANNEL, this.onPong);
  }

  private scheduleNextPing(): void {
    this.intervalTimer = this.clock.setTimeout(() => {
      if (this.stopped) return;
      try {
        pingFn()?.(this.ws);
      } catch {
        // The socket is closing; its close event ends this connection anyway.
      }
      if (!this.deadline) {
        this.deadline = this.clock.setTimeout(() => {
          if (!this.stopped) this.onDead();
        }, this.options.timeoutMs);
      }
      this.scheduleNextPing();
    }, this.options.intervalMs);
  }
}
