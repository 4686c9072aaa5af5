// A LogSink that keeps records in memory, with `addSecret`, for asserting on warnings and on
// secrets never reaching a log.
export interface LogRecord {
  level: 'debug' | 'info' | 'warn' | 'error';
  msg: string;
  fields?: Record<string, unknown>;
}

export class MemoryLogger {
  readonly records: LogRecord[] = [];
  readonly secrets: unknown[] = [];
  debug(msg: string, fields?: Record<string, unknown>): void {
    this.records.push({ level: 'debug', msg, fields });
  }
  info(msg: string, fields?: Record<string, unknown>): void {
    this.records.push({ level: 'info', msg, fields });
  }
  warn(msg: string, fields?: Record<string, unknown>): void {
    this.records.push({ level: 'warn', msg, fields });
  }
  error(msg: string, fields?: Record<string, unknown>): void {
    this.records.push({ level: 'error', msg, fields });
  }
  addSecret(value: unknown): void {
    this.secrets.push(value);
  }
  at(level: LogRecord['level']): LogRecord[] {
    return this.records.filter((r) => r.level === level);
  }
  /** Everything logged, as one string (to search for secrets). */
  text(): string {
    return JSON.stringify(this.records);
  }
}
