// scripts/gen-schema-tables.mjs on small schemas in a temporary folder: how each TypeScript
// form becomes a table entry, the hash-based skip, and the refusals (runtime code, missing
// JSDoc). Each generation builds a TypeScript program, so the cases are grouped.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { schemaTables } from '../../compiler/schema/tables.js';
import { loadGenerator, parseGeneratedTables, projectRoot } from './support.js';

const gen = await loadGenerator();

const MAPS = `
import type { Thing } from './things.js';
/** Events. */
export interface OctoPrintEventPayloads {
  /** A thing happened. @since 1.2.3 */
  ThingHappened: Thing;
  /** Nothing to say. */
  Quiet: null;
}
/** Synthesized. */
export interface SynthesizedTriggerPayloads {
  /** Made up. */
  MadeUp: {
    /** How much. */
    amount: number;
  };
}
/** Roots. */
export interface HookParameters {
  /** The thing. */
  thing: Thing | null;
  /** Anything. */
  extra: unknown;
}
`;

const THINGS = `
/** Where it lives. */
export type Place = 'here' | 'there';
/** A base. */
export interface Base {
  /** The id. */
  id: string;
}
/** Per-tool numbers. */
export type PerTool = Record<string, number>;
/** A thing. */
export interface Thing extends Base {
  /** Where, or null. */
  place: Place | null;
  /** Optional count. */
  count?: number;
  /** Optional via undefined. */
  maybe: string | undefined;
  /** Flags. */
  flags: boolean[];
  /** Exactly true. */
  marker?: true;
  /** Minus one or more. */
  level: -1 | 1;
  /** Tools. */
  tools: PerTool;
  /** Nested, anonymous. */
  nested: {
    /** Deep. */
    deep: Array<Place>;
  };
  /** Sample with an index. */
  sample: Sample;
  /** Self reference. */
  parent?: Thing;
}
/** time plus heaters. */
export type Sample = {
  /** When. */
  time: number;
} & Record<string, Heat>;
/** A heater. */
export interface Heat {
  /** Degrees. */
  actual: number | null;
}
`;

function makeRoot(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'octohook-schema-'));
  mkdirSync(join(root, 'schema'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, 'schema', name), text);
  return root;
}

