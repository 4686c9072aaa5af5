// URLs derived from the configured OctoPrint base URL. Any base path is kept (OctoPrint behind
// a reverse proxy at https://host/octoprint/), and credentials in the URL never reach a message.

function parseBase(base: string): URL {
  const url = new URL(base);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`OctoPrint URL must start with http:// or https:// (got ${url.protocol})`);
  }
  url.search = '';
  url.hash = '';
  url.pathname = url.pathname.replace(/\/+$/, '');
  return url;
}

/** `<base><path>` for a REST path such as `/api/login`. */
export function apiUrl(base: string, path: string): string {
  const url = parseBase(base);
  // An empty pathname reads back as "/", so join with exactly one slash either way.
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
  return url.toString();
}

/** The raw push socket: http→ws, https→wss, `<base>/sockjs/websocket`. */
export function pushSocketUrl(base: string): string {
  const url = parseBase(base);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/sockjs/websocket`;
  return url.toString();
}

/** A URL safe to show in logs and errors: without user name, password, query or fragment. */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    u.search = '';
    u.hash = '';
    return u.toString();
  } catch {
    return '<invalid URL>';
  }
}
