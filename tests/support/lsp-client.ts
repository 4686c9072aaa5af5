// A tiny language client for the tests: it starts `octohookc lsp` as a child process (the
// CLI built into the same output folder as the tests) and speaks JSON-RPC over its stdio
// with Content-Length framing written by hand, exactly as an editor would, so the tests
// prove the wire protocol and not only the handlers.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { pathToFileURL } from 'node:url';

export interface Message {
  jsonrpc: '2.0';
  id?: number | string | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string };
}

export interface PublishedDiagnostics {
  uri: string;
  version?: number;
  diagnostics: Array<{
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    severity?: number;
    code?: string | number;
    codeDescription?: { href: string };
    source?: string;
    message: string;
  }>;
}

/** The CLI's entry in the output folder these tests were built into (dist-…/compiler/cli/main.js). */
export const cliMainUrl = new URL('../../compiler/cli/main.js', import.meta.url).href;

export class LspClient {
  readonly child: ChildProcessWithoutNullStreams;
  /** Every notification the server sent, in order. */
  readonly notifications: Message[] = [];
  stderr = '';
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(m: Message): void; reject(e: Error): void }>();
  private waiters: Array<{ match(m: Message): boolean; resolve(m: Message): void }> = [];
  readonly exited: Promise<number | null>;

  /** `command`: another server to start (say, an installed `octohookc lsp`) instead of the built CLI. */
  constructor(env: Record<string, string> = {}, command?: { file: string; args: string[]; cwd?: string }) {
    const script = `import { main } from ${JSON.stringify(cliMainUrl)}; process.exitCode = await main(['lsp', '--stdio']);`;
    const [file, args] = command ? [command.file, command.args] : [process.execPath, ['--input-type=module', '-e', script]];
    this.child = spawn(file, args, { env: { ...process.env, ...env }, cwd: command?.cwd, stdio: 'pipe' });
    this.child.stdout.on('data', (chunk: Buffer) => this.read(chunk));
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  private read(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const m = /Content-Length: *(\d+)/i.exec(header);
      if (!m) throw new Error(`bad header from the server: ${header}`);
      const length = Number(m[1]);
      const start = headerEnd + 4;
      if (this.buffer.length < start + length) return;
      const body = this.buffer.subarray(start, start + length).toString('utf8');
      this.buffer = this.buffer.subarray(start + length);
      this.dispatch(JSON.parse(body) as Message);
    }
  }

  private dispatch(message: Message): void {
    if (message.method === undefined && typeof message.id === 'number') {
      const p = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) p?.reject(new Error(`${message.error.code}: ${message.error.message}`));
      else p?.resolve(message);
      return;
    }
    if (message.method !== undefined && message.id !== undefined) {
      // A request from the server (workspace/configuration, registerCapability…): answer null.
      this.write({ jsonrpc: '2.0', id: message.id, result: null });
      return;
    }
    this.notifications.push(message);
    const waiting = this.waiters;
    this.waiters = [];
    for (const w of waiting) {
      if (w.match(message)) w.resolve(message);
      else this.waiters.push(w);
    }
  }

  private write(message: Message): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin.write(body);
  }

  request<T = unknown>(method: string, params: unknown, timeoutMs = 5000): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method}: no answer within ${timeoutMs} ms; server stderr: ${this.stderr}`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m.result as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.write({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.write({ jsonrpc: '2.0', method, params });
  }

  /** The next notification matching `match` (one already received counts if `since` is before it). */
  waitFor(match: (m: Message) => boolean, timeoutMs = 5000, since = this.notifications.length): Promise<Message> {
    const earlier = this.notifications.slice(since).find(match);
    if (earlier) return Promise.resolve(earlier);
    return new Promise<Message>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching notification within ${timeoutMs} ms; server stderr: ${this.stderr}`)), timeoutMs);
      this.waiters.push({
        match,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      });
    });
  }

  /** The diagnostics published for `uri` at `version` (or the next ones, if no version is given). */
  async diagnostics(uri: string, version?: number, timeoutMs = 5000): Promise<PublishedDiagnostics> {
    const m = await this.waitFor((n) => {
      if (n.method !== 'textDocument/publishDiagnostics') return false;
      const p = n.params as PublishedDiagnostics;
      return p.uri === uri && (version === undefined || p.version === version);
    }, timeoutMs);
    return m.params as PublishedDiagnostics;
  }

  async initialize(initializationOptions: unknown = { debounceMs: 5 }): Promise<{ capabilities: Record<string, unknown>; serverInfo?: { name: string } }> {
    const result = await this.request<{ capabilities: Record<string, unknown>; serverInfo?: { name: string } }>('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: { textDocument: { completion: { completionItem: { documentationFormat: ['markdown', 'plaintext'] } }, hover: { contentFormat: ['markdown'] } } },
      initializationOptions,
    });
    this.notify('initialized', {});
    return result;
  }

  open(uri: string, text: string, version = 1): void {
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'octohook', version, text } });
  }

  /** Replaces the whole text (a full-content change, which incremental sync accepts too). */
  change(uri: string, text: string, version: number): void {
    this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** shutdown, then exit; resolves with the server's exit code. */
  async stop(): Promise<number | null> {
    if (this.child.exitCode !== null) return this.child.exitCode;
    await this.request('shutdown', null);
    this.notify('exit', null);
    const timer = setTimeout(() => this.child.kill(), 3000);
    const code = await this.exited;
    clearTimeout(timer);
    return code;
  }
}

/** A file URI for a test document (never read from disk). */
export function testUri(name: string): string {
  return pathToFileURL(`/tmp/octohook-lsp-tests/${name}`).href;
}

/** The 0-based LSP position of the `n`-th (default first) occurrence of `needle` in `text`, plus `delta` characters. */
export function positionOf(text: string, needle: string, delta = 0, n = 1): { line: number; character: number } {
  let at = -1;
  for (let i = 0; i < n; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`'${needle}' not found ${n} times in the test text`);
  }
  const offset = at + delta;
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}
