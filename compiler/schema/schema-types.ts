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
  | { kind: 'union'; types: SchemaType[] }
  /** A named interface or alias, resolved through `SchemaTables.types`. */
  | { kind: 'ref'; name: string };

export interface SchemaField {
  type: SchemaType;
  optional: boolean;
  /** The declaration's JSDoc text, for hovers and completions. */
  doc?: string;
}

export interface EventSchema {
  /** The OctoPrint wire name (`PrintDone`, `Dwelling`, `EStop`, `plugin_…`). */
  name: string;
  /** The `payload` of the event message, which becomes `@extra`. */
  payload: SchemaType;
  doc?: string;
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
}
