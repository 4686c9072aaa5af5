// Comparing JSON shapes: same field names and the same value kinds (null, boolean, number,
// string, array, object), recursively. Values themselves are not compared. An array matches
// when every element matches some element of the sample array (an empty array on either side
// matches any array, since it shows nothing about the elements).

export type JsonKind = 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object' | 'other';

export function kindOf(v: unknown): JsonKind {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  const t = typeof v;
  if (t === 'boolean' || t === 'number' || t === 'string' || t === 'object') return t;
  return 'other';
}

/** The differences between `actual` and one `sample`, as readable `path: problem` lines. */
export function shapeDiff(actual: unknown, sample: unknown, path = '$'): string[] {
  const ka = kindOf(actual);
  const ks = kindOf(sample);
  if (ka !== ks) return [`${path}: ${ka} where the capture has ${ks}`];
  if (ka === 'array') {
    const a = actual as unknown[];
    const s = sample as unknown[];
    if (!a.length || !s.length) return [];
    const out: string[] = [];
    a.forEach((el, i) => {
      const diffs = s.map((se) => shapeDiff(el, se, `${path}[${i}]`));
      if (!diffs.some((d) => d.length === 0)) out.push(...diffs.sort((x, y) => x.length - y.length)[0]);
    });
    return out;
  }
  if (ka === 'object') {
    const a = actual as Record<string, unknown>;
    const s = sample as Record<string, unknown>;
    const out: string[] = [];
    for (const k of Object.keys(s)) if (!(k in a)) out.push(`${path}.${k}: missing`);
    for (const k of Object.keys(a)) if (!(k in s)) out.push(`${path}.${k}: not in the capture`);
    for (const k of Object.keys(a)) if (k in s) out.push(...shapeDiff(a[k], s[k], `${path}.${k}`));
    return out;
  }
  return [];
}

/** Empty when `actual` has the shape of at least one sample; otherwise the closest sample's differences. */
export function shapeDiffAny(actual: unknown, samples: unknown[]): string[] {
  let best: string[] | undefined;
  for (const sample of samples) {
    const d = shapeDiff(actual, sample);
    if (!d.length) return [];
    if (!best || d.length < best.length) best = d;
  }
  return best ?? ['no sample to compare with'];
}
