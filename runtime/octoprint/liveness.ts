// Detecting a dead push socket. OctoPrint sends no heartbeat on the raw transport and may be
// silent for minutes when idle, so silence proves nothing; but tornado answers websocket pings.
// So: ping every `intervalMs` on the injected clock; if neither a pong nor any message arrives
// within `timeoutMs`, the socket is dead. The connection reports pongs and messages through
// `alive()`.
import type { Clock, ClockTimer } from '../clock.js';

export interface LivenessOptions {
  /** How often to ping (simulated by the injected clock). Default 30 s. */
  intervalMs: number;
  /** How long to wait for a pong (or any message) after a ping. Default 10 s. */
  timeoutMs: number;
}

export const DEFAULT_LIVENESS: LivenessOptions = { intervalMs: 30_000, timeoutMs: 10_000 };

export class PingLiveness {
  private intervalTimer: ClockTimer | undefined;
  private deadline: ClockTimer | undefined;
  private stopped = false;

  constructor(
    private readonly socket: { ping(): unknown },
    private readonly clock: Clock,
    private readonly options: LivenessOptions,
    private readonly onDead: () => void,
  ) {}

  start(): void {
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
  }

  private scheduleNextPing(): void {
    this.intervalTimer = this.clock.setTimeout(() => {
      if (this.stopped) return;
      // A closing socket sends nothing; its close ends this connection anyway.
      this.socket.ping();
      if (!this.deadline) {
        this.deadline = this.clock.setTimeout(() => {
          if (!this.stopped) this.onDead();
        }, this.options.timeoutMs);
      }
      this.scheduleNextPing();
    }, this.options.intervalMs);
  }
}
