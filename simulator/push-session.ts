// One push socket as OctoPrint's PrinterStateConnection handles it: `connected` on open,
// `subscribe` (since 1.8.0; everything not asked for is off), `throttle`, and `auth`
// (`name:session`). No success ack: a valid auth is followed by `history`, `timelapse`, the
// backlog of events emitted before auth, and then `current` every interval x throttle. An
// invalid auth gets `{"reauthRequired":{"reason":"stale"}}` (1.8.4+), or silence when
// `silentOnBadAuth` mimics older versions.
import type { Clock, ClockTimer } from '../runtime/clock.js';
import type { TemperatureSample } from '../schema/octoprint-current.js';
import { connectedPayload } from './capture-templates.js';
import type { PrinterModel } from './printer-model.js';
import { tornadoJson } from './tornado-json.js';
import type { ServerWebSocket } from './websocket-server.js';

export type Filter = boolean | RegExp;

export interface Subscription {
  state: false | { logs: Filter; messages: Filter };
  events: boolean | string[];
  plugins: boolean | string[];
}

/** A message the client sent, in arrival order (tests assert e.g. subscribe before auth). */
export interface ClientMessage {
  kind: 'subscribe' | 'auth' | 'throttle' | 'other' | 'invalid';
  /** Simulated time of arrival. */
  at: number;
  data: unknown;
}

export interface PushSessionOptions {
  id: number;
  ws: ServerWebSocket;
  clock: Clock;
  model: PrinterModel;
  version: string;
  /** Base rate of `current` messages in simulated ms; null sends none (tests call `sendCurrent`). */
  currentIntervalMs: number | null;
  silentOnBadAuth: boolean;
  /** 1.8.3–1.10.x kill the socket when a second `auth` arrives on it (see the reference, pitfall 3). */
  killOnSecondAuth: boolean;
  isValid(name: string, session: string): boolean;
  onAuthed(session: PushSession): void;
}

const BACKLOG_LIMIT = 100;
const DEFAULT_SUBSCRIPTION: Subscription = { state: { logs: true, messages: true }, events: true, plugins: true };

function toFilter(value: unknown): Filter {
  if (typeof value === 'string') {
    try {
      return new RegExp(value);
    } catch {
      return false;
    }
  }
  return value === true;
}

function listOrBool(value: unknown): boolean | string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return value === true;
}

function applyFilter(filter: Filter, lines: string[]): string[] {
  if (filter === true) return lines;
  if (filter === false) return [];
  return lines.filter((l) => filter.test(l));
}

export class PushSession {
  readonly received: ClientMessage[] = [];
  user: string | null = null;
  subscription: Subscription = DEFAULT_SUBSCRIPTION;
  throttle = 1;
  private subscribed = false;
  private historySent = false;
  private backlog: string[] = [];
  private buffered: { temps: TemperatureSample[]; logs: string[]; messages: string[] } = { temps: [], logs: [], messages: [] };
  private ticker: ClockTimer | undefined;
  private closed = false;

  constructor(private readonly o: PushSessionOptions) {
    o.ws.on('message', (text) => this.onMessage(text));
    o.ws.on('close', () => this.dispose());
  }

  get id(): number {
    return this.o.id;
  }

  get ws(): ServerWebSocket {
    return this.o.ws;
  }

  get authed(): boolean {
    return this.user !== null;
  }

  open(): void {
    this.sendNow({ connected: connectedPayload(this.o.version) });
  }

  /** Terminal lines and temperatures are buffered per socket until its next `current`. */
  bufferLogs(logs: string[], messages: string[]): void {
    if (!this.historySent) return;
    this.buffered.logs.push(...logs);
    this.buffered.messages.push(...messages);
  }

  bufferTemps(sample: TemperatureSample): void {
    if (this.historySent) this.buffered.temps.push(sample);
  }

  event(type: string, payload: unknown): void {
    const ev = this.subscription.events;
    if (ev === false || (Array.isArray(ev) && !ev.includes(type))) return;
    this.sendAuthed({ event: { type, payload } });
  }

  plugin(plugin: string, data: unknown): void {
    const pl = this.subscription.plugins;
    if (pl === false || (Array.isArray(pl) && !pl.includes(plugin))) return;
    this.sendAuthed({ plugin: { plugin, data } });
  }

