// A webhook receiver for tests: a real node:http server on 127.0.0.1, port 0, that records
// every request (method, url, headers, raw body) and parses json, form and multipart bodies
// so a test can compare them with what the plugin sent. `respond` decides the answer per
// request (status, delay, hang); the default is 200 "ok".

import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface MultipartPart {
  name: string;
  filename: string | null;
  contentType: string | null;
  headers: Record<string, string>;
  data: Buffer;
  text: string;
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  raw: Buffer;
  /** Parsed when the content type says JSON and it parses. */
  json?: unknown;
  /** x-www-form-urlencoded fields in body order. */
  form?: Array<[string, string]>;
  /** multipart parts in body order. */
  parts?: MultipartPart[];
  /** The query of the request URL, in order. */
  query: Array<[string, string]>;
  receivedAt: number;
}

export type Responder = (req: RecordedRequest, res: ServerResponse) => void | Promise<void>;

export interface Receiver {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  requests: RecordedRequest[];
  /** Resolves when at least `n` requests were recorded (rejects after `timeoutMs`). */
  waitFor(n: number, timeoutMs?: number): Promise<RecordedRequest[]>;
  close(): Promise<void>;
}

export async function startReceiver(respond?: Responder): Promise<Receiver> {
  const requests: RecordedRequest[] = [];
  const waiters: Array<() => void> = [];
  const sockets = new Set<Socket>();

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded = record(req, Buffer.concat(chunks));
      requests.push(recorded);
      for (const w of waiters.splice(0)) w();
      Promise.resolve(respond ? respond(recorded, res) : defaultRespond(res)).catch(() => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    waitFor(n: number, timeoutMs = 2000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`receiver got ${requests.length} of ${n} requests`)), timeoutMs);
        const check = () => {
          if (requests.length >= n) {
            clearTimeout(timer);
            resolve(requests);
          } else waiters.push(check);
        };
        check();
      });
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function defaultRespond(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end('ok');
}

function record(req: IncomingMessage, raw: Buffer): RecordedRequest {
  const url = req.url ?? '/';
  const type = String(req.headers['content-type'] ?? '').toLowerCase();
  const qIndex = url.indexOf('?');
  const out: RecordedRequest = {
    method: req.method ?? '',
    url,
    headers: req.headers,
    raw,
    query: qIndex >= 0 ? [...new URLSearchParams(url.slice(qIndex + 1))] : [],
    receivedAt: Date.now(),
  };
  if (type.includes('json')) {
    try {
      out.json = JSON.parse(raw.toString('utf8'));
    } catch {
      // left undefined: the test sees raw
    }
  } else if (type.startsWith('application/x-www-form-urlencoded')) {
    out.form = [...new URLSearchParams(raw.toString('utf8'))];
  } else if (type.startsWith('multipart/form-data')) {
    // the boundary is case-sensitive: take it from the header as sent, not the lower-cased copy
    const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(String(req.headers['content-type']));
    if (m) out.parts = parseMultipart(raw, m[1] ?? m[2]);
  }
  return out;
}

/** A strict-enough multipart/form-data parser (RFC 7578) for test assertions. */
export function parseMultipart(raw: Buffer, boundary: string): MultipartPart[] {
  const parts: MultipartPart[] = [];
  const delimiter = Buffer.from(`--${boundary}`);
  let pos = raw.indexOf(delimiter);
  if (pos < 0) return parts;
  for (;;) {
    pos += delimiter.length;
    if (raw.subarray(pos, pos + 2).toString() === '--') break; // closing delimiter
    pos += 2; // CRLF after the delimiter
    const headerEnd = raw.indexOf('\r\n\r\n', pos);
    if (headerEnd < 0) throw new Error('multipart: part without header end');
    const headers: Record<string, string> = {};
    for (const line of raw.subarray(pos, headerEnd).toString('utf8').split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const next = raw.indexOf(Buffer.from(`\r\n--${boundary}`), headerEnd + 4);
    if (next < 0) throw new Error('multipart: part without closing delimiter');
    const data = raw.subarray(headerEnd + 4, next);
    const disposition = headers['content-disposition'] ?? '';
    parts.push({
      name: /\bname="([^"]*)"/.exec(disposition)?.[1] ?? '',
      filename: /\bfilename="([^"]*)"/.exec(disposition)?.[1] ?? null,
      contentType: headers['content-type'] ?? null,
      headers,
      data,
      text: data.toString('utf8'),
    });
    pos = next + 2;
  }
  return parts;
}
