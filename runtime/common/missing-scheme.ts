// An address written without its scheme — `octopi.local`, `127.0.0.1:5000`, `octopi.local:80/x`
// — is the most common wrong URL, and the fix is always the same: put `http://` in front.
// Shared by the checker (a file's URLs) and the daemon (--octoprint, OCTOPRINT_URL), so both
// suggest the same thing. `http:/host` and `https:host` (slashes missing) get their slashes.

// host (name, IPv4, or [IPv6]), optional :port, optional path/query; no scheme.
const HOST_FIRST = /^(\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*)(:\d{1,5})?([/?#].*)?$/i;
const SLASHES_MISSING = /^(https?):\/?(?!\/)/i;

/** The URL with a scheme, when `text` reads as an address without one (or with `http:` lacking `//`); else undefined. */
export function withScheme(text: string): string | undefined {
  const t = text.trim();
  if (t === '' || /\s/.test(t)) return undefined;
  const slashes = SLASHES_MISSING.exec(t);
  if (slashes) return `${slashes[1].toLowerCase()}://${t.slice(slashes[0].length)}`;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(t)) return undefined;
  return HOST_FIRST.test(t) ? `http://${t}` : undefined;
}
