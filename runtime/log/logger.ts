// A small pino-like logger: levels, one line per record, a human text format
// (`time level msg key=value …`) and a JSON format, written to a stream the caller gives
// (stdout in the daemon, a string sink in tests). Every line passes through redaction
// (./redact.ts) — fields by key name and every string by the run-time secret set — and a
// last pass over the finished line, so no path (message, nested field, error message,
// error cause) can carry a registered secret out.

import { REDACTED, SecretSet, redactText, redactValue } from './redact.js';

export type Level = 'debug' | 'info' | 'warn' | 'error';
export type LogFormat = 'text' | 'json';
export type Fields = Record<string, unknown>;

const LEVEL_RANK: Record<Level, number> = { debug: 20, info: 30, warn: 40, error: 50 };

export interface LogStream {
  write(chunk: string): unknown;
}

export interface LoggerOptions {
  stream: LogStream;
  /** Records below this level are dropped; default `info`. */
  level?: Level;
  format?: LogFormat;
  /** Shared with children and with the code that learns secrets; default: a new set. */
  secrets?: SecretSet;
  /** Any object with `now()` in epoch ms (runtime/clock.ts's Clock fits). */
  clock?: { now(): number };
  /** Fields added to every record (a child's `hook=…`). */
  bindings?: Fields;
}

/** What modules that only need to report take, so they do not depend on this class. */
export interface LogSink {
  debug(msg: string, fields?: Fields): void;
  info(msg: string, fields?: Fields): void;
  warn(msg: string, fields?: Fields): void;
  error(msg: string, fields?: Fields): void;
}

export class Logger implements LogSink {
  readonly secrets: SecretSet;
  readonly format: LogFormat;
  #stream: LogStream;
  #rank: number;
  #clock: { now(): number };
  #bindings: Fields;

  constructor(options: LoggerOptions) {
    this.#stream = options.stream;
    this.#rank = LEVEL_RANK[options.level ?? 'info'];
    if (this.#rank === undefined) throw new TypeError(`unknown log level "${String(options.level)}" (use debug, info, warn or error)`);
    this.format = options.format ?? 'text';
    this.secrets = options.secrets ?? new SecretSet();
    this.#clock = options.clock ?? Date;
    this.#bindings = options.bindings ?? {};
  }

  /** A logger that adds `bindings` to every record and shares stream, level and secrets. */
  child(bindings: Fields): Logger {
    const child = new Logger({
      stream: this.#stream,
      format: this.format,
      secrets: this.secrets,
      clock: this.#clock,
      bindings: { ...this.#bindings, ...bindings },
    });
    child.#rank = this.#rank;
    return child;
  }

  /** Registers a value to be replaced by `[redacted]` wherever it appears from now on. */
  addSecret(value: unknown): void {
    this.secrets.add(value);
  }

  isLevelEnabled(level: Level): boolean {
    return LEVEL_RANK[level] >= this.#rank;
  }

  debug(msg: string, fields?: Fields): void {
    this.#log('debug', msg, fields);
  }
  info(msg: string, fields?: Fields): void {
    this.#log('info', msg, fields);
  }
  warn(msg: string, fields?: Fields): void {
    this.#log('warn', msg, fields);
  }
  error(msg: string, fields?: Fields): void {
    this.#log('error', msg, fields);
  }

  #log(level: Level, msg: string, fields: Fields | undefined): void {
    if (LEVEL_RANK[level] < this.#rank) return;
    const time = new Date(this.#clock.now()).toISOString();
    const text = redactText(String(msg), this.secrets);
    const data = redactValue({ ...this.#bindings, ...(fields ?? {}) }, this.secrets) as Fields;
    const line = this.format === 'json' ? jsonLine(time, level, text, data) : textLine(time, level, text, data);
    // The final net: anything a formatter produced from a secret (a key name, an escaped
    // form) is caught here. Only registered values — the shape rules already ran.
    this.#stream.write(scrubRegistered(line, this.secrets) + '\n');
  }
}

export function createLogger(options: LoggerOptions): Logger {
  return new Logger(options);
}

/** A logger that drops everything (the default where a module's caller passes none). */
export const silentLogger: LogSink = { debug() {}, info() {}, warn() {}, error() {} };

function jsonLine(time: string, level: Level, msg: string, data: Fields): string {
  const record: Fields = { time, level, msg };
  for (const [k, v] of Object.entries(data)) if (!(k in record)) record[k] = v;
  return JSON.stringify(record);
}

function textLine(time: string, level: Level, msg: string, data: Fields): string {
  let line = `${time} ${level.toUpperCase().padEnd(5)} ${oneLine(msg)}`;
  for (const [k, v] of Object.entries(data)) {
    if (v === undefined) continue;
    line += ` ${k}=${textValue(v)}`;
  }
  return line;
}

function textValue(v: unknown): string {
  if (typeof v === 'string') return /^[^\s"=\\]+$/.test(v) ? v : JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  return JSON.stringify(v) ?? String(v);
}

// One record, one line: a multi-line message (a server's HTML error page) must not be able
// to forge further records.
function oneLine(s: string): string {
  return s.replace(/\r?\n|\r/g, '\\n');
}

function scrubRegistered(line: string, secrets: SecretSet): string {
  if (secrets.size === 0) return line;
  let out = line;
  for (const form of secrets.forms()) if (out.includes(form)) out = out.split(form).join(REDACTED);
  return out;
}

/** A child logger with `bindings` when the sink can make one (the Logger can). */
export function childLog(logger: LogSink, bindings: Record<string, unknown>): LogSink {
  const maybe = logger as LogSink & { child?: (b: Record<string, unknown>) => LogSink };
  return typeof maybe.child === 'function' ? maybe.child(bindings) : logger;
}
