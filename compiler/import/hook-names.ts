// A name for each imported hook, from its URL: the service's host (`discord`, `ifttt`,
// `gotify`) where there is one, else the last telling piece of the path (`/hook/json` →
// `json`), else `hook`; unique within the file (`discord`, `discord_2`).

const prefixes = new Set(['www', 'api', 'hooks', 'hook', 'webhook', 'webhooks', 'maker', 'ptb', 'canary', 'app', 'apps', 'push', 'notify']);
const secondLevel = new Set(['co', 'com', 'org', 'net', 'gov', 'ac', 'edu']);

function sanitize(s: string): string {
  const t = s.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '').replace(/_+/g, '_');
  if (!t) return '';
  return /^[a-z_]/.test(t) ? t : `hook_${t}`;
}

function isAddress(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.startsWith('[') || host === 'localhost';
}

function fromHost(host: string): string {
  const labels = host.split('.').filter(Boolean);
  if (labels.length > 1) labels.pop();
  while (labels.length > 1 && secondLevel.has(labels[labels.length - 1])) labels.pop();
  const kept = labels.filter((l) => !prefixes.has(l));
  return sanitize(kept[0] ?? labels[labels.length - 1] ?? '');
}

/** A path piece that is an id or a token, not a word that says what the hook is. */
function isOpaque(segment: string): boolean {
  if (/^\d+$/.test(segment) || segment.includes('@') || segment.includes('\uE000')) return true;
  return segment.length >= 16 && /\d/.test(segment) && /^[\w-]+$/.test(segment);
}

function fromPath(path: string): string {
  const segments = path
    .split('/')
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    })
    .filter((s) => s && !isOpaque(s));
  return sanitize(segments[segments.length - 1] ?? '');
}

export function hookNameFor(url: string, taken: Set<string>, fallback = 'hook'): string {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^/?#@]*@)?([^/?#:]*)(?::\d*)?([^?#]*)/i.exec(url.trim());
  let base = '';
  if (m) {
    const host = m[1].toLowerCase();
    if (host && !isAddress(host) && !host.includes('@')) base = fromHost(host);
    if (!base) base = fromPath(m[2]);
  }
  if (!base) base = fallback;
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
  taken.add(name);
  return name;
}
