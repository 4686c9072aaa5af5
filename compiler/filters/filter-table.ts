// Filters as data: what each takes and gives, so the checker can prove a chain before
// anything runs, and the emitter can find each run-time function.
import * as fns from './filter-functions.js';

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
  fn: (...args: never[]) => unknown;
}

function spec(s: FilterSpec): FilterSpec {
  return s;
}

export const filters: Readonly<Record<string, FilterSpec>> = {
  round: spec({
    name: 'round', input: 'number', output: 'number', args: [{ kind: 'integer', min: 0, max: 10 }], required: 0,
    signature: 'round(digits?)', doc: 'Rounds a number to `digits` decimals (default 0).', fn: fns.$round,
  }),
  duration: spec({
    name: 'duration', input: 'number', output: 'string', args: [], required: 0,
    signature: 'duration', doc: 'Seconds as a readable duration: `45s`, `5m 07s`, `2h 05m`, `1d 3h`.', fn: fns.$duration,
  }),
  bytes: spec({
    name: 'bytes', input: 'number', output: 'string', args: [], required: 0,
    signature: 'bytes', doc: 'A byte count in decimal units: `242.0 kB`, `1.5 MB`.', fn: fns.$bytes,
  }),
  upper: spec({
    name: 'upper', input: 'string', output: 'string', args: [], required: 0,
    signature: 'upper', doc: 'Upper-cases a string.', fn: fns.$upper,
  }),
  lower: spec({
    name: 'lower', input: 'string', output: 'string', args: [], required: 0,
    signature: 'lower', doc: 'Lower-cases a string.', fn: fns.$lower,
  }),
  default: spec({
    name: 'default', input: 'any', output: 'input', args: [{ kind: 'any' }], required: 1,
    signature: 'default(value)', doc: 'Uses `value` when the input is missing, null or empty.', fn: fns.$default,
  }),
  json: spec({
    name: 'json', input: 'any', output: 'string', args: [], required: 0,
    signature: 'json', doc: 'The value as JSON text.', fn: fns.$json,
  }),
  date: spec({
    name: 'date', input: 'number', output: 'string', args: [], required: 0,
    signature: 'date', doc: 'Epoch seconds as an ISO 8601 UTC time: `2026-11-28T02:11:55Z`.', fn: fns.$date,
  }),
  truncate: spec({
    name: 'truncate', input: 'string', output: 'string', args: [{ kind: 'integer', min: 1, max: 100000 }], required: 1,
    signature: 'truncate(length)', doc: 'Cuts a string to `length` characters, ending with `…` when cut.', fn: fns.$truncate,
  }),
};
