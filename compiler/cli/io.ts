// What the commands write to, so tests can run them in-process and read what they print.
import { readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { fileErrorReason } from '../../runtime/file-error-reason.js';

export interface Io {
  out: { write(s: string): unknown; isTTY?: boolean };
  err: { write(s: string): unknown; isTTY?: boolean };
}

// One entry per command: `octohookc COMMAND --help` prints its own, `octohookc --help` all.
const commandLines = {
  check: `  octohookc check FILE.ohk [--format text|json|sarif]   parse and type-check; print diagnostics
`,
  build: `  octohookc build FILE.ohk [-o OUT.mjs] [--bundle]       check, then write the compiled module
                                                         (-o -: to stdout; --bundle: one file with the daemon inside)
`,
  test: `  octohookc test FILE.ohk (--event TRIGGER | --all) [--hook NAME] [--printer NAME] [--dry-run] [--at HH:MM]
                                                         send one hook with sample data; says when quiet hours
                                                         (now, or at HH:MM in the file's timezone) or a when
                                                         condition would suppress it, and which part decided
                                                         (--printer: as an event of that printer block)
`,
  lsp: `  octohookc lsp                                          language server on stdio
`,
  import: `  octohookc import CONFIG.yaml [--secrets-file FILE]    translate OctoPrint-Webhooks settings to .ohk on stdout;
                                                         --secrets-file writes the secrets it moved to @env
  octohookc import NAME=CONFIG.yaml NAME=CONFIG.yaml …    a print farm: one printer block per OctoPrint
`,
};

const exitCodes = `Exit codes: 0 clean or warnings only, 1 errors, 2 usage or I/O, 70 internal error.
`;

export type CommandName = keyof typeof commandLines;

export const usage = `Usage:
${Object.values(commandLines).join('')}  octohookc --version

${exitCodes}`;

export function commandUsage(command: CommandName): string {
  return `Usage:\n${commandLines[command]}\n${exitCodes}`;
}

export class UsageError extends Error {}

/** `--help` or `-h` among a command's arguments: its usage goes to stdout, exit 0. */
class HelpRequest extends Error {}

/** node:util's parseArgs, with its errors turned into one-line usage errors, and --help. */
export function args<T extends ParseArgsConfig['options']>(argv: string[], options: T) {
  const withHelp = { ...options, help: { type: 'boolean', short: 'h' } } as T;
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: withHelp, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message.replace(/\. To specify.*$/s, '.') : String(e));
  }
  if ((parsed.values as Record<string, unknown>).help) throw new HelpRequest();
  return parsed;
}

/** Reads a file as bytes (the compiler decodes and reports bad UTF-8 itself). */
export async function readSource(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (e) {
    throw new IoError(`cannot read '${path}': ${fileErrorReason(e)}`);
  }
}

export class IoError extends Error {}

/**
 * Writes a file so no reader ever sees half of it: to a temporary name beside it, then renamed
 * over it (the temporary file is removed if that fails). A device or a pipe (`-o /dev/stdout`)
 * cannot be renamed over and is written directly; a reader that closed it early (`| head`)
 * is not an error.
 */
export async function writeOutput(path: string, text: string): Promise<'file' | 'stream'> {
  if (!(await refuseFolder(path))) {
    try {
      await writeFile(path, text);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EPIPE') throw new IoError(`cannot write '${path}': ${fileErrorReason(e, true)}`);
    }
    return 'stream';
  }
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, text);
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw new IoError(`cannot write '${path}': ${fileErrorReason(e, true)}`);
  }
  return 'file';
}

/** Throws when `path` is a folder; says whether it is (or will be) a regular file. */
export async function refuseFolder(path: string): Promise<boolean> {
  const existing = await stat(path).catch(() => undefined);
  if (existing?.isDirectory()) throw new IoError(`cannot write '${path}': it is a folder (give a file name)`);
  return !existing || existing.isFile();
}

export function useColor(stream: Io['out']): boolean {
  return !!stream.isTTY && !process.env.NO_COLOR;
}

/** Runs a command body, mapping usage and I/O errors to exit 2 with a one-line message. */
export async function guarded(name: CommandName, io: Io, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (e) {
    if (e instanceof HelpRequest) {
      io.out.write(commandUsage(name));
      return 0;
    }
    if (e instanceof UsageError) {
      io.err.write(`octohookc ${name}: ${e.message}\n\n${commandUsage(name)}`);
      return 2;
    }
    if (e instanceof IoError) {
      io.err.write(`octohookc ${name}: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
