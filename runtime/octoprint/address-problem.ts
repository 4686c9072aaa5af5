// The OctoPrint address must be an http:// or https:// URL with a host. Checked before the
// daemon starts (a wrong address is a configuration error: exit 2, not a retry loop), with
// the fix in the message: `octopi.local` → try `http://octopi.local`.
import { withScheme } from '../common/missing-scheme.js';

/** What is wrong with `value` as OctoPrint's address, naming where it came from; null when usable. */
export function octoprintAddressProblem(value: string, from: string): string | null {
  const shown = JSON.stringify(displayable(value));
  if (value.trim() === '') return `the OctoPrint address (${from}) is empty: give it like http://octopi.local`;
  const fixed = withScheme(value);
  if (fixed !== undefined) return `the OctoPrint address ${shown} (${from}) needs http:// or https:// in front: try ${displayable(fixed)}`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `the OctoPrint address ${shown} (${from}) is not a URL: give it like http://octopi.local or http://192.168.1.20:5000`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `the OctoPrint address ${shown} (${from}) must start with http:// or https://, not ${url.protocol}//`;
  }
  if (!url.hostname) return `the OctoPrint address ${shown} (${from}) has no host`;
  return null;
}

// User names, passwords, queries and fragments never reach a message (they may hold
// credentials), whether or not the value parses.
function displayable(value: string): string {
  return value.trim().replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^/@\s]*@/i, '$1').replace(/[?#].*$/, '');
}
