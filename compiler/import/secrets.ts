// Secrets leave the file: the plugin kept API secrets, tokens and passwords in its settings
// (and logged them); an imported .ohk reads each from `@env.NAME` instead, so the file can
// be shared and committed. The registry names the variables and remembers what each is
// for; the values stay in memory only (an env file, when asked for, is written apart).

export interface EnvVar {
  name: string;
  /** What the variable is for, one entry per use ("API secret (@apiSecret) of hook json"). */
  purposes: string[];
  value: string;
}

/** Upper-case, `[A-Z0-9_]`, starting with a letter: what a shell and systemd accept. */
export function envName(...parts: string[]): string {
  const raw = parts
    .join('_')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/_+/g, '_');
  return /^[A-Z]/.test(raw) ? raw : `OCTOHOOK_${raw || 'SECRET'}`;
}

export class EnvRegistry {
  readonly vars: EnvVar[] = [];
  private readonly byValue = new Map<string, EnvVar>();
  private readonly names = new Set<string>();

  /** The variable holding `value`: one variable per distinct value, named after its first use. */
  add(value: string, name: string, purpose: string): string {
    const known = this.byValue.get(value);
    if (known) {
      if (!known.purposes.includes(purpose)) known.purposes.push(purpose);
      return known.name;
    }
    let unique = name;
    for (let n = 2; this.names.has(unique); n++) unique = `${name}_${n}`;
    const v: EnvVar = { name: unique, purposes: [purpose], value };
    this.names.add(unique);
    this.byValue.set(value, v);
    this.vars.push(v);
    return unique;
  }
}

/** The words of a key: `client_secret`, `X-Api-Key`, `apiToken` → client secret, x api key, api token. */
function words(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

const secretWords = new Set([
  'password', 'passwd', 'pass', 'pwd', 'secret', 'token', 'apikey', 'key', 'auth', 'authorization', 'credential', 'credentials',
  'signature', 'sig', 'cookie', 'session', 'bearer', 'privatekey',
]);

/** Whether a header, data or query key names a secret (by its words, so `author` and `monkey` do not). */
export function isSecretKey(key: string): boolean {
  return words(key).some((w) => secretWords.has(w));
}

/** `Bearer abc` → the scheme to keep before the variable (`Bearer `), or '' for a bare credential. */
export function authScheme(value: string): string {
  const m = /^(Bearer|Basic|Token|Bot|Digest|ApiKey|Key)\s+(?=\S)/i.exec(value);
  return m ? m[0] : '';
}

export interface UrlSecret {
  /** Index in the URL where the secret starts, and its length. */
  start: number;
  length: number;
  /** Suffix for the variable's name (`WEBHOOK`, `KEY`, `TOKEN`). */
  label: string;
  purpose: string;
}

/**
 * Secrets that well-known services put into the URL (webhook tokens, API keys) and query
 * parameters named like secrets. Only literal text counts: a value with an `@` is the
 * plugin's parameter, not a secret.
 */
export function findUrlSecrets(url: string): UrlSecret[] {
  const out: UrlSecret[] = [];
  const at = (re: RegExp, label: string, purpose: string) => {
    // The `d` flag gives each group's indices.
    const m = new RegExp(re.source, re.flags + 'd').exec(url);
    const span = m?.indices?.[1];
    if (!m || !span || m[1].includes('@')) return;
    out.push({ start: span[0], length: span[1] - span[0], label, purpose });
  };
  at(/^https?:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/(?:v\d+\/)?webhooks\/(\d+\/[\w-]+)/i, 'WEBHOOK', 'Discord webhook id/token (in the URL)');
  at(/^https?:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/([\w/-]+)/i, 'WEBHOOK', 'Slack webhook path (in the URL)');
  at(/^https?:\/\/api\.telegram\.org\/bot(\d+:[\w-]+)/i, 'BOT_TOKEN', 'Telegram bot token (in the URL)');
  at(/^https?:\/\/maker\.ifttt\.com\/trigger\/[^/?#]+\/(?:json\/)?with\/key\/([\w-]+)/i, 'KEY', 'IFTTT Webhooks key (in the URL)');
  at(/^https?:\/\/[^/?#]+\/api\/webhook\/([\w-]+)/i, 'WEBHOOK_ID', 'Home Assistant webhook id (in the URL)');
  const query = url.indexOf('?');
  if (query >= 0) {
    const re = /([?&])([^=&#]+)=([^&#]*)/g;
    re.lastIndex = query;
    for (let m = re.exec(url); m; m = re.exec(url)) {
      const [, , name, value] = m;
      if (!value || value.includes('@') || !isSecretKey(decodeSafe(name))) continue;
      out.push({ start: m.index + 1 + name.length + 1, length: value.length, label: decodeSafe(name), purpose: `'${decodeSafe(name)}' query parameter` });
    }
  }
  return out.sort((a, b) => a.start - b.start).filter((s, i, all) => i === 0 || s.start >= all[i - 1].start + all[i - 1].length);
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}
