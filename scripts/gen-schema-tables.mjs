#!/usr/bin/env node
// Reads the TypeScript declarations in schema/ with the TypeScript compiler API and writes the
// checker's tables (type `SchemaTables`, compiler/schema/schema-types.ts) to
// generated/schema-tables.ts.
//
// - Named interfaces and aliases become entries of `types`, and every use of one is a `ref`
//   (so recursive or shared types never expand forever); unions keep null as a member; string
//   literal unions become literal members; `Record<string, X>` and index signatures become an
//   object's `index`; `A & B` merges fields.
// - `OctoPrintEventPayloads` and `SynthesizedTriggerPayloads` become `events`, `HookParameters`
//   becomes `roots`.
// - The schema must be types only, and every type and field must carry JSDoc: the generator
//   refuses anything else, because the docs are what hovers and completions show.
// - scripts/build.mjs calls this on every build, so it first hashes its inputs (the schema
//   files, this script and the TypeScript version) and does nothing when the hash recorded in
//   the output matches. The TypeScript compiler is loaded only when there is work to do.
//
// Run directly: `node scripts/gen-schema-tables.mjs [--force]` prints what it did and how long it took.
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, readdirSync, renameSync, writeFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HASH_MARK = '// inputs-hash: ';
const OUTPUT = join('generated', 'schema-tables.ts');
const EVENT_MAP = 'OctoPrintEventPayloads';
const SYNTHESIZED_MAP = 'SynthesizedTriggerPayloads';
const ROOTS = 'HookParameters';

const require = createRequire(import.meta.url);
const selfPath = fileURLToPath(import.meta.url);

function schemaFiles(root) {
  const dir = join(root, 'schema');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .sort()
    .map((f) => join(dir, f));
}

function typescriptVersion(root) {
  try {
    return JSON.parse(readFileSync(join(root, 'node_modules', 'typescript', 'package.json'), 'utf8')).version;
  } catch {
    return require('typescript/package.json').version;
  }
}

/** Hash of everything the output depends on. */
export function schemaInputsHash(root) {
  const h = createHash('sha256');
  h.update(`typescript ${typescriptVersion(root)}\n`);
  for (const file of [...schemaFiles(root), selfPath]) {
    h.update(`${relative(root, file)}\n`);
    h.update(readFileSync(file));
    h.update('\n');
  }
  return h.digest('hex');
}

function recordedHash(outFile) {
  if (!existsSync(outFile)) return undefined;
  const fd = openSync(outFile, 'r');
  try {
    const buf = Buffer.alloc(512);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const head = buf.subarray(0, n).toString('utf8');
    const at = head.indexOf(HASH_MARK);
    if (at < 0) return undefined;
    return head.slice(at + HASH_MARK.length).split('\n')[0].trim();
  } finally {
    closeSync(fd);
  }
}

/**
 * Generates generated/schema-tables.ts unless its recorded inputs hash is current.
 * @param {string} root the package root
 * @param {{ force?: boolean }} [options]
 * @returns {{ skipped: boolean, outFile: string, hash: string, ms: number }}
 */
export function generateSchemaTables(root, options = {}) {
  const started = performance.now();
  const outFile = join(root, OUTPUT);
  const hash = schemaInputsHash(root);
  if (!options.force && recordedHash(outFile) === hash) {
    return { skipped: true, outFile, hash, ms: performance.now() - started };
  }
  const tables = buildSchemaTables(root);
  const text = renderTables(tables, hash);
  mkdirSync(join(root, 'generated'), { recursive: true });
  // Written to a temporary file and renamed, so a build running at the same time never reads half a file.
  const tmp = `${outFile}.${process.pid}.${Date.now()}.tmp`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, outFile);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  return { skipped: false, outFile, hash, ms: performance.now() - started };
}

