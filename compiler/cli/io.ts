// What the commands write to, so tests can run them in-process and read what they print.
import { readFile } from 'node:fs/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface Io {
  out: { write(s: string): unknown; isTTY?: boolean };
  err: { write(s: string): unknown; isTTY?: boolean };
}

export const usage = `Usage:
  octohookc check FILE.ohk [--format text|json|sarif]   parse and type-check; print diagnostics
  octohookc build FILE.ohk [-o OUT.mjs] [--bundle]       check, then write the compiled module
                                                         (--bundle: one file with the daemon inside)
  octohookc test FILE.ohk (--event TRIGGER | --all) [--hook NAME] [--dry-run]
                                                         send one hook with sample data
  octohookc lsp                                          language server on stdio
  octohookc import CONFIG.yaml [--env-file FILE]        translate OctoPrint-Webhooks settings to .ohk on stdout;
                                                         --env-file writes the secrets it moved to @env

Exit codes: 0 clean or warnings only, 1 errors, 2 usage or I/O.
`;

export class UsageError extends Error {}

/** node:util's parseArgs, with its errors turned into one-line usage errors. */
export function args<T extends ParseArgsConfig['options']>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message.replace(/\. To specify.*$/s, '.') : String(e));
  }
}

/** Reads a file as bytes (the compiler decodes and reports bad UTF-8 itself). */
export async function readSource(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    throw new IoError(`cannot read '${path}': ${why}`);
  }
}

export class IoError extends Error {}

export function useColor(stream: Io['out']): boolean {
  return !!stream.isTTY && !process.env.NO_COLOR;
}

/** Runs a command body, mapping usage and I/O errors to exit 2 with a one-line message. */
export async function guarded(name: string, io: Io, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (e) {
    if (e instanceof UsageError) {
      io.err.write(`octohookc ${name}: ${e.message}\n\n${usage}`);
      return 2;
    }
    if (e instanceof IoError) {
      io.err.write(`octohookc ${name}: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
