#!/usr/bin/env node
import { main } from '../dist/compiler/cli/octohookc.bundle.js';
process.exitCode = await main(process.argv.slice(2));