/** Reads schema/*.ts and returns the tables (a plain `SchemaTables` object). */
export function buildSchemaTables(root) {
  const ts = require('typescript');
  const files = schemaFiles(root);
  const program = ts.createProgram(files, {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    // lib.es5 holds Record and Array, all the schema uses; @types are not needed.
    lib: ['lib.es5.d.ts'],
    types: [],
    skipLibCheck: true,
  });
  const checker = program.getTypeChecker();
  const problems = [];
  const where = (node) => {
    const sf = node.getSourceFile();
    const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart());
    return `${relative(root, sf.fileName)}:${line + 1}:${character + 1}`;
  };

  const sources = files.map((f) => program.getSourceFile(f));
  const diagnostics = ts.getPreEmitDiagnostics(program).filter((d) => d.file && files.includes(d.file.fileName));
  if (diagnostics.length > 0) {
    const text = ts.formatDiagnostics(diagnostics, {
      getCanonicalFileName: (f) => f,
      getCurrentDirectory: () => root,
      getNewLine: () => '\n',
    });
    throw new Error(`schema/ does not type-check:\n${text}`);
  }

  // ---- the named declarations: every exported interface and type alias (generic ones are TypeScript-only helpers)
  /** @type {Map<string, import('typescript').InterfaceDeclaration | import('typescript').TypeAliasDeclaration>} */
  const declByName = new Map();
  const nameBySymbol = new Map();
  for (const sf of sources) {
    for (const st of sf.statements) {
      if (ts.isImportDeclaration(st)) {
        const clause = st.importClause;
        const typeOnly = clause && (clause.isTypeOnly || (clause.namedBindings && ts.isNamedImports(clause.namedBindings) && !clause.name && clause.namedBindings.elements.every((e) => e.isTypeOnly)));
        if (!typeOnly) problems.push(`${where(st)}: imports in schema/ must be \`import type\``);
        continue;
      }
      if (ts.isExportDeclaration(st) && st.isTypeOnly) continue;
      if (!ts.isInterfaceDeclaration(st) && !ts.isTypeAliasDeclaration(st)) {
        const text = st.getText().split('\n')[0].slice(0, 60);
        problems.push(`${where(st)}: schema/ holds types only (found \`${text}\`)`);
        continue;
      }
      const exported = st.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
      if (!exported) problems.push(`${where(st)}: ${st.name.text} must be exported`);
      if (st.typeParameters?.length) continue;
      const name = st.name.text;
      if (declByName.has(name)) problems.push(`${where(st)}: ${name} is declared twice in schema/`);
      declByName.set(name, st);
      nameBySymbol.set(checker.getSymbolAtLocation(st.name), name);
    }
  }

  const resolveAlias = (sym) => (sym && sym.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(sym) : sym);
  const namedRef = (sym) => {
    const name = sym && nameBySymbol.get(resolveAlias(sym));
    return name ? { kind: 'ref', name } : undefined;
  };

  function docOf(sym) {
    const comment = ts.displayPartsToString(sym.getDocumentationComment(checker)).trim();
    let since;
    let unit;
    const extra = [];
    for (const tag of sym.getJsDocTags(checker)) {
      const text = ts.displayPartsToString(tag.text ?? []).trim();
      if (tag.name === 'since') since = text;
      // What a number counts, so conditions compare durations and sizes only with their kind.
      else if (tag.name === 'unit' && (text === 'seconds' || text === 'bytes')) unit = text;
      // Not a real tag: an `@param` written inside the prose (`snap: @snapshot`), which the
      // JSDoc parser cut off as a tag. Put it back where it stood.
      else extra.push(`@${tag.name}${text && /^[A-Za-z0-9]/.test(text) ? ' ' : ''}${text}`);
    }
    const doc = [comment, ...extra].filter(Boolean).join(' ');
    return { doc: doc || undefined, since: since || undefined, unit };
  }

  const keyOf = (t) => JSON.stringify(t);
  function makeUnion(members) {
    const flat = [];
    const seen = new Set();
    for (const m of members) {
      for (const t of m.kind === 'union' && m.types.length > 0 ? m.types : [m]) {
        const k = keyOf(t);
        if (!seen.has(k)) {
          seen.add(k);
          flat.push(t);
        }
      }
    }
    // `true | false` is how TypeScript spells boolean.
    const hasTrue = flat.findIndex((t) => t.kind === 'literal' && t.value === true);
    const hasFalse = flat.findIndex((t) => t.kind === 'literal' && t.value === false);
    if (hasTrue >= 0 && hasFalse >= 0) {
      const at = Math.min(hasTrue, hasFalse);
      const rest = flat.filter((t) => !(t.kind === 'literal' && typeof t.value === 'boolean'));
      rest.splice(at, 0, { kind: 'boolean' });
      flat.splice(0, flat.length, ...rest);
    }
    return flat.length === 1 ? flat[0] : { kind: 'union', types: flat };
  }

  const isUndefinedNode = (n) => n.kind === ts.SyntaxKind.UndefinedKeyword;

  /** Translates a written type, keeping the names it uses. */
  function fromNode(node) {
    switch (node.kind) {
      case ts.SyntaxKind.ParenthesizedType:
        return fromNode(node.type);
      case ts.SyntaxKind.StringKeyword:
        return { kind: 'string' };
      case ts.SyntaxKind.NumberKeyword:
        return { kind: 'number' };
      case ts.SyntaxKind.BooleanKeyword:
        return { kind: 'boolean' };
      case ts.SyntaxKind.UnknownKeyword:
      case ts.SyntaxKind.AnyKeyword:
        return { kind: 'unknown' };
      case ts.SyntaxKind.NeverKeyword:
        return { kind: 'union', types: [] };
      case ts.SyntaxKind.LiteralType: {
        const lit = node.literal;
        if (lit.kind === ts.SyntaxKind.NullKeyword) return { kind: 'null' };
        if (lit.kind === ts.SyntaxKind.TrueKeyword) return { kind: 'literal', value: true };
        if (lit.kind === ts.SyntaxKind.FalseKeyword) return { kind: 'literal', value: false };
        if (ts.isStringLiteral(lit) || ts.isNoSubstitutionTemplateLiteral(lit)) return { kind: 'literal', value: lit.text };
        if (ts.isNumericLiteral(lit)) return { kind: 'literal', value: Number(lit.text) };
        if (ts.isPrefixUnaryExpression(lit) && lit.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(lit.operand)) {
          return { kind: 'literal', value: -Number(lit.operand.text) };
        }
        break;
      }
      case ts.SyntaxKind.UnionType:
        return makeUnion(node.types.filter((t) => !isUndefinedNode(t)).map(fromNode));
      case ts.SyntaxKind.ArrayType:
        return { kind: 'array', element: fromNode(node.elementType) };
      case ts.SyntaxKind.TypeOperator:
        if (node.operator === ts.SyntaxKind.ReadonlyKeyword) return fromNode(node.type);
        break;
      case ts.SyntaxKind.TypeReference: {
        const sym = resolveAlias(checker.getSymbolAtLocation(node.typeName));
        const ref = namedRef(sym);
        if (ref) return ref;
        const args = node.typeArguments ?? [];
        if (sym?.name === 'Record' && args.length === 2 && args[0].kind === ts.SyntaxKind.StringKeyword) {
          return { kind: 'object', fields: {}, index: fromNode(args[1]) };
        }
        if ((sym?.name === 'Array' || sym?.name === 'ReadonlyArray') && args.length === 1) {
          return { kind: 'array', element: fromNode(args[0]) };
        }
        break;
      }
      case ts.SyntaxKind.TypeLiteral:
      case ts.SyntaxKind.IntersectionType:
        return fromObjectType(checker.getTypeFromTypeNode(node), node);
      default:
        break;
    }
    return fromType(checker.getTypeFromTypeNode(node), node);
  }

  /** Translates a type the checker computed (for what the written form does not show directly). */
  function fromType(type, at) {
    if (type.aliasSymbol && !type.aliasTypeArguments) {
      const ref = namedRef(type.aliasSymbol);
      if (ref) return ref;
    }
    const f = type.flags;
    if (f & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return { kind: 'unknown' };
    if (f & ts.TypeFlags.Never) return { kind: 'union', types: [] };
    if (f & ts.TypeFlags.Null) return { kind: 'null' };
    if (f & ts.TypeFlags.StringLiteral) return { kind: 'literal', value: type.value };
    if (f & ts.TypeFlags.NumberLiteral) return { kind: 'literal', value: type.value };
    if (f & ts.TypeFlags.BooleanLiteral) return { kind: 'literal', value: type.intrinsicName === 'true' };
    if (f & ts.TypeFlags.String) return { kind: 'string' };
    if (f & ts.TypeFlags.Number) return { kind: 'number' };
    if (f & ts.TypeFlags.Boolean) return { kind: 'boolean' };
    if (f & ts.TypeFlags.Union) {
      // The checker orders members by internal id; put null last, as a person would write it.
      const members = type.types.filter((t) => !(t.flags & ts.TypeFlags.Undefined)).map((t) => fromType(t, at));
      return makeUnion([...members.filter((m) => m.kind !== 'null'), ...members.filter((m) => m.kind === 'null')]);
    }
    if (f & ts.TypeFlags.Object) {
      const ref = namedRef(type.symbol);
      if (ref) return ref;
      if (checker.isArrayType(type)) return { kind: 'array', element: fromType(checker.getTypeArguments(type)[0], at) };
      if (checker.isTupleType(type)) {
        return { kind: 'array', element: makeUnion(checker.getTypeArguments(type).map((t) => fromType(t, at))) };
      }
      return fromObjectType(type, at);
    }
    if (f & ts.TypeFlags.Intersection) return fromObjectType(type, at);
    problems.push(`${at ? where(at) : 'schema'}: cannot represent the type ${checker.typeToString(type)}`);
    return { kind: 'unknown' };
  }

  /** An object type: its properties (declared or inherited) and its string index signature. */
  function fromObjectType(type, at, name) {
    const fields = {};
    for (const prop of checker.getPropertiesOfType(type)) {
      const decl = prop.valueDeclaration ?? prop.declarations?.[0];
      let fieldType;
      let optional = (prop.flags & ts.SymbolFlags.Optional) !== 0;
      if (decl && (ts.isPropertySignature(decl) || ts.isPropertyDeclaration(decl)) && decl.type) {
        fieldType = fromNode(decl.type);
        if (ts.isUnionTypeNode(decl.type) && decl.type.types.some(isUndefinedNode)) optional = true;
      } else {
        fieldType = fromType(checker.getTypeOfSymbol(prop), decl ?? at);
      }
      const { doc, since, unit } = docOf(prop);
      if (!doc) problems.push(`${decl ? where(decl) : name ?? 'schema'}: field \`${prop.name}\`${name ? ` of ${name}` : ''} has no JSDoc`);
      const field = { type: fieldType, optional };
      if (doc) field.doc = doc;
      if (since) field.since = since;
      if (unit) field.unit = unit;
      fields[prop.name] = field;
    }
    const out = { kind: 'object' };
    if (name) out.name = name;
    out.fields = fields;
    for (const info of checker.getIndexInfosOfType(type)) {
      if (!(info.keyType.flags & ts.TypeFlags.String)) continue;
      out.index = info.declaration?.type
        ? fromNode(info.declaration.type)
        : (writtenIndex(at) ?? fromType(info.type, at));
    }
    return out;
  }

  /**
   * The written value type of the `Record<string, X>` inside an intersection (`{…} & Record<…>`),
   * looked up through named aliases, so the index keeps the names and member order as written.
   */
  function writtenIndex(node, depth = 0) {
    if (!node || depth > 8) return undefined;
    if (ts.isTypeAliasDeclaration(node)) return writtenIndex(node.type, depth + 1);
    if (ts.isParenthesizedTypeNode(node)) return writtenIndex(node.type, depth + 1);
    if (ts.isIntersectionTypeNode(node)) {
      let found;
      for (const member of node.types) found = writtenIndex(member, depth + 1) ?? found;
      return found;
    }
    if (ts.isTypeReferenceNode(node)) {
      const sym = resolveAlias(checker.getSymbolAtLocation(node.typeName));
      const args = node.typeArguments ?? [];
      if (sym?.name === 'Record' && args.length === 2 && args[0].kind === ts.SyntaxKind.StringKeyword) return fromNode(args[1]);
      const name = nameBySymbol.get(sym);
      if (name) return writtenIndex(declByName.get(name), depth + 1);
    }
    return undefined;
  }

  // ---- types
  const types = {};
  const typeDocs = {};
  for (const name of [...declByName.keys()].sort()) {
    const decl = declByName.get(name);
    const sym = checker.getSymbolAtLocation(decl.name);
    const { doc } = docOf(sym);
    if (doc) typeDocs[name] = doc;
    else problems.push(`${where(decl)}: ${name} has no JSDoc`);
    let t;
    if (ts.isInterfaceDeclaration(decl)) {
      t = fromObjectType(checker.getDeclaredTypeOfSymbol(sym), decl, name);
    } else if (ts.isTypeLiteralNode(decl.type) || ts.isIntersectionTypeNode(decl.type)) {
      t = fromObjectType(checker.getTypeFromTypeNode(decl.type), decl, name);
    } else {
      t = fromNode(decl.type);
      if (t.kind === 'object' && !t.name) t = { kind: 'object', name, ...withoutKind(t) };
    }
    types[name] = t;
  }

  // ---- events and roots
  const mapFields = (mapName) => {
    const decl = declByName.get(mapName);
    if (!decl || !ts.isInterfaceDeclaration(decl)) {
      problems.push(`schema/ must declare \`export interface ${mapName}\``);
      return {};
    }
    const t = types[mapName];
    return t.kind === 'object' ? t.fields : {};
  };
  const events = {};
  for (const [mapName, synthesized] of [[EVENT_MAP, false], [SYNTHESIZED_MAP, true]]) {
    for (const [name, field] of Object.entries(mapFields(mapName))) {
      if (events[name]) problems.push(`event ${name} is declared in both ${EVENT_MAP} and ${SYNTHESIZED_MAP}`);
      const ev = { name, payload: field.type };
      if (field.doc) ev.doc = field.doc;
      if (field.since) ev.since = field.since;
      if (synthesized) ev.synthesized = true;
      events[name] = ev;
    }
  }
  const roots = { ...mapFields(ROOTS) };

  if (problems.length > 0) {
    throw new Error(`schema tables: ${problems.length} problem(s) in schema/:\n  ${problems.join('\n  ')}`);
  }
  return { types, events, roots, typeDocs };
}

function withoutKind(t) {
  const { kind: _kind, ...rest } = t;
  return rest;
}

/** JSON with object keys sorted at every level, so the output only changes when the schema does. */
function stableJson(value, indent = '') {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => inner + stableJson(v, inner)).join(',\n')}\n${indent}]`;
  }
  const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort();
  if (keys.length === 0) return '{}';
  return `{\n${keys.map((k) => `${inner}${JSON.stringify(k)}: ${stableJson(value[k], inner)}`).join(',\n')}\n${indent}}`;
}

function renderTables(tables, hash) {
  return [
    '// GENERATED by scripts/gen-schema-tables.mjs from schema/*.ts. Do not edit: change the schema and rebuild.',
    `${HASH_MARK}${hash}`,
    "import type { SchemaTables } from '../compiler/schema/schema-types.js';",
    '',
    `export const schemaTables: SchemaTables = ${stableJson(tables)};`,
    '',
  ].join('\n');
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const result = generateSchemaTables(root, { force: process.argv.includes('--force') });
  console.log(`${result.skipped ? 'up to date' : 'generated'} ${relative(process.cwd(), result.outFile)} in ${result.ms.toFixed(1)} ms`);
}