  /** Any message object (e.g. `reauthRequired`), sent regardless of auth. */
  sendNow(message: unknown): void {
    this.o.ws.sendText(tornadoJson(message));
  }

  /** A raw text frame, e.g. garbage to test a client's robustness. */
  sendRaw(text: string): void {
    this.o.ws.sendText(text);
  }

  /** Sends one `current` now (if authed and subscribed to state), draining this socket's buffers. */
  sendCurrent(): void {
    const state = this.subscription.state;
    if (!this.historySent || state === false) return;
    const buf = this.buffered;
    this.buffered = { temps: [], logs: [], messages: [] };
    const current = this.o.model.current({ temps: buf.temps, logs: applyFilter(state.logs, buf.logs), messages: applyFilter(state.messages, buf.messages) });
    this.sendNow({ current });
  }

  close(code = 3000, reason = 'Go away!'): void {
    this.o.ws.close(code, reason);
  }

  terminate(): void {
    this.o.ws.terminate();
  }

  private sendAuthed(message: unknown): void {
    const text = tornadoJson(message);
    if (this.authed) this.o.ws.sendText(text);
    else if (this.backlog.length < BACKLOG_LIMIT) this.backlog.push(text);
  }

  private sendHistory(): void {
    const state = this.subscription.state;
    if (state === false) return;
    const history = this.o.model.history();
    history.logs = applyFilter(state.logs, history.logs ?? []);
    history.messages = applyFilter(state.messages, history.messages ?? []);
    this.sendNow({ history });
    this.historySent = true;
    this.buffered = { temps: [], logs: [], messages: [] };
  }

  private onMessage(text: string): void {
    const at = this.o.clock.now();
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      this.received.push({ kind: 'invalid', at, data: text });
      return;
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      this.received.push({ kind: 'invalid', at, data });
      return;
    }
    const msg = data as Record<string, unknown>;
    if ('subscribe' in msg) {
      this.received.push({ kind: 'subscribe', at, data: msg.subscribe });
      this.onSubscribe(msg.subscribe);
    } else if ('auth' in msg) {
      this.received.push({ kind: 'auth', at, data: typeof msg.auth === 'string' ? { user: msg.auth.split(':')[0] } : msg.auth });
      this.onAuth(msg.auth);
    } else if ('throttle' in msg) {
      this.received.push({ kind: 'throttle', at, data: msg.throttle });
      if (typeof msg.throttle === 'number' && Number.isInteger(msg.throttle) && msg.throttle >= 1) this.throttle = msg.throttle;
    } else {
      this.received.push({ kind: 'other', at, data });
    }
  }

  private onSubscribe(value: unknown): void {
    const s = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
    const stateWasOn = this.subscribed ? this.subscription.state !== false : true;
    let state: Subscription['state'] = false;
    if (s.state === true) state = { logs: true, messages: false };
    else if (typeof s.state === 'object' && s.state !== null) {
      const st = s.state as Record<string, unknown>;
      state = { logs: toFilter(st.logs), messages: toFilter(st.messages) };
    }
    this.subscription = { state, events: listOrBool(s.events), plugins: listOrBool(s.plugins) };
    this.subscribed = true;
    if (this.authed && state !== false && (!stateWasOn || !this.historySent)) this.sendHistory();
  }

  private onAuth(value: unknown): void {
    if (this.authed && this.o.killOnSecondAuth) {
      // OctoPrint 1.8.3–1.10.x: starting the keep-alive thread twice raises and the transport aborts.
      this.o.ws.terminate();
      return;
    }
    const parts = typeof value === 'string' ? value.split(':') : [];
    if (parts.length !== 2 || !this.o.isValid(parts[0], parts[1])) {
      if (!this.o.silentOnBadAuth) this.sendNow({ reauthRequired: { reason: 'stale' } });
      return;
    }
    this.user = parts[0];
    this.sendHistory();
    this.sendNow({ timelapse: null });
    for (const text of this.backlog) this.o.ws.sendText(text);
    this.backlog = [];
    this.o.onAuthed(this);
    this.scheduleTick();
  }

  private scheduleTick(): void {
    if (this.closed || this.o.currentIntervalMs === null) return;
    this.ticker = this.o.clock.setTimeout(() => {
      this.sendCurrent();
      this.scheduleTick();
    }, this.o.currentIntervalMs * this.throttle);
  }

  private dispose(): void {
    this.closed = true;
    this.o.clock.clearTimeout(this.ticker);
  }
}
