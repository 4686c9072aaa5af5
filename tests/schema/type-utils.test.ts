// type-utils over small hand-written tables, so each rule is visible in the test.
import { test } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import type { SchemaTables, SchemaType } from '../../compiler/schema/schema-types.js';
import {
  acceptsAnyField,
  fieldNames,
  fieldOf,
  formatMismatches,
  isNullable,
  kindsOf,
  lookupPath,
  mayBe,
  mustBe,
  resolveType,
  rootTypeFor,
  typeToString,
  unionMembers,
  valueConforms,
  withoutNull,
} from '../../compiler/schema/type-utils.js';

const S: SchemaType = { kind: 'string' };
const N: SchemaType = { kind: 'number' };
const NULL: SchemaType = { kind: 'null' };
const ref = (name: string): SchemaType => ({ kind: 'ref', name });
const lit = (value: string | number | boolean): SchemaType => ({ kind: 'literal', value });
const union = (...types: SchemaType[]): SchemaType => ({ kind: 'union', types });

const tables: SchemaTables = {
  types: {
    File: {
      kind: 'object',
      name: 'File',
      fields: {
        name: { type: union(S, NULL), optional: false, doc: 'The file name.' },
        size: { type: N, optional: true, doc: 'Bytes.', since: '1.4.0' },
      },
    },
    Job: {
      kind: 'object',
      name: 'Job',
      fields: {
        file: { type: ref('File'), optional: false },
        filament: { type: union(ref('ByTool'), NULL), optional: false },
        tags: { type: { kind: 'array', element: union(S, N) }, optional: false },
      },
    },
    ByTool: { kind: 'object', name: 'ByTool', fields: {}, index: N },
    Cancelled: {
      kind: 'object',
      name: 'Cancelled',
      fields: { reason: { type: lit('cancelled'), optional: false }, progress: { type: N, optional: true, doc: 'Whole percent.' } },
    },
    Failed: {
      kind: 'object',
      name: 'Failed',
      fields: {
        reason: { type: lit('error'), optional: false },
        progress: { type: N, optional: false, doc: 'Fraction 0..1.' },
        error: { type: S, optional: false },
      },
    },
    Outcome: union(ref('Cancelled'), ref('Failed')),
    Loop: ref('Loop'),
  },
  events: {
    Done: { name: 'Done', payload: ref('Job') },
    Home: { name: 'Home', payload: NULL },
  },
  roots: {
    job: { type: union(ref('Job'), NULL), optional: false },
    extra: { type: { kind: 'unknown' }, optional: false },
  },
};

test('resolveType follows refs, and a dangling ref or an alias cycle resolves to unknown', () => {
  assert.is(resolveType(ref('File'), tables).kind, 'object');
  assert.equal(resolveType(ref('Nope'), tables), { kind: 'unknown' });
  assert.equal(resolveType(ref('Loop'), tables), { kind: 'unknown' });
  assert.equal(resolveType(S, tables), S);
});

test('unionMembers flattens nested unions through refs', () => {
  const members = unionMembers(union(ref('Outcome'), NULL), tables);
  assert.equal(members.map((m) => (m.kind === 'object' ? m.name : m.kind)), ['Cancelled', 'Failed', 'null']);
});

test('fieldOf: declared field, always present', () => {
  const f = fieldOf(ref('File'), 'name', tables);
  assert.ok(f);
  assert.is(f.presence, 'always');
  assert.is(f.doc, 'The file name.');
  assert.is(f.containerNullable, false);
  assert.is(typeToString(f.type), 'string | null');
});

test('fieldOf: optional field is sometimes, with since', () => {
  const f = fieldOf(ref('File'), 'size', tables);
  assert.is(f?.presence, 'sometimes');
  assert.is(f?.since, '1.4.0');
});

test('fieldOf: X | null still has X’s fields, flagged containerNullable', () => {
  const f = fieldOf(tables.roots.job.type, 'file', tables);
  assert.ok(f);
  assert.is(f.presence, 'always');
  assert.is(f.containerNullable, true);
  assert.equal(f.type, ref('File'));
});

test('fieldOf: index signatures give any name, sometimes', () => {
  const f = fieldOf(ref('ByTool'), 'tool0', tables);
  assert.ok(f);
  assert.is(f.presence, 'sometimes');
  assert.is(f.fromIndex, true);
  assert.equal(f.type, N);
  const through = fieldOf(union(ref('ByTool'), NULL), 'tool1', tables);
  assert.ok(through?.containerNullable);
});

