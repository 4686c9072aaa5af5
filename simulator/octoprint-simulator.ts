// An OctoPrint that speaks the real push protocol (raw websocket at <base>/sockjs/websocket)
// and the REST endpoints the daemon uses, plays scripted prints, and exposes a control API for
// tests and the demo: play a script, emit any event or plugin message, drop sockets, invalidate
// sessions, restart, set the printer state, count logins.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock, ClockTimer } from '../runtime/clock.js';
import { AuthRegistry } from './auth-registry.js';
import { LAB_LONG_FILE, LAB_TEST_FILE } from './capture-templates.js';
import type { PhaseContext } from './print-phases.js';
import { setState } from './print-phases.js';
import { createScript, runScript, type PrintScript, type ScriptName, type ScriptOptions, type ScriptRun } from './print-script.js';
import { PrinterModel } from './printer-model.js';
import { PushSession, type ClientMessage } from './push-session.js';
import { handleRest, type RestContext } from './rest-api.js';
import { ScaledClock } from './scaled-clock.js';
import type { StateId } from './state-table.js';
import { DEFAULT_WEBCAM, type WebcamOptions } from './webcam.js';
import { WebSocketServer } from './websocket-server.js';

export const DEFAULT_API_KEY = 'SIMULATOR-API-KEY-0123456789ABCDEF';

export interface SimulatorOptions {
  /** Time base for scripts, `current` ticks and temperatures; default: real time x `speed`. */
  clock?: Clock;
  /** Speed factor of the default clock (ignored when `clock` is given). Default 1. */
  speed?: number;
  /** API key → user name. Default: DEFAULT_API_KEY for user "admin". */
  apiKeys?: Record<string, string>;
  /** Reported in `connected` and /api/version. Default "1.10.3". */
  version?: string;
  /** '2.0' sends `health` instead of `resends` and drops averagePrintTime/lastPrintTime. */
  flavor?: '1.x' | '2.0';
  /** Base interval of `current` messages in simulated ms (default 500); null: only on `sendCurrentNow()`. */
  currentIntervalMs?: number | null;
  /** Temperature autoreport interval in simulated ms (default 2000); null: none. */
  temperatureIntervalMs?: number | null;
  /** Serve everything under a base path, e.g. "/octoprint" (a reverse proxy setup). */
  basePath?: string;
  /** Answer a bad `auth` with silence, as OctoPrint before 1.8.4 did. */
  silentOnBadAuth?: boolean;
  /** Kill a socket that sends a second `auth` (OctoPrint 1.8.3–1.10.x). Default true. */
  killOnSecondAuth?: boolean;
  webcam?: Partial<WebcamOptions>;
  /** Real milliseconds before each REST `/api/` answer (login excluded); default 0. See `setApiDelay`. */
  apiDelayMs?: number;
  host?: string;
  port?: number;
}

export interface EmittedMessage {
  kind: 'event' | 'plugin';
  /** Event type or plugin id. */
  type: string;
  payload: unknown;
  /** Simulated time. */
  at: number;
}

export class OctoPrintSimulator {
  readonly clock: Clock;
  readonly model: PrinterModel;
  readonly auth: AuthRegistry;
  /** Every event and plugin message the simulator emitted, in order. */
  readonly emitted: EmittedMessage[] = [];
  /** Every HTTP request (method and path), in order. */
  readonly requests: Array<{ method: string; path: string }> = [];
  readonly snapshots = { count: 0 };
  webcam: WebcamOptions;
  /** Every push session ever opened, including closed ones. */
  readonly allSessions: PushSession[] = [];
  /** Errors thrown by script steps (a bug in a script, not a protocol event). */
  readonly scriptErrors: unknown[] = [];

  private readonly server: Server;
  private readonly wss: WebSocketServer;
  private readonly openSessions = new Set<PushSession>();
  private readonly runs = new Set<ScriptRun>();
  private readonly version: string;
  private readonly basePath: string;
  private readonly host: string;
  private port: number;
  private answerPings = true;
  private apiDelay: number;
  private tempTimer: ClockTimer | undefined;
  private nextSessionId = 1;
  private running = false;
  private readonly ctx: PhaseContext;

