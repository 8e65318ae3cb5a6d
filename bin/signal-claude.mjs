#!/usr/bin/env node
// Installed command: runs the built headless daemon (npm run build first in a checkout).
import '../dist/cli.js';
