// The REST endpoints the daemon uses, with OctoPrint 1.10/1.11 shapes: passive login, job,
// printer, file info, settings (webcam section) and the webcam snapshot itself.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthRegistry } from './auth-registry.js';
import type { PrinterModel } from './printer-model.js';
import { snapshotJpeg, webcamSettings, type WebcamOptions } from './webcam.js';

export interface RestContext {
  model: PrinterModel;
  auth: AuthRegistry;
  webcam(): WebcamOptions;
  version: string;
  /** The base URL including any base path, without a trailing slash. */
  baseUrl(): string;
  basePath: string;
  /** Every request, in order (method and path only: never headers, which carry the key). */
  requests: Array<{ method: string; path: string }>;
  snapshots: { count: number };
  /** Real milliseconds before each `/api/` answer (a Raspberry Pi's OctoPrint takes tens). */
  apiDelayMs(): number;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** The API key of a request: `X-Api-Key` or `Authorization: Bearer`. */
function apiKeyOf(req: IncomingMessage): string | undefined {
  const header = req.headers['x-api-key'];
  if (typeof header === 'string' && header) return header;
  const auth = req.headers.authorization;
  if (typeof auth === 'string' && /^bearer\s+/i.test(auth)) return auth.replace(/^bearer\s+/i, '');
  return undefined;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (!chunks.length) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}

function userRecord(name: string, session: string): Record<string, unknown> {
  return {
    _is_external_client: false,
    _login_mechanism: 'apikey',
    _credentials_seen: false,
    active: true,
    admin: true,
    apikey: null,
    groups: ['admins', 'users'],
    name,
    needs: { group: ['admins', 'users'], role: ['admin', 'status', 'connection', 'webcam', 'monitor_terminal', 'settings_read'] },
    permissions: [],
    roles: ['admin', 'user'],
    session,
    settings: {},
    user: true,
  };
}

const ANONYMOUS = { _is_external_client: false, _login_mechanism: null, groups: ['guests'], needs: { group: ['guests'], role: [] }, permissions: [] };

async function login(req: IncomingMessage, res: ServerResponse, ctx: RestContext): Promise<void> {
  await readBody(req);
  ctx.auth.loginCount += 1;
  const forced = ctx.auth.takeFailure();
  if (forced !== undefined) {
    if (forced === 429) res.setHeader('Retry-After', '60');
    return send(res, forced, { error: forced === 429 ? 'Too Many Requests' : 'Simulated failure' });
  }
  const key = apiKeyOf(req);
  if (key === undefined) return send(res, 200, ANONYMOUS);
  const user = ctx.auth.userForKey(key);
  if (!user) return send(res, 403, { error: 'Forbidden' });
  send(res, 200, userRecord(user, ctx.auth.createSession(user)));
}

async function snapshot(res: ServerResponse, ctx: RestContext): Promise<void> {
  ctx.snapshots.count += 1;
  const cam = ctx.webcam();
  if (cam.mode === '404' || !cam.enabled) {
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    return void res.end('Not found');
  }
  if (cam.mode === 'corrupt') {
    res.writeHead(200, { 'Content-Type': 'image/jpeg' });
    return void res.end(Buffer.from('\xff\xd8 this is not really a JPEG', 'latin1'));
  }
  if (cam.mode === 'slow') await new Promise((r) => setTimeout(r, cam.delayMs));
  if (res.destroyed) return;
  const jpeg = await snapshotJpeg(cam.width, cam.height);
  res.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': jpeg.length });
  res.end(jpeg);
}

export async function handleRest(req: IncomingMessage, res: ServerResponse, ctx: RestContext): Promise<void> {
  const method = req.method ?? 'GET';
  const fullPath = (req.url ?? '/').split('?')[0];
  ctx.requests.push({ method, path: fullPath });
  if (!fullPath.startsWith(ctx.basePath + '/')) return send(res, 404, { error: 'Not found' });
  const path = fullPath.slice(ctx.basePath.length);

  if (path === '/api/login' && method === 'POST') return login(req, res, ctx);
  if (path === '/webcam/snapshot' && method === 'GET') return snapshot(res, ctx);
  if (path === '/sockjs/info') return send(res, 200, { websocket: true, cookie_needed: false, origins: ['*:*'], entropy: 1234567890 });
  if (path.startsWith('/api/')) {
    const delay = ctx.apiDelayMs();
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    if (res.destroyed) return;
    const user = ctx.auth.userForKey(apiKeyOf(req));
    if (!user) return send(res, 403, { error: 'You don\'t have the permission to access the requested resource.' });
    if (method !== 'GET') return send(res, 405, { error: 'Method not allowed' });
    if (path === '/api/version') return send(res, 200, { api: '0.1', server: ctx.version, text: `OctoPrint ${ctx.version}` });
    if (path === '/api/job') return send(res, 200, ctx.model.jobResponse());
    if (path === '/api/printer') {
      const body = ctx.model.printerResponse();
      return body ? send(res, 200, body) : send(res, 409, { error: 'Printer is not operational' });
    }
    if (path === '/api/settings') {
      return send(res, 200, {
        api: { allowCrossOrigin: false },
        feature: { sdSupport: true },
        webcam: webcamSettings(ctx.webcam(), `${ctx.baseUrl()}/webcam/snapshot`),
      });
    }
    const file = /^\/api\/files\/(local|sdcard)\/(.+)$/.exec(path);
    if (file) {
      const info = ctx.model.getFile(file[1], decodeURIComponent(file[2]));
      return info ? send(res, 200, ctx.model.fileInfo(info, ctx.baseUrl())) : send(res, 404, { error: 'File not found' });
    }
  }
  send(res, 404, { error: 'Not found' });
}
