// "Did you mean …?" for unknown roots, fields, triggers, filters and oauth names: the closest
// candidate by edit distance, or nothing when no candidate is reasonably close (a wrong
// suggestion is worse than none). Triggers and settings also have tables of what other tools
// call them (`PrintFinished`, `body`), which no edit distance would find.

/**
 * Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
 * neighbouring characters each cost 1 (so `fiel` → `file` is 1, not 2).
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  // Three rolling rows: the swap rule looks two rows back.
  let prev2 = new Array<number>(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let cur = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur[j] = d;
    }
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[b.length];
}

export interface DidYouMeanOptions {
  /**
   * The largest (case-insensitive) distance still worth suggesting. Default: 1 for names up to
   * 5 characters, 2 up to 8, then 3.
   */
  maxDistance?: number;
}

interface Scored {
  candidate: string;
  distance: number;
  prefix: boolean;
  exactCaseDistance: number;
}

function defaultMaxDistance(length: number): number {
  if (length <= 5) return 1;
  if (length <= 8) return 2;
  return 3;
}

function better(a: Scored, b: Scored): boolean {
  if (a.distance !== b.distance) return a.distance < b.distance;
  if (a.prefix !== b.prefix) return a.prefix;
  if (a.exactCaseDistance !== b.exactCaseDistance) return a.exactCaseDistance < b.exactCaseDistance;
  if (a.candidate.length !== b.candidate.length) return a.candidate.length < b.candidate.length;
  return a.candidate < b.candidate;
}

function score(input: string, candidate: string, maxDistance: number | undefined): Scored | undefined {
  const li = input.toLowerCase();
  const lc = candidate.toLowerCase();
  const distance = editDistance(li, lc);
  // A name that is the start of the other (`Dwell` for `Dwelling`, `percent` for
  // `percentCompleteMilestone`) is a likely meaning even when many characters are missing.
  const shorter = Math.min(li.length, lc.length);
  const prefix = shorter >= 3 && (lc.startsWith(li) || li.startsWith(lc));
  const limit = maxDistance ?? defaultMaxDistance(input.length);
  // Never suggest a name that is more different than alike (`zz` is not a typo of `z`).
  const close = distance <= limit && distance * 2 < Math.max(li.length, lc.length);
  if (!close && !prefix) return undefined;
  return { candidate, distance, prefix, exactCaseDistance: editDistance(input, candidate) };
}

/**
 * The candidate closest to `input`, or undefined when none is reasonably close. Case is
 * ignored for closeness (so `printdone` finds `PrintDone` first), and used only to break ties.
 */
export function didYouMean(input: string, candidates: Iterable<string>, options: DidYouMeanOptions = {}): string | undefined {
  if (input.length === 0) return undefined;
  let best: Scored | undefined;
  for (const c of candidates) {
    if (c.length === 0) continue;
    const s = score(input, c, options.maxDistance);
    if (s && (!best || better(s, best))) best = s;
  }
  return best?.candidate;
}

/** The close candidates, best first, at most `limit` of them (for a list of suggestions). */
export function closestCandidates(input: string, candidates: Iterable<string>, limit = 3, options: DidYouMeanOptions = {}): string[] {
  if (input.length === 0) return [];
  const scored: Scored[] = [];
  for (const c of new Set(candidates)) {
    if (c.length === 0) continue;
    const s = score(input, c, options.maxDistance);
    if (s) scored.push(s);
  }
  scored.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
  return scored.slice(0, limit).map((s) => s.candidate);
}

/** The name the checker uses: `didYouMean` with the default closeness. */
export function closestName(input: string, candidates: Iterable<string>): string | undefined {
  return didYouMean(input, candidates);
}

/** The key a synonym table is written in: lower case without `_`, `-`, `.` or spaces (`Print_Finished` → `printfinished`). */
export function synonymKey(name: string): string {
  return name.toLowerCase().replace(/[-_.\s]/g, '');
}

/**
 * The suggestion for a name other tools spell their own way: a candidate written the same but
 * for case and separators (`print_done` → `PrintDone`), else the synonym (`PrintFinished` →
 * `PrintDone`) when it is a candidate here, else the closest name.
 */
export function suggestWithSynonyms(input: string, candidates: Iterable<string>, synonyms: Readonly<Record<string, string>>): string | undefined {
  const list = [...candidates];
  const key = synonymKey(input);
  const same = list.find((c) => synonymKey(c) === key);
  if (same !== undefined) return same;
  const synonym = Object.prototype.hasOwnProperty.call(synonyms, key) ? synonyms[key] : undefined;
  if (synonym !== undefined && list.includes(synonym)) return synonym;
  return closestName(input, list);
}
