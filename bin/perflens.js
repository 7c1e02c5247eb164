#!/usr/bin/env node
// The `perflens` command: the bundled CLI (dist/ is built by the `prepare` script: on `npm install` in a
// clone, and as production bundles on `npm pack`). dist/cli.js loads the engine only to run a command.
// Compiling the engine's bundle is most of a cold start; Node 22.1+ keeps the compiled code in its compile
// cache (in the OS temp folder) so later starts skip that. Node 20 has no such cache and simply compiles.
require('node:module').enableCompileCache?.();
require('../dist/cli.js');