  constructor(private readonly options: SimulatorOptions = {}) {
    this.clock = options.clock ?? new ScaledClock(options.speed ?? 1);
    this.version = options.version ?? '1.10.3';
    this.basePath = (options.basePath ?? '').replace(/\/+$/, '');
    this.host = options.host ?? '127.0.0.1';
    this.port = options.port ?? 0;
    this.webcam = { ...DEFAULT_WEBCAM, ...options.webcam };
    this.apiDelay = options.apiDelayMs ?? 0;
    this.auth = new AuthRegistry(new Map(Object.entries(options.apiKeys ?? { [DEFAULT_API_KEY]: 'admin' })));
    this.model = new PrinterModel(() => this.clock.now());
    this.model.flavor = options.flavor ?? '1.x';
    // The recorded runs printed these two files; they exist (analysed) from the start.
    this.model.addFile(LAB_TEST_FILE, 'admin', true);
    this.model.addFile(LAB_LONG_FILE, 'admin', true);
    this.model.on('logs', (logs, messages) => {
      for (const s of this.openSessions) s.bufferLogs(logs, messages);
    });
    this.model.on('temps', (sample) => {
      for (const s of this.openSessions) s.bufferTemps(sample);
    });
    this.ctx = {
      model: this.model,
      event: (type, payload) => this.emitEvent(type, payload),
      plugin: (plugin, data) => this.emitPlugin(plugin, data),
      now: () => this.clock.now(),
      user: [...this.auth.apiKeys.values()][0] ?? 'admin',
    };
    const rest: RestContext = {
      model: this.model,
      auth: this.auth,
      webcam: () => this.webcam,
      version: this.version,
      baseUrl: () => this.url,
      basePath: this.basePath,
      requests: this.requests,
      snapshots: this.snapshots,
      apiDelayMs: () => this.apiDelay,
    };
    this.server = createServer((req, res) => {
      handleRest(req, res, rest).catch(() => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    });
    this.wss = new WebSocketServer(this.server, { path: `${this.basePath}/sockjs/websocket` });
    this.wss.on('connection', (ws) => {
      ws.answerPings = this.answerPings;
      const session = new PushSession({
        id: this.nextSessionId++,
        ws,
        clock: this.clock,
        model: this.model,
        version: this.version,
        currentIntervalMs: options.currentIntervalMs === undefined ? 500 : options.currentIntervalMs,
        silentOnBadAuth: options.silentOnBadAuth ?? false,
        killOnSecondAuth: options.killOnSecondAuth ?? true,
        isValid: (name, session) => this.auth.isValid(name, session),
        onAuthed: (s) => this.emitEvent('ClientAuthed', { username: s.user, remoteAddress: s.ws.remoteAddress }),
      });
      this.allSessions.push(session);
      this.openSessions.add(session);
      ws.on('close', () => this.openSessions.delete(session));
      session.open();
    });
  }

  /** Base URL including the base path, without a trailing slash, e.g. http://127.0.0.1:41234/octoprint. */
  get url(): string {
    return `http://${this.host}:${this.port}${this.basePath}`;
  }

  /** The first configured API key. */
  get apiKey(): string {
    return [...this.auth.apiKeys.keys()][0];
  }

  get loginCount(): number {
    return this.auth.loginCount;
  }

  /** Push sessions whose socket is open. */
  get sessions(): PushSession[] {
    return [...this.openSessions];
  }

  async start(): Promise<this> {
    await this.listen();
    this.running = true;
    this.scheduleTemperatures();
    return this;
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const run of this.runs) run.stop();
    this.clock.clearTimeout(this.tempTimer);
    for (const ws of this.wss.clients) ws.terminate();
    await this.closeListener();
  }

  // ---- control API ------------------------------------------------------------------------

  /** Plays a named or custom script on the simulator's clock. */
  play(script: ScriptName | PrintScript, options?: ScriptOptions): ScriptRun {
    const s = typeof script === 'string' ? createScript(script, options) : script;
    const run = runScript(s, this.clock, this.ctx, (err) => this.scriptErrors.push(err));
    this.runs.add(run);
    void run.done.then(() => this.runs.delete(run));
    return run;
  }

  /** Fires an OctoPrint event to every socket subscribed to it. */
  emitEvent(type: string, payload: unknown): void {
    this.emitted.push({ kind: 'event', type, payload, at: this.clock.now() });
    for (const s of this.openSessions) s.event(type, payload);
  }

