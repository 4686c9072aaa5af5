// Where the outbox lives: `--state-dir`, else OCTOHOOK_STATE_DIR, else the XDG state
// directory (`$XDG_STATE_HOME/octohook`, default `~/.local/state/octohook`).
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export function resolveStateDir(flag: string | undefined, env: Record<string, string | undefined>): string {
  if (flag) return resolve(flag);
  if (env.OCTOHOOK_STATE_DIR) return resolve(env.OCTOHOOK_STATE_DIR);
  const xdg = env.XDG_STATE_HOME;
  // XDG: a relative value is invalid and must be ignored.
  if (xdg && xdg.startsWith('/')) return join(xdg, 'octohook');
  return join(env.HOME || homedir(), '.local', 'state', 'octohook');
}

/** The files inside a state directory. */
export function statePaths(dir: string): { journal: string; lock: string; requests: string } {
  return {
    journal: join(dir, 'outbox.journal'),
    lock: join(dir, 'outbox.lock'),
    requests: join(dir, 'requests'),
  };
}
