// Phase 1: bytes or text to a syntax tree, with every lexical and syntax error reported.
import type { OhkFile } from '../../../grammar/ast.js';
import { parseOhk } from '../../../grammar/index.js';
import { diag, type Diagnostic } from '../../../language/diagnostic.js';
import { decodeSource } from './decode-source.js';

export interface ParseResult {
  source: string;
  file: OhkFile;
  diagnostics: Diagnostic[];
  /** Set when the bytes were not UTF-8: there is no text to check. */
  undecodable?: boolean;
}

export function parse(input: string | Uint8Array): ParseResult {
  let source: string;
  if (typeof input === 'string') source = input;
  else {
    const decoded = decodeSource(input);
    if (!decoded.ok) {
      const at = decoded.at;
      const range = { start: at, end: { ...at, column: at.column + 1, offset: at.offset + 1 } };
      const empty: OhkFile = { kind: 'File', items: [], comments: [], range: { start: at, end: at } };
      const hex = '0x' + (input[decoded.byte] ?? 0).toString(16).padStart(2, '0');
      // The text with U+FFFD in place of bad bytes, only so a code frame can show the place.
      return { source: new TextDecoder().decode(input), file: empty, diagnostics: [diag.invalidEncoding(range, { byte: hex })], undecodable: true };
    }
    source = decoded.text;
  }
  // A byte-order mark is not text; dropping it keeps columns as editors count them.
  if (source.charCodeAt(0) === 0xfeff) source = source.slice(1);
  const { file, diagnostics } = parseOhk(source);
  return { source, file, diagnostics };
}
