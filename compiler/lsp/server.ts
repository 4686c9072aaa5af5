// `octohookc lsp`: the language server on stdio. The protocol plumbing (framing, lifecycle,
// document sync) is vscode-languageserver's; this file only wires octohook's features to it.
// Diagnostics are published once typing pauses (document-state.ts); completion, hover,
// definition and symbols answer from the current version at once.
import {
  CodeActionKind,
  createConnection,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Io } from '../cli/io.js';
import { version } from '../cli/version.js';
import { codeActionsAt } from './code-actions.js';
import { completionsAt } from './completion.js';
import { definitionAt } from './definition.js';
import { DocumentState, type Analysis } from './document-state.js';
import { hoverAt } from './hover.js';
import { documentSymbols } from './symbols.js';
import { toLspDiagnostic } from './to-lsp.js';

/** Quiet time after the last keystroke before diagnostics are published. */
export const defaultDebounceMs = 150;

const usage = `Usage: octohookc lsp [--stdio]

Runs the octohook language server, speaking the Language Server Protocol on stdin/stdout.
Editors start it themselves; see docs/editors.md.

Initialization option 'debounceMs' (or the environment variable OCTOHOOK_LSP_DEBOUNCE_MS)
sets the delay before diagnostics are published (default ${defaultDebounceMs} ms).
`;

export interface ServerStreams {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
}

function readDebounce(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 && n <= 10_000 ? n : undefined;
}

/** The `lsp` command: checks its arguments, then serves until the client says exit. */
export async function runLanguageServer(args: string[], io: Io): Promise<number> {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--help' || a === '-h') {
      io.out.write(usage);
      return 0;
    }
    // What language clients add on their own: the transport, and the id of the editor process.
    if (a === '--stdio' || a.startsWith('--clientProcessId=')) continue;
    if (a === '--clientProcessId') {
      i++;
      continue;
    }
    io.err.write(`octohookc lsp: unknown option '${a}'.\n\n${usage}`);
    return 2;
  }
  // stdout is the protocol channel: a stray console.log would corrupt it.
  const toStderr = (...parts: unknown[]) => process.stderr.write(parts.map(String).join(' ') + '\n');
  console.log = toStderr;
  console.info = toStderr;
  console.debug = toStderr;
  return new Promise<number>((resolve) => {
    const connection = startServer({ input: process.stdin, output: process.stdout });
    connection.onExit(() => resolve(0));
  });
}

export function startServer(streams: ServerStreams): Connection {
  const connection = createConnection(streams.input, streams.output);
  const documents = new TextDocuments(TextDocument);
  const logError = (what: string, error: unknown) => connection.console.error(`octohook: ${what} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  const state = new DocumentState({
    debounceMs: readDebounce(process.env.OCTOHOOK_LSP_DEBOUNCE_MS) ?? defaultDebounceMs,
    publish: (a: Analysis) => {
      void connection.sendDiagnostics({ uri: a.uri, version: a.version, diagnostics: a.result.diagnostics.map((d) => toLspDiagnostic(d, a.uri)) });
    },
    onError: (e) => logError('checking', e),
  });

  /** Runs a request handler on the document's current analysis; a bug answers null instead of killing the server. */
  const withDocument = <T>(what: string, uri: string, run: (doc: TextDocument, a: Analysis) => T): T | null => {
    const doc = documents.get(uri);
    if (!doc) return null;
    try {
      return run(doc, state.analyze(doc));
    } catch (error) {
      logError(what, error);
      return null;
    }
  };

  connection.onInitialize((params): InitializeResult => {
    const options = params.initializationOptions as { debounceMs?: unknown } | undefined;
    const debounce = readDebounce(options?.debounceMs);
    if (debounce !== undefined) state.debounceMs = debounce;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: ['@', '.', '|', ','], resolveProvider: false },
        hoverProvider: true,
        definitionProvider: true,
        documentSymbolProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      },
      serverInfo: { name: 'octohookc', version: version() },
    };
  });

  documents.onDidChangeContent((change) => state.changed(change.document));
  documents.onDidClose((event) => {
    state.closed(event.document.uri);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  connection.onCompletion((params) =>
    withDocument('completion', params.textDocument.uri, (doc, a) => ({ isIncomplete: false, items: completionsAt(doc, a, doc.offsetAt(params.position)) })),
  );
  connection.onHover((params) => withDocument('hover', params.textDocument.uri, (doc, a) => hoverAt(a, doc.offsetAt(params.position))));
  connection.onDefinition((params) => withDocument('definition', params.textDocument.uri, (doc, a) => definitionAt(a, doc.offsetAt(params.position))));
  connection.onDocumentSymbol((params) => withDocument('symbols', params.textDocument.uri, (_doc, a) => documentSymbols(a.result.ast)));
  connection.onCodeAction((params) => withDocument('code actions', params.textDocument.uri, (doc, a) => codeActionsAt(a, doc.offsetAt(params.range.start), doc.offsetAt(params.range.end))));
  connection.onShutdown(() => state.dispose());

  documents.listen(connection);
  connection.listen();
  return connection;
}
