// The daemon's connection to OctoPrint: passive login, push socket, typed messages to
// listeners, and reconnecting for as long as it runs. Every connection ends the same way —
// close the socket, log in again (a fresh session: the old one may be stale or forgotten by a
// restarted server), reconnect after a capped, jittered exponential backoff on the injected
// clock. After each (re)connect the client resyncs: it emits `history`, fetches `GET /api/job`
// and emits `resynced`, holding back live messages until then, so the daemon can detect
// transitions it missed while disconnected before it sees new ones. A wrong address (no
// OctoPrint there, https:// to a plain-http port) is retried at the slow pace of a rejected
// key and logged as an error once per change, not on every attempt.
import type { Dispatcher } from 'undici';
import type { CurrentData, HistoryData } from '../../schema/octoprint-current.js';
import type { ConnectedMessagePayload, EventMessagePayload, PluginMessagePayload } from '../../schema/octoprint-push.js';
import type { JobResponse } from '../../schema/octoprint-rest.js';
import { realClock, type Clock } from '../clock.js';
import { OctohookError, formatDuration, isOctohookError } from '../errors.js';
import type { LogSink } from '../log/logger.js';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js';
import { OCTOPRINT_ERR } from './error-codes.js';
import { fetchJob } from './fetch-job.js';
import { DEFAULT_LIVENESS, type LivenessOptions } from './liveness.js';
import { Listeners } from './listeners.js';
import { passiveLogin, type LoginResult } from './login.js';
import { describeEnd, PushConnection, type ConnectionEnd } from './push-connection.js';
import type { KnownPushMessage } from './push-messages.js';
import { displayUrl, pushSocketUrl } from './urls.js';

export type PushClientState = 'idle' | 'logging-in' | 'connecting' | 'live' | 'waiting' | 'stopped';

/** Sent after every successful (re)connect, once `history` and `GET /api/job` are in. */
export interface ResyncInfo {
  /** False for the first connection, true after a reconnect. */
  reconnect: boolean;
  /** The printer data of the `history` message. */
  history: HistoryData;
  /** `history.state.text`, for convenience. */
  state: string;
  /** The answer of `GET /api/job`; null if that request failed. */
  job: JobResponse | null;
  jobError?: OctohookError;
}

export interface ReconnectInfo {
  /** 1 for the first retry after a failure. */
  attempt: number;
  delayMs: number;
  /** Why the last connection or login ended, readable. */
  reason: string;
  /** The OHK_ERR_… code when a login failed. */
  code?: string;
}

export interface PushClientEvents {
  /** OctoPrint's greeting (version, permissions), on every socket. */
  connected: ConnectedMessagePayload;
  history: HistoryData;
  current: CurrentData;
  event: EventMessagePayload;
  plugin: PluginMessagePayload;
  resynced: ResyncInfo;
  state: PushClientState;
  reconnecting: ReconnectInfo;
}

export interface PushClientOptions {
  /** OctoPrint's base URL, e.g. http://octopi.local or https://host/octoprint/. */
  baseUrl: string;
  apiKey: string;
  clock?: Clock;
  /** `addSecret`, when the logger has it, receives the API key and every session. */
  logger?: LogSink & { addSecret?(value: unknown): void };
  backoff?: Partial<BackoffPolicy>;
  /** 0..1, for the jitter (tests pass a constant). */
  random?: () => number;
  /** How long to wait for `history` after opening the socket. Default 10 s. */
  ackTimeoutMs?: number;
  /** Time limit of each REST request. Default 10 s. */
  requestTimeoutMs?: number;
  /** Ping-based dead-socket detection; false turns it off. */
  liveness?: Partial<LivenessOptions> | false;
  /**
   * Server-side filter for terminal lines in `current.logs` (a regex string), false for none.
   * Default "paused for user|action:" (M600 waits, firmware action commands).
   */
  logFilter?: string | false;
  /** Replaces the whole `subscribe` payload. */
  subscribe?: unknown;
  /**
   * For the REST requests (login, job). The push socket is a node:http(s) connection of its
   * own, trusting the same CAs (NODE_EXTRA_CA_CERTS included).
   */
  dispatcher?: Dispatcher;
}

const silent: LogSink = { debug() {}, info() {}, warn() {}, error() {} };