test('fieldOf: fields of some union members are sometimes; types and docs are merged', () => {
  const progress = fieldOf(ref('Outcome'), 'progress', tables);
  assert.ok(progress);
  assert.is(progress.presence, 'sometimes'); // optional in Cancelled
  assert.is(progress.doc, 'Whole percent.\n\nFraction 0..1.');
  const error = fieldOf(ref('Outcome'), 'error', tables);
  assert.is(error?.presence, 'sometimes'); // only in Failed
  const reason = fieldOf(ref('Outcome'), 'reason', tables);
  assert.is(reason?.presence, 'always');
  assert.is(typeToString(reason!.type), '"cancelled" | "error"');
});

test('fieldOf: unknown gives an unknown field; primitives, non-number array names and missing names give undefined', () => {
  const u = fieldOf({ kind: 'unknown' }, 'anything', tables);
  assert.ok(u?.unknown);
  assert.is(u?.presence, 'sometimes');
  assert.is(fieldOf(S, 'length', tables), undefined);
  assert.is(fieldOf({ kind: 'array', element: S }, 'first', tables), undefined);
  // a whole number indexes a list; the list may be shorter, so the element is there sometimes
  const el = fieldOf({ kind: 'array', element: S }, '0', tables);
  assert.equal(el?.type, S);
  assert.is(el?.presence, 'sometimes');
  assert.is(fieldOf(ref('File'), 'nmae', tables), undefined);
  assert.is(fieldOf(NULL, 'x', tables), undefined);
  // inherited Object.prototype names are not fields
  assert.is(fieldOf(ref('File'), 'toString', tables), undefined);
  assert.is(fieldOf(ref('File'), 'constructor', tables), undefined);
});

test('fieldNames: declared names across union members, sorted; index adds none', () => {
  assert.equal(fieldNames(ref('Outcome'), tables), ['error', 'progress', 'reason']);
  assert.equal(fieldNames(union(ref('File'), NULL), tables), ['name', 'size']);
  assert.equal(fieldNames(ref('ByTool'), tables), []);
  assert.equal(fieldNames(S, tables), []);
  assert.ok(acceptsAnyField(ref('ByTool'), tables));
  assert.not.ok(acceptsAnyField(ref('File'), tables));
});

test('lookupPath: presence and nullability accumulate; failure says where and offers names', () => {
  const ok = lookupPath(tables.roots.job.type, ['file', 'name'], tables);
  assert.ok(ok.ok);
  if (ok.ok) {
    assert.is(ok.presence, 'always');
    assert.is(ok.nullableOnTheWay, true);
    assert.is(ok.doc, 'The file name.');
  }
  const tool = lookupPath(tables.roots.job.type, ['filament', 'tool0'], tables);
  assert.ok(tool.ok && tool.presence === 'sometimes');
  const bad = lookupPath(tables.roots.job.type, ['file', 'nmae'], tables);
  assert.equal(bad.ok, false);
  if (!bad.ok) {
    assert.is(bad.failedAt, 1);
    assert.equal(bad.candidates, ['name', 'size']);
  }
  const empty = lookupPath(S, [], tables);
  assert.ok(empty.ok && empty.type === S);
});

test('rootTypeFor: extra is the trigger payload; other roots from roots', () => {
  assert.equal(rootTypeFor('extra', 'Done', tables), ref('Job'));
  assert.equal(rootTypeFor('extra', 'Home', tables), NULL);
  assert.is(rootTypeFor('extra', 'Nope', tables), undefined);
  assert.equal(rootTypeFor('job', 'Done', tables), tables.roots.job.type);
  assert.is(rootTypeFor('env', 'Done', tables), undefined);
});

test('typeToString reads like TypeScript', () => {
  assert.is(typeToString(union(S, NULL)), 'string | null');
  assert.is(typeToString(ref('Job')), 'Job');
  assert.is(typeToString(union(lit('local'), lit('sdcard'))), '"local" | "sdcard"');
  assert.is(typeToString({ kind: 'array', element: union(S, N) }), '(string | number)[]');
  assert.is(typeToString({ kind: 'array', element: ref('File') }), 'File[]');
  assert.is(typeToString({ kind: 'object', fields: {}, index: N }), '{ [key: string]: number }');
  assert.is(
    typeToString({ kind: 'object', fields: { a: { type: S, optional: false }, 'b-c': { type: N, optional: true } } }),
    '{ a: string; "b-c"?: number }',
  );
  assert.is(typeToString({ kind: 'object', name: 'File', fields: {} }), 'File');
  assert.is(typeToString({ kind: 'union', types: [] }), 'never');
  assert.is(typeToString(lit(-1)), '-1');
  assert.is(typeToString({ kind: 'unknown' }), 'unknown');
});

