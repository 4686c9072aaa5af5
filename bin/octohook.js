#!/usr/bin/env node
// The Node version is checked before the program is loaded: on an older Node, loading it
// would fail with an error that does not say why.
import '../dist/runtime/cli/require-node-version.bundle.js';

const { start } = await import('../dist/compiler/cli/octohook.bundle.js');
await start(process.argv.slice(2));
