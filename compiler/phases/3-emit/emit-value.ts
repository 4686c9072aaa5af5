// Compiles values into JavaScript expressions over the render context `c`. Three modes:
// `typed` keeps a whole parameter's type (JSON bodies), `text` makes everything a string
// (headers, messages), `url` percent-encodes inserted values except `@env` ones, which are
// configuration and may hold path pieces such as a Discord webhook's `id/token`.
import type { ObjectEntry, ParamNode, StringNode, Value } from '../../../grammar/ast.js';
import { entryKey } from '../../../grammar/entry-key.js';
import { filters } from '../../filters/filter-table.js';
import { jsKey, jsString } from './js-literal.js';

export type Mode = 'typed' | 'text' | 'url';

export class ValueEmitter {
  /** Names of the render helpers and filter functions the module must carry. */
  readonly helpers = new Set<string>();
  /** `@env` names read without a `default` filter since the last takeNeededEnv(). */
  private readonly neededEnv = new Set<string>();

  /**
   * The `@env` names the code emitted since the last call reads without a `default` filter
   * (anywhere in its chain): the run time refuses to start while one of them is unset or
   * empty. A `default` makes the variable optional.
   */
  takeNeededEnv(): string[] {
    const names = [...this.neededEnv].sort();
    this.neededEnv.clear();
    return names;
  }

  /**
   * Emits with `f`; the `@env` names read there count as needed only when `used`. A hook
   * renders its device, secret and messages whether or not it reads them, and one that never
   * says `@apiSecret` must not need the secret's variable.
   */
  readsIf(used: boolean, f: () => string): string {
    const before = new Set(this.neededEnv);
    const code = f();
    if (!used) for (const name of [...this.neededEnv]) if (!before.has(name)) this.neededEnv.delete(name);
    return code;
  }

  param(p: ParamNode): string {
    const [root, ...rest] = p.segments;
    this.helpers.add('$g');
    if (root.name === 'env' && rest[0] && !p.filters.some((f) => f.name === 'default')) this.neededEnv.add(rest[0].name);
    let expr = root.name === 'env' ? `$g(c.env, ${jsString(rest[0]?.name ?? '')})` : `c[${jsString(root.name)}]`;
    if (root.name !== 'env') for (const seg of rest) expr = `$g(${expr}, ${jsString(seg.name)})`;
    for (const f of p.filters) {
      const spec = filters[f.name];
      if (!spec) continue;
      this.helpers.add('$' + spec.name);
      const args = f.args.map((a) => this.literal(a));
      expr = `$${spec.name}(${[expr, ...args].join(', ')})`;
    }
    return expr;
  }

  private wrap(p: ParamNode, mode: Mode): string {
    const helper = mode === 'typed' ? '$v' : mode === 'url' && p.segments[0]?.name !== 'env' ? '$u' : '$t';
    this.helpers.add(helper);
    return `${helper}(${this.param(p)})`;
  }

  template(s: StringNode, mode: Mode): string {
    if (s.parts.length === 0) return '""';
    if (s.parts.length === 1 && s.parts[0].kind === 'Param') return this.wrap(s.parts[0], mode);
    const pieces = s.parts.map((part) =>
      part.kind === 'Text' ? jsString(part.text) : this.wrap(part, mode === 'url' ? 'url' : 'text'),
    );
    // A leading literal keeps `+` a string concatenation even when the first param is a number.
    if (s.parts[0].kind !== 'Text') pieces.unshift('""');
    return pieces.join(' + ');
  }

  value(v: Value | undefined, mode: Mode): string {
    if (!v) return '""';
    switch (v.kind) {
      case 'String':
        return this.template(v, mode);
      case 'Param':
        return this.wrap(v, mode);
      case 'Object':
        return this.object(v.entries, mode === 'url' ? 'text' : mode);
      case 'Array':
        return `[${v.elements.map((e) => this.value(e, mode === 'url' ? 'text' : mode)).join(', ')}]`;
      default: {
        const lit = this.literal(v);
        return mode === 'typed' ? lit : jsString(literalText(v));
      }
    }
  }

  /** An object literal from entries (data, headers, nested objects); entries without a value are left out. */
  object(entries: readonly ObjectEntry[], mode: Mode): string {
    return `{ ${entries.filter((e) => e.value).map((e) => `${jsKey(entryKey(e))}: ${this.value(e.value, mode)}`).join(', ')} }`;
  }

  literal(v: Value): string {
    switch (v.kind) {
      case 'Number':
        return Number.isFinite(v.value) ? JSON.stringify(v.value) : String(v.value);
      case 'Boolean':
        return v.value ? 'true' : 'false';
      case 'Null':
        return 'null';
      case 'String':
        return jsString(v.value);
      case 'Duration':
        return JSON.stringify(v.ms);
      default:
        return jsString(literalText(v));
    }
  }
}

function literalText(v: Value): string {
  switch (v.kind) {
    case 'Number': return String(v.value);
    case 'Boolean': return String(v.value);
    case 'Null': return 'null';
    case 'Word': return v.name;
    case 'Duration': return v.raw;
    case 'Size': return `${v.width}x${v.height}`;
    case 'String': return v.value;
    default: return '';
  }
}
