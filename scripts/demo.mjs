#!/usr/bin/env node
// `npm run demo` (see scripts/demo/main.ts): builds the dashboard if its sources changed, then
// runs the demo from source through tsx (it needs the dev dependencies: Signal's mock server
// and the test helpers). `--no-build` skips the build (tests).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);
if (!argv.includes('--no-build')) {
  const built = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
process.argv = [process.argv[0], join(root, 'scripts', 'demo', 'main.ts'), ...argv.filter((a) => a !== '--no-build')];
const { register } = await import('tsx/esm/api');
register();
await import('./demo/main.ts');
