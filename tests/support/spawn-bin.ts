// Runs a program as a user does: `node bin/octohookc.js …`, `node bin/octohook.js …` or
// `node hooks.bundle.mjs …` in a process of its own, and collects what it printed.
import { spawn, type SpawnOptions } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from './project-root.js';

export const bins = {
  octohookc: join(projectRoot, 'bin', 'octohookc.js'),
  octohook: join(projectRoot, 'bin', 'octohook.js'),
};

export interface Finished {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface SpawnBinOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** Node options before the script (e.g. `--import`, a preload). */
  node?: string[];
  /** What stdin holds; null leaves it open (for a program that must wait there). */
  stdin?: string | null;
  /** Gives up (SIGKILL) after this long; a test that needs longer says so. */
  timeoutMs?: number;
  uid?: number;
  gid?: number;
  /** Stops the program (SIGTERM, as systemd does; once) as soon as its output matches: a daemon that would run on. */
  until?: RegExp;
  /** The program's whole environment, instead of this process's with `env` on top. */
  onlyEnv?: boolean;
}

/** `script` is a path (bins.octohookc, a bundle); the result once the process has ended. */
export function spawnBin(script: string, args: string[], options: SpawnBinOptions = {}): Promise<Finished> {
  const spawnOptions: SpawnOptions = {
    cwd: options.cwd ?? projectRoot,
    env: options.onlyEnv ? { ...options.env } : { ...process.env, ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
    ...(options.uid !== undefined ? { uid: options.uid, gid: options.gid ?? options.uid } : {}),
  };
  const child = spawn(process.execPath, [...(options.node ?? []), script, ...args], spawnOptions);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  let stopping = false;
  const stopWhenDone = () => {
    if (stopping || !options.until?.test(stdout + stderr)) return;
    stopping = true; // once: a second SIGTERM would find the handler gone and kill outright
    child.kill('SIGTERM');
  };
  child.stdout!.on('data', stopWhenDone);
  child.stderr!.setEncoding('utf8').on('data', (s: string) => {
    stderr += s;
    stopWhenDone();
  });
  if (options.stdin !== null) child.stdin!.end(options.stdin ?? '');
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      child.stdin!.destroy();
      resolve({ status, signal, stdout, stderr });
    });
  });
}

export interface BinResult {
  code: number | null;
  out: string;
  err: string;
}

/**
 * `octohook` or `octohookc` with only PATH and `env` in its environment (so an unset variable is
 * really unset), stopped once its output matches `until`, killed after `timeoutMs` (10 s).
 */
export async function runBin(bin: keyof typeof bins, args: string[], env: Record<string, string> = {}, options: { timeoutMs?: number; until?: RegExp } = {}): Promise<BinResult> {
  const r = await spawnBin(bins[bin], args, { env: { PATH: process.env.PATH ?? '', ...env }, onlyEnv: true, timeoutMs: options.timeoutMs ?? 10_000, ...(options.until ? { until: options.until } : {}) });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A Node stack frame line, as a crash prints it. */
export const stackTrace = /\n\s+at .+[(:]\d+/;
