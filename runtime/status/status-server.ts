// The status server: node:http on the address asked for (loopback unless told otherwise).
//
//   GET  /             the page (./status-page.ts): a shell without data, so it needs no token
//   GET  /api/status   the snapshot as JSON          } the token, unless `public read`
//   GET  /api/events   the snapshot, live (SSE)      }
//   GET  /metrics      Prometheus text               }
//   POST /api/actions  retry or drop dead letters, pause or resume a hook: always the token,
//                      a JSON body of at most 16 KiB, never cross-site
//
// No CORS headers are ever sent, so a browser refuses to let another site read an answer or
// send the Authorization header. Every answer is no-store; the page is locked down by its
// Content-Security-Policy. A request the server cannot make sense of gets a 4xx; an error in
// a handler gets a 500 and a log line, never a crash.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isIP } from 'node:net';
import type { LogSink } from '../log/logger.js';
import type { ControlRequest, ControlResult } from '../outbox/control.js';
import { crossSite, hasBearer, hostAllowed } from './auth.js';
import { EventStream } from './event-stream.js';
import type { DeliveryStats } from './delivery-stats.js';
import type { ListenAddress } from '../common/listen-address.js';
import { METRICS_CONTENT_TYPE, metricsText } from './metrics-text.js';
import { pageCsp, statusPage } from './status-page.js';
import { statusSnapshot, type StatusSource } from './status-snapshot.js';

export const MAX_BODY_BYTES = 16 * 1024;

export interface StatusServerOptions {
  listen: ListenAddress;
  token: string;
  publicRead: boolean;
  source: StatusSource;
  stats: DeliveryStats;
  /** The same code as `octohook outbox retry|drop` on a running daemon. */
  control: (req: ControlRequest) => ControlResult;
  pause: (hook: string) => boolean;
  resume: (hook: string) => boolean;
  logger: LogSink;
}

