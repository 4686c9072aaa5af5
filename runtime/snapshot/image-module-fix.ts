// What to run when @napi-rs/image cannot be loaded: the npm line that puts it where this
// code looks for it. On a printer host the daemon is a bundle copied alone into a folder
// (docs/deploy.md, step 9): "reinstall octohook" means nothing there, but `npm install` beside
// the bundle does. From an installed package, the folder is the package's own.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The version in package.json's optionalDependencies (a test keeps them equal). */
export const IMAGE_MODULE = '@napi-rs/image@1.15.0';

export const IMAGE_INSTALL = `npm install --no-audit --no-fund ${IMAGE_MODULE}`;

/** The folder whose node_modules the import resolves from: the octohook package, or the bundle's folder. */
export function imageModuleFolder(moduleUrl: string = import.meta.url): string {
  const own = dirname(fileURLToPath(moduleUrl));
  for (let dir = own; ; dir = dirname(dir)) {
    if (isOctohookPackage(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return own;
  }
}

/** One line for the log: the command, the folder, and what to do after. */
export function imageModuleFix(moduleUrl: string = import.meta.url): string {
  return `in ${imageModuleFolder(moduleUrl)} run: ${IMAGE_INSTALL} (with sudo if root owns that folder), then restart octohook`;
}

function isOctohookPackage(file: string): boolean {
  if (!existsSync(file)) return false;
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown }).name === 'octohook';
  } catch {
    return false;
  }
}
