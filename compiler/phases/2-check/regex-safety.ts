// Whether a `matches` pattern can backtrack catastrophically. A check, not a proof: it refuses
// the shapes that make backtracking engines exponential (a repeated group that itself repeats
// or chooses between alternatives, `(a+)+`, `(a|ab)*`; back-references) and more than two
// unbounded repetitions, which make the time a high power of the text's length. The
// run time also cuts the text it tests to a bounded length (render-helpers.js `$m`), so what
// passes here stays fast.

/** The reason the pattern is refused, or undefined when it is safe enough. */
export function unsafeRegexReason(pattern: string): string | undefined {
  interface Group {
    repeats: boolean;
    alternates: boolean;
  }
  const stack: Group[] = [{ repeats: false, alternates: false }];
  let unbounded = 0;
  let i = 0;
  const n = pattern.length;
  const quantifierAt = (j: number): { unbounded: boolean; repeats: boolean; end: number } | undefined => {
    const c = pattern[j];
    if (c === '*' || c === '+') return { unbounded: true, repeats: true, end: j + 1 };
    if (c === '?') return { unbounded: false, repeats: false, end: j + 1 };
    if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(j, j + 24));
      if (!m) return undefined;
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      // A fixed count (`\d{2}`) matches one way only; only a variable one can be tried in many.
      return { unbounded: max === Infinity, repeats: max > min, end: j + m[0].length };
    }
    return undefined;
  };
  while (i < n) {
    const c = pattern[i];
    let atomEnd = i + 1;
    let closed: Group | undefined;
    if (c === '\\') {
      if (/[1-9k]/.test(pattern[i + 1] ?? '')) return 'a back-reference';
      atomEnd = i + 2;
    } else if (c === '[') {
      let j = i + 1;
      if (pattern[j] === '^') j++;
      if (pattern[j] === ']') j++;
      while (j < n && pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1;
      atomEnd = j + 1;
    } else if (c === '(') {
      stack.push({ repeats: false, alternates: false });
      i = pattern[i + 1] === '?' ? i + 2 : i + 1;
      continue;
    } else if (c === ')') {
      closed = stack.length > 1 ? stack.pop() : undefined;
    } else if (c === '|') {
      stack[stack.length - 1].alternates = true;
    }
    const q = quantifierAt(atomEnd);
    if (q) {
      if (closed && q.repeats && closed.repeats) return 'a repeated group that repeats inside';
      if (closed && q.repeats && closed.alternates) return 'a repeated choice between alternatives';
      if (q.unbounded && ++unbounded > 2) return 'more than two unbounded repetitions';
      if (q.repeats) for (const g of stack) g.repeats = true;
      i = q.end;
      if (pattern[i] === '?') i++;
    } else {
      i = atomEnd;
    }
    // A group that contained a repetition makes its enclosing groups contain one too.
    if (closed?.repeats) for (const g of stack) g.repeats = true;
  }
  return undefined;
}
