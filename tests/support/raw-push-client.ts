// A bare push client for simulator tests: logs in, opens the socket, optionally subscribes and
// authenticates, and records every message. The daemon's own client is tested separately.
import { request, WebSocket } from 'undici';
import { waitFor } from './wait-for.js';

export interface RawClient {
  ws: WebSocket;
  messages: Record<string, unknown>[];
  /** Close code and reason once the socket closed. */
  closed?: { code: number; reason: string };
  send(value: unknown): void;
  /** Waits until `count` messages satisfy `pred`; returns them. */
  waitForMessages(pred: (m: Record<string, unknown>) => boolean, what: string, count?: number): Promise<Record<string, unknown>[]>;
  close(): void;
}

export async function passiveLogin(baseUrl: string, apiKey: string): Promise<{ name: string; session: string }> {
  const res = await request(`${baseUrl}/api/login`, {
    method: 'POST',
    headers: { 'x-api-key': apiKey, 'content-type': 'application/json' },
    body: JSON.stringify({ passive: true }),
  });
  const body = (await res.body.json()) as { name: string; session: string };
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode}`);
  return body;
}

export async function openRawClient(
  baseUrl: string,
  opts: { apiKey?: string; subscribe?: unknown; auth?: boolean | string } = {},
): Promise<RawClient> {
  const auth = typeof opts.auth === 'string' ? opts.auth : opts.auth === false ? undefined : await passiveLogin(baseUrl, opts.apiKey ?? '').then((u) => `${u.name}:${u.session}`);
  const ws = new WebSocket(baseUrl.replace(/^http/, 'ws') + '/sockjs/websocket');
  const client: RawClient = {
    ws,
    messages: [],
    send: (value) => ws.send(JSON.stringify(value)),
    waitForMessages: (pred, what, count = 1) =>
      waitFor(() => {
        const hits = client.messages.filter(pred);
        return hits.length >= count ? hits : undefined;
      }, what),
    close: () => ws.close(),
  };
  ws.onmessage = (ev) => client.messages.push(JSON.parse(String(ev.data)) as Record<string, unknown>);
  ws.onclose = (ev) => (client.closed = { code: ev.code, reason: ev.reason });
  await new Promise<void>((resolve, reject) => {
    ws.onopen = () => resolve();
    ws.onerror = () => reject(new Error('websocket failed'));
  });
  if (opts.subscribe !== undefined) client.send({ subscribe: opts.subscribe });
  if (auth) {
    client.send({ auth });
    await client.waitForMessages((m) => 'history' in m || 'reauthRequired' in m, 'history or reauthRequired');
  }
  return client;
}
