// Runs one of the package's programs (bin/octohook.js, bin/octohookc.js) as a user does: a
// separate node process with its own environment, killed if it outlives `timeoutMs`. A daemon
// that should keep running is stopped (SIGTERM, as systemd does) once its output matches `until`.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from './project-root.js';

export interface BinResult {
  code: number | null;
  out: string;
  err: string;
}

export interface RunOptions {
  timeoutMs?: number;
  until?: RegExp;
}

export function runBin(bin: 'octohook' | 'octohookc', args: string[], env: Record<string, string> = {}, options: RunOptions = {}): Promise<BinResult> {
  const { timeoutMs = 10_000, until } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(projectRoot, 'bin', `${bin}.js`), ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let stopping = false;
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString('utf8');
      if (!stopping && until?.test(out + err)) {
        stopping = true; // once: a second SIGTERM would find the handler gone and kill outright
        child.kill('SIGTERM');
      }
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
  });
}
