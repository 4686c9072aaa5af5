// The checker's schema tables, generated at build time from schema/*.ts by
// scripts/gen-schema-tables.mjs. Import them from here, not from generated/ directly, so the
// location of the generated file stays one module's business.
export { schemaTables } from '../../generated/schema-tables.js';
export type { EventSchema, SchemaField, SchemaTables, SchemaType } from './schema-types.js';
