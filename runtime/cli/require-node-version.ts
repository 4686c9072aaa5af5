// Imported first by every entry (bin/octohookc.js, bin/octohook.js, the one-file bundle), so
// the version check runs before any module that may not load on an older Node evaluates.
import { requireSupportedNode } from './node-version-guard.js';

requireSupportedNode();
