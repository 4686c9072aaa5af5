// The demo's webhook receiver: a node:http server on 127.0.0.1 (port chosen by the system)
// that plays the three services scripts/demo.ohk talks to:
//   POST /oauth/token             a client-credentials token endpoint (checks client_secret)
//   *    /v1/printers/…           an API that wants `Authorization: Bearer <that token>`
//   POST /api/webhooks/ID/TOKEN   a Discord-style webhook: 204 for the right ID/TOKEN, else 404
// Anything else is 404. Every request is recorded with its parsed body, so the demo (and its
// test) can say what arrived. It lives here rather than in tests/ because `npm start` runs it.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface FormPart {
  name: string;
  filename: string | null;
  contentType: string | null;
  data: Buffer;
}

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  raw: Buffer;
  /** Which of the three services answered, or 'unknown'. */
  service: 'token' | 'api' | 'discord' | 'unknown';
  status: number;
  json?: unknown;
  form?: Array<[string, string]>;
  parts?: FormPart[];
}

export interface DemoReceiverOptions {
  clientSecret: string;
  /** `ID/TOKEN` of the Discord-style webhook. */
  discordWebhook: string;
}

export interface DemoReceiver {
  url: string;
  requests: ReceivedRequest[];
  /** The access token the token endpoint hands out. */
  accessToken: string;
  close(): Promise<void>;
}

export async function startDemoReceiver(options: DemoReceiverOptions): Promise<DemoReceiver> {
  const accessToken = `demo-token-${randomBytes(12).toString('hex')}`;
  const requests: ReceivedRequest[] = [];
  const sockets = new Set<Socket>();

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded = parseRequest(req, Buffer.concat(chunks));
      const answer = route(recorded, options, accessToken);
      recorded.service = answer.service;
      recorded.status = answer.status;
      requests.push(recorded);
      res.writeHead(answer.status, answer.body === undefined ? {} : { 'content-type': 'application/json' });
      res.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    accessToken,
    close() {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

interface Answer {
  service: ReceivedRequest['service'];
  status: number;
  body?: unknown;
}

function route(req: ReceivedRequest, options: DemoReceiverOptions, accessToken: string): Answer {
  if (req.path === '/oauth/token') {
    if (req.method !== 'POST') return { service: 'token', status: 405, body: { error: 'invalid_request' } };
    const form = new Map(req.form ?? []);
    if (form.get('grant_type') !== 'client_credentials' || form.get('client_secret') !== options.clientSecret) {
      return { service: 'token', status: 401, body: { error: 'invalid_client' } };
    }
    return { service: 'token', status: 200, body: { access_token: accessToken, token_type: 'Bearer', expires_in: 3600 } };
  }
  if (req.path.startsWith('/v1/printers/')) {
    if (req.headers.authorization !== `Bearer ${accessToken}`) return { service: 'api', status: 401, body: { error: 'invalid_token' } };
    return { service: 'api', status: 200, body: { ok: true } };
  }
  if (req.path.startsWith('/api/webhooks/')) {
    if (req.path !== `/api/webhooks/${options.discordWebhook}`) return { service: 'discord', status: 404, body: { message: 'Unknown Webhook', code: 10015 } };
    const content = (req.json as { content?: unknown } | undefined)?.content;
    if (typeof content !== 'string' || content.length === 0) return { service: 'discord', status: 400, body: { message: 'Cannot send an empty message', code: 50006 } };
    return { service: 'discord', status: 204 };
  }
  return { service: 'unknown', status: 404, body: { error: 'not found' } };
}

function parseRequest(req: IncomingMessage, raw: Buffer): ReceivedRequest {
  const url = req.url ?? '/';
  const out: ReceivedRequest = {
    method: req.method ?? '',
    path: url.split('?')[0],
    headers: req.headers,
    raw,
    service: 'unknown',
    status: 0,
  };
  const type = String(req.headers['content-type'] ?? '');
  Object.assign(out, parseBody(type, raw));
  return out;
}

/** Parses a json, form or multipart body by its content type; unknown types give {}. */
export function parseBody(contentType: string, raw: Uint8Array): Pick<ReceivedRequest, 'json' | 'form' | 'parts'> {
  const type = contentType.toLowerCase();
  const bytes = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  if (type.includes('json')) {
    try {
      return { json: JSON.parse(bytes.toString('utf8')) };
    } catch {
      return {};
    }
  }
  if (type.startsWith('application/x-www-form-urlencoded')) return { form: [...new URLSearchParams(bytes.toString('utf8'))] };
  if (type.startsWith('multipart/form-data')) {
    // The boundary is case-sensitive: read it from the header as sent.
    const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
    if (m) return { parts: parseMultipart(bytes, m[1] ?? m[2]) };
  }
  return {};
}

/** multipart/form-data (RFC 7578) into parts; enough for what the daemon sends. */
export function parseMultipart(body: Buffer, boundary: string): FormPart[] {
  const parts: FormPart[] = [];
  const dashBoundary = Buffer.from(`--${boundary}`);
  const separator = Buffer.from(`\r\n--${boundary}`);
  let at = body.indexOf(dashBoundary);
  if (at < 0) return parts;
  at += dashBoundary.length;
  while (body.subarray(at, at + 2).toString('latin1') === '\r\n') {
    const headersEnd = body.indexOf('\r\n\r\n', at);
    if (headersEnd < 0) break;
    const end = body.indexOf(separator, headersEnd + 4);
    if (end < 0) break;
    const headers = new Map<string, string>();
    for (const line of body.subarray(at + 2, headersEnd).toString('utf8').split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const disposition = headers.get('content-disposition') ?? '';
    parts.push({
      name: /\bname="([^"]*)"/.exec(disposition)?.[1] ?? '',
      filename: /\bfilename="([^"]*)"/.exec(disposition)?.[1] ?? null,
      contentType: headers.get('content-type') ?? null,
      data: body.subarray(headersEnd + 4, end),
    });
    at = end + separator.length;
  }
  return parts;
}
