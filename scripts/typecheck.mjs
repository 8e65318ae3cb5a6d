#!/usr/bin/env node
// Type-checks each process's tsconfig on its own, so a Node import in the renderer (or a
// renderer import in the backend) fails here even when the other project would accept it.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
let failed = false;
for (const project of ['tsconfig.main.json', 'tsconfig.renderer.json', 'tsconfig.test.json']) {
  const r = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', project], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`typecheck: ${project} failed`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