const COMMON_HEADERS: Record<string, string> = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export class StatusServer {
  private server: Server | null = null;
  private readonly events: EventStream;
  private unsubscribe: (() => void) | null = null;
  private readonly loopbackOnly: boolean;

  constructor(private readonly o: StatusServerOptions) {
    this.events = new EventStream(() => JSON.stringify(statusSnapshot(o.source)));
    const host = o.listen.host;
    this.loopbackOnly = host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));
  }

  /** Listens; resolves with the bound address (port 0 gives a free one). */
  async start(): Promise<{ host: string; port: number; url: string }> {
    const server = createServer({ requestTimeout: 10_000, headersTimeout: 10_000, maxHeaderSize: 8 * 1024 }, (req, res) => this.handle(req, res));
    server.maxConnections = 64;
    server.on('clientError', (_err, socket) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      else socket.destroy();
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.o.listen.port, this.o.listen.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.unsubscribe = this.o.stats.onChange(() => this.events.changed());
    const a = server.address() as AddressInfo;
    const host = a.family === 'IPv6' ? `[${a.address}]` : a.address;
    return { host: a.address, port: a.port, url: `http://${host}:${a.port}/` };
  }

  /** Tells live pages that something changed that the counters do not see (an action, a connection). */
  changed(): void {
    this.events.changed();
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.events.close();
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    this.route(req, res).catch((e: unknown) => {
      const status = e instanceof HttpError ? e.status : 500;
      if (!(e instanceof HttpError)) this.o.logger.error('status page: a request failed', { reason: e instanceof Error ? e.message : String(e), path: pathOf(req) });
      // Whatever is left of the request body is not read: close the connection after the answer.
      if (!res.headersSent) send(res, status, { error: e instanceof HttpError ? e.message : 'internal error' }, { ...(e instanceof HttpError ? e.headers : {}), Connection: 'close' });
      else res.destroy();
    });
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req, this.loopbackOnly)) throw new HttpError(400, 'this server answers to its own address only');
    const path = pathOf(req);
    const method = req.method ?? '';
    const routes: Record<string, string> = { '/': 'GET', '/api/status': 'GET', '/api/events': 'GET', '/metrics': 'GET', '/api/actions': 'POST' };
    const allowed = routes[path];
    if (allowed === undefined) throw new HttpError(404, 'not found');
    if (method !== allowed) throw new HttpError(405, `use ${allowed}`, { Allow: allowed });

    if (path === '/') {
      res.writeHead(200, { ...COMMON_HEADERS, 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': pageCsp() });
      res.end(statusPage);
      return;
    }
    if (path === '/api/actions') return this.action(req, res);

    if (!this.o.publicRead && !hasBearer(req, this.o.token)) throw new HttpError(401, 'this needs the status token', { 'WWW-Authenticate': 'Bearer realm="octohook"' });
    if (path === '/api/events') {
      if (!this.events.add(res, COMMON_HEADERS)) throw new HttpError(503, 'too many live pages are open');
      return;
    }
    const snap = statusSnapshot(this.o.source);
    if (path === '/metrics') {
      res.writeHead(200, { ...COMMON_HEADERS, 'Content-Type': METRICS_CONTENT_TYPE });
      res.end(metricsText(snap, this.o.stats));
      return;
    }
    send(res, 200, snap);
  }

  private async action(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const cross = crossSite(req);
    if (cross) throw new HttpError(403, `cross-site requests are refused (${cross})`);
    if (!hasBearer(req, this.o.token)) throw new HttpError(401, 'actions need the status token', { 'WWW-Authenticate': 'Bearer realm="octohook"' });
    const type = req.headers['content-type'] ?? '';
    if (!/^application\/json\s*(;|$)/i.test(type)) throw new HttpError(415, 'send the action as application/json');
    const body = await readBody(req, MAX_BODY_BYTES);
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      throw new HttpError(400, 'the body is not JSON');
    }
    const action = readAction(parsed);
    let answer: Record<string, unknown>;
    if ('hook' in action) {
      const ok = action.op === 'pause' ? this.o.pause(action.hook) : this.o.resume(action.hook);
      if (!ok) throw new HttpError(404, `there is no hook ${JSON.stringify(action.hook)}`);
      answer = { hook: action.hook, paused: action.op === 'pause' };
      this.o.logger.info(`status page: hook ${action.op}d`, { hook: action.hook });
    } else {
      const result = this.o.control(action);
      answer = { ...result };
      this.o.logger.info(`outbox: ${action.op} requested from the status page`, { affected: result.affected.length, missing: result.missing.length });
    }
    this.events.changed();
    send(res, 200, answer);
  }
}

type Action = ControlRequest | { op: 'pause' | 'resume'; hook: string };

function readAction(v: unknown): Action {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new HttpError(400, 'the body must be a JSON object with an op');
  const o = v as Record<string, unknown>;
  if (o.op === 'pause' || o.op === 'resume') {
    if (typeof o.hook !== 'string' || o.hook.length === 0 || o.hook.length > 200) throw new HttpError(400, `${o.op} needs a hook name`);
    return { op: o.op, hook: o.hook };
  }
  if (o.op !== 'retry' && o.op !== 'drop') throw new HttpError(400, 'op must be retry, drop, pause or resume');
  if (o.allDead === true && o.ids === undefined) return { op: o.op, allDead: true };
  const ids = o.ids;
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > 1000 || !ids.every((id) => typeof id === 'string' && id.length > 0 && id.length <= 200)) {
    throw new HttpError(400, `${o.op} needs ids (a list of delivery ids) or allDead: true`);
  }
  return { op: o.op, ids: ids as string[] };
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.reject(new HttpError(413, `the body is over ${limit} bytes`));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.pause();
        reject(new HttpError(413, `the body is over ${limit} bytes`));
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', () => reject(new HttpError(400, 'the request body was cut off')));
  });
}

function pathOf(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...COMMON_HEADERS, ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(text)) });
  res.end(text);
}
