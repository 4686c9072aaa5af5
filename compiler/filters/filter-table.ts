// Filters as data: what each takes and gives, so the checker can prove a chain before
// anything runs. Each filter's run-time function is `$` + its name in ./filter-functions.js,
// whose source text the emitter copies into the compiled module.

/** Value kinds a filter can name; 'any' accepts everything. */
export type ValueKind = 'string' | 'number' | 'boolean' | 'any';

export interface FilterArg {
  kind: 'number' | 'integer' | 'any';
  /** For integers: the allowed range, inclusive. */
  min?: number;
  max?: number;
}

export interface FilterSpec {
  name: string;
  input: ValueKind;
  /** The output kind; 'input' means "whatever came in" (default keeps or replaces it). */
  output: ValueKind | 'input';
  args: FilterArg[];
  /** How many of `args` are required. */
  required: number;
  /** For messages: how it is written. */
  signature: string;
  doc: string;
}

function spec(s: FilterSpec): FilterSpec {
  return s;
}

export const filters: Readonly<Record<string, FilterSpec>> = {
  round: spec({
    name: 'round', input: 'number', output: 'number', args: [{ kind: 'integer', min: 0, max: 10 }], required: 0,
    signature: 'round(digits?)', doc: 'Rounds a number to `digits` decimals (default 0).',
  }),
  duration: spec({
    name: 'duration', input: 'number', output: 'string', args: [], required: 0,
    signature: 'duration', doc: 'Seconds as a readable duration: `45s`, `5m 07s`, `2h 05m`, `1d 3h`.',
  }),
  bytes: spec({
    name: 'bytes', input: 'number', output: 'string', args: [], required: 0,
    signature: 'bytes', doc: 'A byte count in decimal units: `242.0 kB`, `1.5 MB`.',
  }),
  upper: spec({
    name: 'upper', input: 'string', output: 'string', args: [], required: 0,
    signature: 'upper', doc: 'Upper-cases a string.',
  }),
  lower: spec({
    name: 'lower', input: 'string', output: 'string', args: [], required: 0,
    signature: 'lower', doc: 'Lower-cases a string.',
  }),
  default: spec({
    name: 'default', input: 'any', output: 'input', args: [{ kind: 'any' }], required: 1,
    signature: 'default(value)', doc: 'Uses `value` when the input is missing, null or empty.',
  }),
  json: spec({
    name: 'json', input: 'any', output: 'string', args: [], required: 0,
    signature: 'json', doc: 'The value as JSON text.',
  }),
  date: spec({
    name: 'date', input: 'number', output: 'string', args: [], required: 0,
    signature: 'date', doc: 'Epoch seconds as an ISO 8601 UTC time: `2026-11-28T02:11:55Z`.',
  }),
  truncate: spec({
    name: 'truncate', input: 'string', output: 'string', args: [{ kind: 'integer', min: 1, max: 100000 }], required: 1,
    signature: 'truncate(length)', doc: 'Cuts a string to `length` characters, ending with `…` when cut.',
  }),
};