test('translates interfaces, aliases, unions, literals, Record, intersections, extends and docs', () => {
  const root = makeRoot({ 'maps.ts': MAPS, 'things.ts': THINGS });
  try {
    const result = gen.generateSchemaTables(root);
    assert.is(result.skipped, false);
    const text = readFileSync(result.outFile, 'utf8');
    assert.match(text, /^\/\/ GENERATED/);
    assert.match(text, /import type \{ SchemaTables \} from '\.\.\/compiler\/schema\/schema-types\.js';/);
    const t = parseGeneratedTables(text);

    const thing = t.types.Thing;
    assert.is(thing.kind, 'object');
    if (thing.kind !== 'object') return;
    assert.is(thing.name, 'Thing');
    assert.equal(thing.fields.id, { type: { kind: 'string' }, optional: false, doc: 'The id.' });
    assert.equal(thing.fields.place.type, { kind: 'union', types: [{ kind: 'ref', name: 'Place' }, { kind: 'null' }] });
    assert.is(thing.fields.count.optional, true);
    assert.is(thing.fields.maybe.optional, true);
    assert.equal(thing.fields.maybe.type, { kind: 'string' });
    assert.equal(thing.fields.flags.type, { kind: 'array', element: { kind: 'boolean' } });
    assert.equal(thing.fields.marker.type, { kind: 'literal', value: true });
    assert.equal(thing.fields.level.type, { kind: 'union', types: [{ kind: 'literal', value: -1 }, { kind: 'literal', value: 1 }] });
    assert.equal(thing.fields.tools.type, { kind: 'ref', name: 'PerTool' });
    assert.equal(thing.fields.parent.type, { kind: 'ref', name: 'Thing' });
    const nested = thing.fields.nested.type;
    assert.ok(nested.kind === 'object' && !nested.name);
    if (nested.kind === 'object') {
      assert.equal(nested.fields.deep.type, { kind: 'array', element: { kind: 'ref', name: 'Place' } });
      assert.is(nested.fields.deep.doc, 'Deep.');
    }

    assert.equal(t.types.Place, { kind: 'union', types: [{ kind: 'literal', value: 'here' }, { kind: 'literal', value: 'there' }] });
    assert.equal(t.types.PerTool, { kind: 'object', name: 'PerTool', fields: {}, index: { kind: 'number' } });
    const sample = t.types.Sample;
    assert.ok(sample.kind === 'object');
    if (sample.kind === 'object') {
      assert.equal(Object.keys(sample.fields), ['time']);
      assert.equal(sample.index, { kind: 'ref', name: 'Heat' });
    }
    assert.is(t.typeDocs?.Thing, 'A thing.');

    assert.equal(Object.keys(t.events).sort(), ['MadeUp', 'Quiet', 'ThingHappened']);
    assert.equal(t.events.ThingHappened, { name: 'ThingHappened', payload: { kind: 'ref', name: 'Thing' }, doc: 'A thing happened.', since: '1.2.3' });
    assert.equal(t.events.Quiet.payload, { kind: 'null' });
    assert.is(t.events.MadeUp.synthesized, true);
    assert.is(t.events.Quiet.synthesized, undefined);
    assert.equal(Object.keys(t.roots).sort(), ['extra', 'thing']);
    assert.equal(t.roots.extra.type, { kind: 'unknown' });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('skips when the inputs are unchanged, regenerates when a schema file changes, writes atomically', () => {
  const root = makeRoot({ 'maps.ts': MAPS, 'things.ts': THINGS });
  try {
    const first = gen.generateSchemaTables(root);
    const text1 = readFileSync(first.outFile, 'utf8');
    const again = gen.generateSchemaTables(root);
    assert.is(again.skipped, true);
    assert.is(again.hash, first.hash);
    assert.ok(again.ms < 200, `skip took ${again.ms} ms`);
    assert.is(readFileSync(first.outFile, 'utf8'), text1);

    const forced = gen.generateSchemaTables(root, { force: true });
    assert.is(forced.skipped, false);
    assert.is(readFileSync(first.outFile, 'utf8'), text1, 'same input, same bytes');

    writeFileSync(join(root, 'schema', 'things.ts'), THINGS.replace('/** The id. */', '/** The identifier. */'));
    const changed = gen.generateSchemaTables(root);
    assert.is(changed.skipped, false);
    assert.is.not(changed.hash, first.hash);
    assert.match(readFileSync(first.outFile, 'utf8'), /The identifier\./);
    assert.equal(readdirSync(join(root, 'generated')), ['schema-tables.ts'], 'no temporary files left');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('refuses runtime code, value imports, unexported and undocumented declarations, listing each', () => {
  const bad = `
import { Thing } from './things.js';
export const oops = 1;
/** Fine. */
export interface Ok {
  /** Documented. */
  a: Thing;
  b: string;
}
interface Hidden {
  /** x */
  x: number;
}
export interface NoDoc {
  /** y */
  y: number;
}
`;
  const root = makeRoot({ 'maps.ts': MAPS, 'things.ts': THINGS, 'bad.ts': bad });
  try {
    let message = '';
    try {
      gen.buildSchemaTables(root);
    } catch (err) {
      message = (err as Error).message;
    }
    assert.match(message, /schema\/bad\.ts:2:1: imports in schema\/ must be `import type`/);
    assert.match(message, /schema\/bad\.ts:3:1: schema\/ holds types only \(found `export const oops = 1;`\)/);
    assert.match(message, /Hidden must be exported/);
    assert.match(message, /field `b` of Ok has no JSDoc/);
    assert.match(message, /NoDoc has no JSDoc/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('refuses a schema that does not type-check', () => {
  const root = makeRoot({ 'maps.ts': MAPS, 'things.ts': THINGS.replace('id: string;', 'id: Strnig;') });
  try {
    assert.throws(() => gen.buildSchemaTables(root), /does not type-check[\s\S]*Strnig/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('the project’s generated tables are current and reproducible', () => {
  const text = readFileSync(join(projectRoot, 'generated', 'schema-tables.ts'), 'utf8');
  assert.match(text, new RegExp(`inputs-hash: ${gen.schemaInputsHash(projectRoot)}`));
  const rebuilt = gen.buildSchemaTables(projectRoot);
  assert.equal(rebuilt, parseGeneratedTables(text));
  assert.equal(JSON.parse(JSON.stringify(schemaTables)), parseGeneratedTables(text));
});

test.run();