  /** Sends a `plugin` message to every socket subscribed to the plugin. */
  emitPlugin(plugin: string, data: unknown): void {
    this.emitted.push({ kind: 'plugin', type: plugin, payload: data, at: this.clock.now() });
    for (const s of this.openSessions) s.plugin(plugin, data);
  }

  /** Sends any message object to every open socket, authenticated or not. */
  sendToAll(message: unknown): void {
    for (const s of this.openSessions) s.sendNow(message);
  }

  /** Sends a raw text frame (e.g. invalid JSON) to every open socket. */
  sendRawToAll(text: string): void {
    for (const s of this.openSessions) s.sendRaw(text);
  }

  /** Sends a `current` to every authenticated socket right now. */
  sendCurrentNow(): void {
    for (const s of this.openSessions) s.sendCurrent();
  }

  /** Drops every push socket: a close frame 3000 "Go away!" (default), or a TCP reset without one. */
  dropAllSockets(mode: 'close' | 'terminate' = 'close'): void {
    for (const s of this.openSessions) {
      if (mode === 'close') s.close(3000, 'Go away!');
      else s.terminate();
    }
  }

  /** Forgets every login session; optionally tells open sockets (`reauthRequired`). */
  invalidateSessions(notify?: 'logout' | 'stale' | 'removed' | 'modified'): void {
    this.auth.invalidateAll();
    if (notify) this.sendToAll({ reauthRequired: { reason: notify } });
  }

  /**
   * A server restart: every socket is cut and every session forgotten. With `downMs`, the port
   * refuses connections for that many real milliseconds.
   */
  async restart(opts: { downMs?: number } = {}): Promise<void> {
    this.auth.invalidateAll();
    this.wss.accepting = false;
    for (const ws of this.wss.clients) ws.terminate();
    if (opts.downMs && opts.downMs > 0) {
      await this.closeListener();
      await new Promise((r) => setTimeout(r, opts.downMs));
      await this.listen();
    }
    this.wss.accepting = true;
  }

  /** Sets the printer state directly (firing PrinterStateChanged unless `silent`). */
  setPrinterState(id: StateId, opts: { error?: string; silent?: boolean } = {}): void {
    if (opts.error !== undefined) this.model.error = opts.error;
    if (opts.silent) this.model.state = id;
    else setState(this.ctx, id);
  }

  /** Makes the next `count` logins fail with `status` (403 bad key, 429 rate limit, 500…). */
  failLogins(status: number, count = Infinity): void {
    this.auth.failure = { status, remaining: count };
  }

  /** Treats the next `count` socket auths as stale (as if the server restarted between login and auth). */
  rejectNextAuths(count = 1): void {
    this.auth.rejectAuths = count;
  }

  /** Whether push sockets answer pings (false simulates a half-dead connection). */
  setAnswerPings(answer: boolean): void {
    this.answerPings = answer;
    for (const s of this.openSessions) s.ws.answerPings = answer;
  }

  /** Delays every REST `/api/` answer (login excluded) by `ms` real milliseconds, as a slow host does. */
  setApiDelay(ms: number): void {
    this.apiDelay = Math.max(0, ms);
  }

  setWebcam(opts: Partial<WebcamOptions>): void {
    this.webcam = { ...this.webcam, ...opts };
  }

  /** Everything clients sent over the push sockets, in arrival order, with the session id. */
  clientMessages(): Array<ClientMessage & { session: number }> {
    return this.allSessions.flatMap((s) => s.received.map((m) => ({ ...m, session: s.id }))).sort((a, b) => a.at - b.at);
  }

  // ---- internals --------------------------------------------------------------------------

  private scheduleTemperatures(): void {
    const interval = this.options.temperatureIntervalMs === undefined ? 2000 : this.options.temperatureIntervalMs;
    if (interval === null || !this.running) return;
    this.tempTimer = this.clock.setTimeout(() => {
      this.model.sampleTemperatures();
      this.scheduleTemperatures();
    }, interval);
  }

  private listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.port, this.host, () => {
        this.server.off('error', reject);
        this.port = (this.server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  private closeListener(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.server.listening) return resolve();
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
