// Where the built app lives, and a check that it was built from the sources in front of us:
// e2e runs the real build (dist/cli.js + dist-renderer/), never the sources through tsx.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DIST_CLI = join(ROOT, 'dist', 'cli.js');
export const DIST_MAIN = join(ROOT, 'dist', 'main.js');
export const DIST_RENDERER = join(ROOT, 'dist-renderer', 'index.html');
export const ARTIFACTS = join(ROOT, 'e2e-artifacts');

function newest(dir: string): number {
  let latest = 0;
  if (!existsSync(dir)) return latest;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    latest = Math.max(latest, st.isDirectory() ? newest(p) : st.mtimeMs);
  }
  return latest;
}

/** Throws one clear sentence when the build is missing or older than the sources. */
export function assertBuilt(): void {
  for (const file of [DIST_CLI, DIST_RENDERER]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first (npm test does).`);
  }
  // The same rules as scripts/build.mjs: the bundles follow src-main/, the renderer follows
  // src-renderer/ and src-main/shared/ (which it bundles).
  const stale = (built: string, sources: number) => sources > statSync(built).mtimeMs + 1000;
  if (stale(DIST_CLI, newest(join(ROOT, 'src-main'))) || stale(DIST_RENDERER, Math.max(newest(join(ROOT, 'src-renderer')), newest(join(ROOT, 'src-main', 'shared'))))) {
    throw new Error('dist/ or dist-renderer/ is older than the sources: run `npm run build` first (npm test does).');
  }
}
