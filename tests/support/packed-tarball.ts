// The package as a user gets it: `npm pack` run on a copy of the sources, so the package's own
// `prepare` build runs as it does for `npm pack` and git-URL installs, without rebuilding the
// dist/ the running tests are loaded from. Made once per test run and shared by the suites
// that install it. npm is the one on PATH; installs use its cache (--prefer-offline).
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { projectRoot } from './project-root.js';

export interface PackedTarball {
  /** Absolute path of octohook-VERSION.tgz. */
  tarball: string;
  /** The paths inside the package, as `npm pack --json` lists them. */
  files: string[];
  /** A temporary folder (under os.tmpdir()) removed when the process exits; suites may work in it. */
  dir: string;
}

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

let packed: Promise<PackedTarball> | undefined;

export function packedTarball(): Promise<PackedTarball> {
  return (packed ??= pack());
}

// What a clone has that is not source: installed or built output, and local state.
const notSource = /^(node_modules|\.git|dist(-.*)?|generated|tmp|\.octohook-state)$/;

async function pack(): Promise<PackedTarball> {
  const dir = mkdtempSync(join(tmpdir(), 'octohook-pack-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const src = join(dir, 'source');
  cpSync(projectRoot, src, {
    recursive: true,
    filter: (from) => {
      const parts = relative(projectRoot, from).split(sep);
      return !notSource.test(parts[0]) && !parts.includes('node_modules') && !from.endsWith('.tgz');
    },
  });
  // The build's tools (esbuild, typescript) come from the project's own install.
  symlinkSync(join(projectRoot, 'node_modules'), join(src, 'node_modules'), 'dir');
  const run = await npm(['pack', '--json', '--pack-destination', dir], src);
  if (run.code !== 0) throw new Error(`npm pack failed (${run.code}):\n${run.stderr}`);
  // Lifecycle output may precede the JSON.
  const json = run.stdout.slice(run.stdout.search(/^\[/m));
  const [info] = JSON.parse(json) as Array<{ filename: string; files: Array<{ path: string }> }>;
  return { tarball: join(dir, info.filename), files: info.files.map((f) => f.path), dir };
}

/**
 * This process's environment without what npm set for the `npm test` that started it (its
 * prefix, lifecycle and package variables would steer the npm and bins run by the tests).
 */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || k === 'INIT_CWD') continue;
    if (/^npm_/i.test(k) && !/^npm_config_(cache|registry|userconfig)$/i.test(k)) continue;
    env[k] = v;
  }
  return { ...env, ...extra };
}

/** Runs a program, never rejecting: the exit code and both outputs. */
export function runProgram(file: string, args: string[], options: { cwd: string; env?: Record<string, string>; timeoutMs?: number; input?: string }): Promise<Ran> {
  return new Promise((resolve) => {
    const child = execFile(
      file,
      args,
      { cwd: options.cwd, env: options.env ?? cleanEnv(), timeout: options.timeoutMs ?? 30_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code) : -1) : 0;
        resolve({ code, stdout, stderr: stderr + (error && code === -1 ? `\n${error.message}` : '') });
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

/** `npm ARGS` in `cwd`, from the cache where it can (the registry otherwise). */
export function npm(args: string[], cwd: string, env: Record<string, string> = cleanEnv()): Promise<Ran> {
  return runProgram('npm', [...args, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=warn'], { cwd, env, timeoutMs: 120_000 });
}
