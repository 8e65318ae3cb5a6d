// Builds the worker entry the way scripts/build.mjs does (esbuild, one flat ESM file, packages
// left in node_modules), for benchmarks that should measure the shipped worker rather than one
// transpiled on the fly by tsx. Output goes under node_modules/.cache so packages resolve.
import { build } from 'esbuild';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export async function bundledWorkerUrl(): Promise<URL> {
  const outfile = join(root, 'node_modules', '.cache', 'agent-bench', 'worker.js');
  await build({
    entryPoints: [join(root, 'src-main/agent/worker/worker.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  });
  return pathToFileURL(outfile);
}
