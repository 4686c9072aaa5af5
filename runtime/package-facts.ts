// The package's version and the Node.js versions it supports, as package.json states them
// (`version`, `engines.node`). scripts/build.mjs writes them in at build time (esbuild's
// `define`), so package.json stays the one place they are written, and a one-file bundle
// copied far from the package still knows them. This module imports nothing: the Node
// version guard, which must load on any Node, depends on it.
declare const OCTOHOOK_PACKAGE_VERSION: string;
declare const OCTOHOOK_NODE_ENGINES: string;

export const packageVersion: string = OCTOHOOK_PACKAGE_VERSION;
export const nodeEngines: string = OCTOHOOK_NODE_ENGINES;