test('kindsOf / mayBe / mustBe for the filter checker', () => {
  const nullableNumber = union(N, NULL);
  assert.ok(mayBe(nullableNumber, 'number', tables));
  assert.ok(mayBe(nullableNumber, 'null', tables));
  assert.not.ok(mayBe(nullableNumber, 'string', tables));
  assert.ok(mayBe(ref('Job'), 'object', tables));
  assert.ok(mayBe(lit('x'), 'string', tables));
  assert.ok(mayBe({ kind: 'array', element: S }, 'array', tables));
  assert.equal([...kindsOf({ kind: 'unknown' }, tables)].sort(), ['array', 'boolean', 'null', 'number', 'object', 'string']);
  assert.equal([...kindsOf({ kind: 'union', types: [] }, tables)], []);
  assert.ok(mustBe(union(N, lit(3)), ['number'], tables));
  assert.not.ok(mustBe(nullableNumber, ['number'], tables));
  assert.not.ok(mustBe({ kind: 'unknown' }, ['number'], tables));
  assert.ok(isNullable(tables.roots.job.type, tables));
  assert.not.ok(isNullable(ref('File'), tables));
});

test('withoutNull drops null members, through refs', () => {
  assert.equal(withoutNull(union(S, NULL), tables), S);
  assert.equal(withoutNull(union(ref('ByTool'), NULL, N), tables), union(ref('ByTool'), N));
  assert.equal(withoutNull(S, tables), S);
  assert.equal(withoutNull(NULL, tables), { kind: 'union', types: [] });
});

test('valueConforms: a conforming value gives no mismatches', () => {
  const job = { file: { name: null }, filament: { tool0: 1.5 }, tags: ['a', 2] };
  assert.equal(valueConforms(job, ref('Job'), tables), []);
  assert.equal(valueConforms(null, tables.roots.job.type, tables), []);
  assert.equal(valueConforms({ anything: [1, { x: null }] }, { kind: 'unknown' }, tables), []);
});

test('valueConforms: missing, wrong type, unexpected, each with a path', () => {
  const job = { file: { name: 3, size: 'big' }, filament: { tool0: 'x' }, tags: [true], extra: 1 };
  const found = valueConforms(job, ref('Job'), tables);
  assert.equal(
    found.map((m) => `${m.path} ${m.problem}`),
    ['file.name type', 'file.size type', 'filament.tool0 type', 'tags[0] type', 'extra unexpected'],
  );
  const missing = valueConforms({ file: {}, filament: null, tags: [] }, ref('Job'), tables);
  assert.equal(missing, [{ path: 'file.name', problem: 'missing', expected: 'string | null', actual: 'absent' }]);
  assert.equal(valueConforms({ file: {}, filament: null, tags: [], extra: 1 }, ref('Job'), tables, { allowExtraFields: true }).length, 1);
  const prefixed = valueConforms('x', N, tables, { path: 'current.currentZ' });
  assert.equal(prefixed, [{ path: 'current.currentZ', problem: 'type', expected: 'number', actual: '"x"' }]);
  assert.match(formatMismatches(found), /file\.name: expected string \| null, got 3/);
  assert.match(formatMismatches(missing), /file\.name: missing/);
});

test('valueConforms: unions report against the member whose discriminant matches', () => {
  const m = valueConforms({ reason: 'error', progress: 0.2 }, ref('Outcome'), tables);
  assert.equal(m.map((x) => `${x.path} ${x.problem}`), ['error missing']);
  const c = valueConforms({ reason: 'cancelled', progress: 'x' }, ref('Outcome'), tables);
  assert.equal(c.map((x) => `${x.path} ${x.problem}`), ['progress type']);
  const wrongKind = valueConforms('text', ref('Outcome'), tables);
  assert.equal(wrongKind, [{ path: '', problem: 'type', expected: 'Outcome', actual: '"text"' }]);
  assert.equal(valueConforms(1, { kind: 'union', types: [] }, tables).length, 1);
});

test('valueConforms: literals compare exactly; odd keys are quoted in paths', () => {
  assert.equal(valueConforms('local', lit('local'), tables), []);
  assert.is(valueConforms('Local', lit('local'), tables).length, 1);
  const odd = valueConforms({ 'a b': 1 }, { kind: 'object', fields: {}, index: S }, tables);
  assert.equal(odd.map((m) => m.path), ['["a b"]']);
});

test.run();