/** Errors that mean the configured address is wrong, not that OctoPrint is down. */
const WRONG_ADDRESS = new Set<string>([OCTOPRINT_ERR.notOctoPrint, OCTOPRINT_ERR.notHttps]);

export class PushClient {
  private readonly listeners: Listeners<PushClientEvents>;
  private readonly clock: Clock;
  private readonly logger: LogSink & { addSecret?(value: unknown): void };
  private readonly policy: BackoffPolicy;
  private readonly stopController = new AbortController();
  private connection: PushConnection | undefined;
  private loop: Promise<void> | undefined;
  private currentState: PushClientState = 'idle';
  private liveConnections = 0;
  /** OctoPrint's version from the last `connected` message. */
  serverVersion: string | undefined;
  /** The last `history` payload. */
  lastHistory: HistoryData | undefined;

  constructor(private readonly o: PushClientOptions) {
    this.clock = o.clock ?? realClock;
    this.logger = o.logger ?? silent;
    this.policy = { ...DEFAULT_BACKOFF, ...o.backoff };
    this.logger.addSecret?.(o.apiKey);
    this.listeners = new Listeners((event, err) =>
      this.logger.error(`A listener for OctoPrint "${event}" messages failed`, { error: err instanceof Error ? err.message : String(err) }),
    );
    pushSocketUrl(o.baseUrl); // validates the URL now rather than in the loop
  }

  get state(): PushClientState {
    return this.currentState;
  }

  on<K extends keyof PushClientEvents>(event: K, fn: (value: PushClientEvents[K]) => void): () => void {
    return this.listeners.on(event, fn);
  }

  /** Starts connecting; reconnects until `stop()`. */
  start(): void {
    this.loop ??= this.run();
  }

  /** Closes the socket, cancels any wait, and resolves when the client has stopped. */
  async stop(): Promise<void> {
    this.stopController.abort();
    this.connection?.close();
    await this.loop;
    this.setState('stopped');
  }

  private get stopped(): boolean {
    return this.stopController.signal.aborted;
  }

  private setState(state: PushClientState): void {
    if (this.currentState === state) return;
    this.currentState = state;
    this.listeners.emit('state', state);
  }

  private requestOptions() {
    return {
      baseUrl: this.o.baseUrl,
      apiKey: this.o.apiKey,
      timeoutMs: this.o.requestTimeoutMs,
      dispatcher: this.o.dispatcher,
      signal: this.stopController.signal,
    };
  }

  private async run(): Promise<void> {
    let attempt = 0;
    // A wrong address (not an OctoPrint, https to a plain-http port) is said once per change:
    // the daemon keeps trying slowly, so fixing OctoPrint's side needs no restart, without
    // writing the same error every minute.
    let addressProblem: string | null = null;
    while (!this.stopped) {
      let reason: string;
      let error: OctohookError | undefined;
      let liveMs = -1;
      try {
        this.setState('logging-in');
        const login = await passiveLogin(this.requestOptions());
        this.logger.addSecret?.(login.session);
        if (this.stopped) break;
        this.setState('connecting');
        addressProblem = null;
        const outcome = await this.connectOnce(login);
        if (outcome.end.kind === 'stopped' || this.stopped) break;
        liveMs = outcome.liveMs;
        reason = describeEnd(outcome.end);
      } catch (err) {
        if (this.stopped) break;
        error = isOctohookError(err)
          ? err
          : new OctohookError(OCTOPRINT_ERR.unreachable, `Connecting to OctoPrint at ${displayUrl(this.o.baseUrl)} failed.`, { cause: err });
        reason = error.message;
      }
      if (liveMs >= this.policy.resetAfterMs) attempt = 0;
      let delayMs = backoffDelay(this.policy, attempt, this.o.random);
      const wrongAddress = error !== undefined && WRONG_ADDRESS.has(error.code);
      if (error && (error.code === OCTOPRINT_ERR.auth || error.code === OCTOPRINT_ERR.rateLimited || wrongAddress)) {
        const retryAfter = typeof error.details.retryAfterMs === 'number' ? error.details.retryAfterMs : 0;
        delayMs = Math.max(delayMs, this.policy.authFailureMs, retryAfter);
      }
      attempt += 1;
      this.setState('waiting');
      const fields = { attempt, delayMs, ...(error ? { code: error.code } : {}) };
      if (error?.code === OCTOPRINT_ERR.auth) this.logger.error(`${error.message} Retrying in ${formatDuration(delayMs)}.`, fields);
      else if (wrongAddress && error?.message === addressProblem) this.logger.debug(`still: ${reason}`, fields);
      else if (wrongAddress) {
        addressProblem = reason;
        this.logger.error(`${reason} Trying again every ${formatDuration(delayMs)} (logged again only if this changes).`, fields);
      } else this.logger.warn(`OctoPrint connection: ${reason}; reconnecting in ${formatDuration(delayMs)}`, fields);
      // Start the wait before telling listeners, so a test clock advanced from a listener fires it.
      const waiting = this.clock.sleep(delayMs, this.stopController.signal);
      this.listeners.emit('reconnecting', { attempt, delayMs, reason, ...(error ? { code: error.code } : {}) });
      try {
        await waiting;
      } catch {
        break;
      }
    }
  }

