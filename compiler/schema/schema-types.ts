// The shape of the checker's schema tables. They are generated at build time
// (scripts/gen-schema-tables.mjs) from the TypeScript declarations in schema/, read
// through the TypeScript compiler API, into generated/schema-tables.ts.

export type SchemaType =
  | { kind: 'string' }
  | { kind: 'number' }
  | { kind: 'boolean' }
  | { kind: 'null' }
  | { kind: 'unknown' }
  | { kind: 'literal'; value: string | number | boolean }
  | { kind: 'object'; name?: string; fields: Record<string, SchemaField>; index?: SchemaType }
  | { kind: 'array'; element: SchemaType }
  /** Members in declaration order; null stays a member. A union of no members is `never`. */
  | { kind: 'union'; types: SchemaType[] }
  /** A named interface or alias, resolved through `SchemaTables.types`. */
  | { kind: 'ref'; name: string };

export interface SchemaField {
  type: SchemaType;
  optional: boolean;
  /** The declaration's JSDoc text, for hovers and completions. */
  doc?: string;
  /** The OctoPrint version that introduced the field, from a `@since` JSDoc tag. */
  since?: string;
  /** What a number counts, from a `@unit` JSDoc tag: durations and byte sizes in conditions compare only with their kind. */
  unit?: SchemaUnit;
}

export type SchemaUnit = 'seconds' | 'bytes';

export interface EventSchema {
  /** The OctoPrint wire name (`PrintDone`, `Dwelling`, `EStop`, `plugin_…`). */
  name: string;
  /** The `payload` of the event message, which becomes `@extra`. */
  payload: SchemaType;
  doc?: string;
  /** The OctoPrint version that introduced the event, from a `@since` JSDoc tag. */
  since?: string;
  /**
   * True for the triggers octohook synthesizes itself (`UserActionNeeded`, `Progress`, declared
   * in `SynthesizedTriggerPayloads`); absent for events OctoPrint sends on the wire.
   */
  synthesized?: boolean;
}

export interface SchemaTables {
  /** Named types (interfaces and aliases) referenced by `ref`. */
  types: Record<string, SchemaType>;
  /** Every OctoPrint event by wire name, plus the trigger-only events `UserActionNeeded` and `Progress`. */
  events: Record<string, EventSchema>;
  /**
   * The parameter roots (`job`, `progress`, `deviceIdentifier`…) from the HookParameters
   * declaration. `extra` is listed with type `unknown`: its real type is the payload of the
   * trigger's event. `env` and the oauth names are handled by the checker itself.
   */
  roots: Record<string, SchemaField>;
  /** The JSDoc text of each named type in `types`, for hovers. */
  typeDocs?: Record<string, string>;
}
