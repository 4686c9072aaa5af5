// How deploy/octohook.service starts the daemon: the node flags of its ExecStart line and the
// variables of its `Environment=` lines. bench:memory and test:pi start the daemon the same way,
// so their figures are what a printer host gets; a test keeps the unit's heap flags sane.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../tests/support/project-root.js';

export interface UnitLaunch {
  /** The `--…` arguments between `node` and the bundle. */
  nodeFlags: string[];
  /** `Environment=NAME=value` settings (systemd specifiers like %S left as written). */
  env: Record<string, string>;
}

export function parseServiceUnit(text: string): UnitLaunch {
  const exec = /^ExecStart=\S*\bnode((?: --\S+)*) /m.exec(text);
  const env: Record<string, string> = {};
  for (const m of text.matchAll(/^Environment=(\w+)=(\S*)$/gm)) env[m[1]] = m[2];
  return { nodeFlags: exec ? exec[1].trim().split(/\s+/).filter(Boolean) : [], env };
}

export function serviceUnitLaunch(): UnitLaunch {
  return parseServiceUnit(readFileSync(join(projectRoot, 'deploy', 'octohook.service'), 'utf8'));
}

/** The unit's variables less its own OCTOHOOK_* settings (the state directory, `%S/…`), which a run elsewhere gives itself. */
export function unitEnvElsewhere(unit: UnitLaunch): Record<string, string> {
  return Object.fromEntries(Object.entries(unit.env).filter(([name]) => !name.startsWith('OCTOHOOK_')));
}
