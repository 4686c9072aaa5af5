// Where a thing is in a .ohk file. Diagnostics, the syntax tree and the language server all
// speak these two shapes, so they sit below the grammar.

/** 1-based line and column, 0-based UTF-16 offset into the source. */
export interface Position {
  line: number;
  column: number;
  offset: number;
}

/** `end` is exclusive: the position just after the last character. */
export interface Range {
  start: Position;
  end: Position;
}
