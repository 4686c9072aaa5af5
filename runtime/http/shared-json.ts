// JSON text of objects that never change once made — the printer's state, job and progress
// from one `current` or REST answer, an event's payload, a file's metadata — made once and
// reused by every hook (and, for the printer, every firing) that sends them. With several
// hooks on one event, encoding the same ~1.8 kB of printer data again for each was most of a
// request's cost. PrinterState and the REST answers replace these objects and never mutate
// them, so the object's identity is the key.
//
// One SharedJson per printer view (its four objects) and one per firing (payload and @meta),
// each a few entries found by identity, living as long as they do. (A WeakMap over every
// printer object, or a hidden property on each, were measured slower than encoding again:
// ephemerons for the garbage collector, runtime calls per object.) The first request
// embedding them is encoded natively in one call, as before, unless more are known to follow:
// splitting pays only when the text is reused, so a file with one hook costs what it did.
//
// `stringifyShared` is JSON.stringify for plain data (JSON-parsed objects and the render
// functions' literals): same text, same key order, same omissions. Anything else (a class
// instance, an object with toJSON) goes to JSON.stringify as it is.

export class SharedJson {
  private readonly objects: unknown[];
  private readonly texts: Array<string | undefined> = [];
  /**
   * More than one request embeds these objects: a request was encoded with them already, or
   * the firing has several hooks (the dispatcher sets it). Until then a request is encoded
   * natively in one call.
   */
  reuse = false;

  /** `objects`: values nobody mutates from now on (what is not an object is never looked up). */
  constructor(objects: unknown[] = []) {
    this.objects = objects;
  }

  /** Adds `value` — an object nobody mutates from now on — so its JSON text is made once. */
  share(value: unknown): void {
    if (typeof value === 'object' && value !== null && this.objects.indexOf(value) < 0) this.objects.push(value);
  }

  /** The JSON text of `value` when it is shared here (made on first use), else undefined. */
  textOf(value: object): string | undefined {
    const i = this.objects.indexOf(value);
    if (i < 0) return undefined;
    return (this.texts[i] ??= JSON.stringify(value));
  }
}

/** JSON.stringify(value), reusing the text of objects shared in `shared` wherever they appear. Throws where JSON.stringify throws. */
export function stringifyShared(value: unknown, shared: readonly SharedJson[]): string | undefined {
  if (typeof value !== 'object' || value === null || shared.every((s) => !s.reuse)) {
    for (const s of shared) s.reuse = true;
    return JSON.stringify(value);
  }
  return new Walk(shared).object(value);
}

class Walk {
  constructor(private readonly shared: readonly SharedJson[]) {}

  object(value: object): string | undefined {
    for (const s of this.shared) {
      const text = s.textOf(value);
      if (text !== undefined) return text;
    }
    if (Array.isArray(value)) {
      let out = '[';
      for (let i = 0; i < value.length; i++) out += (i > 0 ? ',' : '') + (this.member(value[i]) ?? 'null');
      return out + ']';
    }
    const proto = Object.getPrototypeOf(value);
    if ((proto !== Object.prototype && proto !== null) || typeof (value as { toJSON?: unknown }).toJSON === 'function') return JSON.stringify(value);
    let out = '{';
    let first = true;
    for (const key of Object.keys(value)) {
      const text = this.member((value as Record<string, unknown>)[key]);
      if (text === undefined) continue;
      out += (first ? '' : ',') + JSON.stringify(key) + ':' + text;
      first = false;
    }
    return out + '}';
  }

  /** A member's text; undefined for what JSON.stringify leaves out (undefined, functions, symbols). */
  private member(v: unknown): string | undefined {
    return typeof v === 'object' && v !== null ? this.object(v) : JSON.stringify(v);
  }
}
