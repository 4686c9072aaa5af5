#!/usr/bin/env node
import { main } from '../dist/runtime/cli/octohook.bundle.js';
process.exitCode = await main(process.argv.slice(2));