  private connectOnce(login: LoginResult): Promise<{ end: ConnectionEnd; liveMs: number }> {
    return new Promise((resolve) => {
      let liveAt: number | undefined;
      let holding = false;
      let held: KnownPushMessage[] = [];
      const release = (): void => {
        holding = false;
        const messages = held;
        held = [];
        for (const m of messages) this.deliver(m);
      };
      const liveness = this.o.liveness === false ? false : { ...DEFAULT_LIVENESS, ...this.o.liveness };
      const connection = new PushConnection({
        url: pushSocketUrl(this.o.baseUrl),
        auth: `${login.name}:${login.session}`,
        subscribe: this.o.subscribe ?? {
          state: { logs: this.o.logFilter ?? 'paused for user|action:', messages: false },
          events: true,
          plugins: true,
        },
        ackTimeoutMs: this.o.ackTimeoutMs ?? 10_000,
        liveness,
        clock: this.clock,
        logger: this.logger,
        onAck: () => {
          liveAt = this.clock.now();
          holding = true;
          this.setState('live');
          this.logger.info(`Connected to OctoPrint ${this.serverVersion ?? ''} at ${displayUrl(this.o.baseUrl)}`.replace('  ', ' '));
        },
        onMessage: (message) => {
          if (holding && message.type !== 'history') {
            held.push(message);
            return;
          }
          this.deliver(message);
          if (message.type === 'history' && holding) void this.resync(message.payload).finally(release);
        },
        onEnd: (end) => {
          if (this.connection === connection) this.connection = undefined;
          resolve({ end, liveMs: liveAt === undefined ? -1 : this.clock.now() - liveAt });
        },
      });
      this.connection = connection;
      connection.open();
    });
  }

  private async resync(history: HistoryData): Promise<void> {
    const reconnect = this.liveConnections > 0;
    this.liveConnections += 1;
    let job: JobResponse | null = null;
    let jobError: OctohookError | undefined;
    try {
      job = await fetchJob(this.requestOptions());
    } catch (err) {
      jobError = isOctohookError(err) ? err : new OctohookError(OCTOPRINT_ERR.http, 'GET /api/job failed.', { cause: err });
      if (!this.stopped) this.logger.warn(`Could not resync the job after connecting: ${jobError.message}`, { code: jobError.code });
    }
    if (this.stopped) return;
    this.listeners.emit('resynced', { reconnect, history, state: history.state?.text ?? '', job, ...(jobError ? { jobError } : {}) });
  }

  private deliver(message: KnownPushMessage): void {
    switch (message.type) {
      case 'connected':
        this.serverVersion = typeof message.payload.version === 'string' ? message.payload.version : undefined;
        this.listeners.emit('connected', message.payload);
        break;
      case 'history':
        this.lastHistory = message.payload;
        this.listeners.emit('history', message.payload);
        break;
      case 'current':
        this.listeners.emit('current', message.payload);
        break;
      case 'event':
        this.listeners.emit('event', message.payload);
        break;
      case 'plugin':
        this.listeners.emit('plugin', message.payload);
        break;
      case 'reauthRequired':
        break; // handled by the connection
    }
  }
}
