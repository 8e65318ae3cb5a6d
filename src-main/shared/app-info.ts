// The app's version and root folder, found the same way from source (tsx), from the esbuild
// bundle in dist/, and from a packaged Electron app (app.asar holds package.json too).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function findAppRoot(from: string = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      try {
        if ((JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string }).name === 'signal-claude') return dir;
      } catch {
        // Not ours; keep walking up.
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Cannot find the signal-claude package root above ${from}`);
    dir = parent;
  }
}

export function appVersion(root: string = findAppRoot()): string {
  return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
}
