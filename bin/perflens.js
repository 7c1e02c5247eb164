#!/usr/bin/env node
// The `perflens` command: the bundled CLI (dist/ is built by the `prepare` script: on `npm install` in a
// clone, and as production bundles on `npm pack`). dist/cli.js loads the engine only to run a command.
require('../dist/cli.js');
