// Which Node.js versions octohook runs on, checked before anything else is loaded: on an
// older Node the programs would otherwise die in module linking (Node 20.11 has no
// `crc32` in node:zlib) with a SyntaxError naming none of octohook's files. The range is
// package.json's `engines.node` (../package-facts.ts). This file must load on any Node
// that can parse it: no imports but that one, no recent syntax, no recent API.
import { nodeEngines } from '../package-facts.js';

type Version = [number, number, number];

function parse(text: string): Version | undefined {
  const m = /^v?(\d+)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?/.exec(text.trim());
  if (!m) return undefined;
  const part = (s: string | undefined) => (s === undefined || s === 'x' || s === '*' ? 0 : Number(s));
  return [Number(m[1]), part(m[2]), part(m[3])];
}

function compare(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

/** How many of major.minor.patch a comparator names (`22` → 1, `20.18` → 2). */
function precision(text: string): number {
  return text.replace(/^v/, '').split('.').filter((p) => /^\d+$/.test(p)).length;
}

function comparatorHolds(version: Version, comparator: string): boolean {
  const m = /^(>=|<=|>|<|=|\^|~)?\s*(.+)$/.exec(comparator);
  if (!m) return false;
  const op = m[1] ?? '';
  const bound = parse(m[2]);
  if (!bound) return false;
  const c = compare(version, bound);
  const digits = precision(m[2]);
  switch (op) {
    case '>=':
      return c >= 0;
    case '>':
      return c > 0;
    case '<=':
      return c <= 0;
    case '<':
      return c < 0;
    case '^':
      // ^20.18.1: 20.x from 20.18.1 on (every engines line names a major ≥ 1).
      return c >= 0 && version[0] === bound[0];
    case '~':
      return c >= 0 && version[0] === bound[0] && (digits < 2 || version[1] === bound[1]);
    default:
      // `22`, `22.x`, `22.12`: every version starting so; `22.12.0`: exactly that one.
      return version[0] === bound[0] && (digits < 2 || version[1] === bound[1]) && (digits < 3 || version[2] === bound[2]);
  }
}

/** Whether `version` (say "20.11.0") is in an npm `engines` range such as ">=20.18.1 <21 || ^22 || >=24". */
export function satisfiesRange(version: string, range: string): boolean {
  const v = parse(version);
  if (!v) return false;
  return range.split('||').some((set) => {
    // "1.2.3 - 2.3.4" is not used by this package; comparators are separated by spaces.
    const comparators = set.trim().replace(/(>=|<=|>|<|=|\^|~)\s+/g, '$1').split(/\s+/).filter(Boolean);
    return comparators.length > 0 && comparators.every((c) => comparatorHolds(v, c));
  });
}

/** The one line to print when `found` is not a supported Node.js, else undefined. */
export function unsupportedNodeMessage(found: string, range: string = nodeEngines): string | undefined {
  if (satisfiesRange(found, range)) return undefined;
  return `octohook: this is Node.js ${found}; octohook needs Node.js ${range}. Get it from https://nodejs.org/\n`;
}

/** Stops the process with exit 2 when the running Node.js is not supported. */
export function requireSupportedNode(): void {
  const message = unsupportedNodeMessage(process.versions.node);
  if (message === undefined) return;
  process.stderr.write(message);
  process.exit(2);
}
