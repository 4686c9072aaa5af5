import { packageVersion } from '../../runtime/package-facts.js';

/** The package's version (package.json's, written in at build time). */
export function version(): string {
  return packageVersion;
}
