// Per open document: the compile result for its current version, the last result that
// parsed without syntax errors (completion falls back to it while the user is mid-edit),
// and the debounce timer that publishes diagnostics once typing pauses.
//
// Requests (completion, hover…) never wait for the timer: they ask `analyze`, which compiles
// the current version at once if it has not been compiled yet, and caches it, so the timer
// that fires later publishes without compiling again.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { compile, type CompileResult } from '../compile.js';
import type { Diagnostic } from '../../language/diagnostic.js';

/** One compiled version of a document. */
export interface Analysis {
  uri: string;
  version: number;
  text: string;
  result: CompileResult;
  /** The newest earlier (or this) result without syntax errors; undefined until there is one. */
  lastGood: CompileResult | undefined;
  /** How long parse and check took, in milliseconds. */
  ms: number;
}

export interface DocumentStateOptions {
  /** Quiet time after the last change before diagnostics are published. */
  debounceMs: number;
  publish(analysis: Analysis): void;
  /** Reports a failure that must not stop the server. */
  onError?(error: unknown): void;
}

interface Entry {
  doc: TextDocument;
  analysis?: Analysis;
  lastGood?: CompileResult;
  timer?: NodeJS.Timeout;
}

/** Syntax errors are OH1xxx: a result with none of them is a trustworthy picture of the file. */
function parsedCleanly(diagnostics: readonly Diagnostic[]): boolean {
  return !diagnostics.some((d) => d.severity === 'error' && d.code.startsWith('OH1'));
}

/**
 * The text the compiler sees. A byte-order mark would be dropped by the parser and shift every
 * offset on the first line; a space in its place keeps offsets equal to the editor's.
 */
export function compilerText(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
}

export function fileNameOf(uri: string): string {
  const last = uri.slice(uri.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last) || 'hooks.ohk';
  } catch {
    return last || 'hooks.ohk';
  }
}

export class DocumentState {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly options: DocumentStateOptions) {}

  set debounceMs(ms: number) {
    this.options.debounceMs = ms;
  }

  get debounceMs(): number {
    return this.options.debounceMs;
  }

  /** A document was opened or changed: re-check it once typing pauses. */
  changed(doc: TextDocument): void {
    const entry = this.entries.get(doc.uri) ?? { doc };
    entry.doc = doc;
    this.entries.set(doc.uri, entry);
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      // Closed meanwhile, or replaced by a newer entry: nothing to publish.
      if (this.entries.get(doc.uri) !== entry) return;
      try {
        this.options.publish(this.analyze(entry.doc));
      } catch (error) {
        this.options.onError?.(error);
      }
    }, this.options.debounceMs);
  }

  closed(uri: string): void {
    const entry = this.entries.get(uri);
    if (entry?.timer) clearTimeout(entry.timer);
    this.entries.delete(uri);
  }

  /** The analysis of the document's current version, compiling it now if needed. */
  analyze(doc: TextDocument): Analysis {
    let entry = this.entries.get(doc.uri);
    if (!entry) {
      entry = { doc };
      this.entries.set(doc.uri, entry);
    }
    if (entry.analysis && entry.analysis.version === doc.version && entry.analysis.text === doc.getText()) return entry.analysis;
    const text = doc.getText();
    const started = performance.now();
    const result = compile(compilerText(text), { fileName: fileNameOf(doc.uri) });
    const ms = performance.now() - started;
    if (parsedCleanly(result.diagnostics)) entry.lastGood = result;
    entry.analysis = { uri: doc.uri, version: doc.version, text, result, lastGood: entry.lastGood, ms };
    return entry.analysis;
  }

  dispose(): void {
    for (const entry of this.entries.values()) if (entry.timer) clearTimeout(entry.timer);
    this.entries.clear();
  }
}
