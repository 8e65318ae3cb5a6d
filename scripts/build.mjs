#!/usr/bin/env node
// Builds what `npm start` runs: the backend entries bundled flat into dist/ with esbuild
// (the Electron main process leaves its dependencies in node_modules; the headless CLI, the
// worker and the command host carry theirs, all but the native modules), and the renderer with
// Vite into dist-renderer/. The CLI carries its dependencies for start-up time: resolving and
// linking a few hundred ES module files of zod, pino and conf from node_modules cost a third of
// its start-up CPU (bench/startup.bench.ts).
// `--main-only` skips the renderer; the renderer is rebuilt only when its sources changed.
import { build } from 'esbuild';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { asciiBundle } from './ascii-bundle.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const mainOnly = process.argv.includes('--main-only');

// Packaged, the worker and the command and session hosts run from app.asar.unpacked (electron-builder.yml),
// where node_modules holds only what is unpacked there too (the native modules, and the bash
// grammar the worker reads as .wasm files): they carry every other dependency inside.
const UNPACKED = ['@signalapp/libsignal-client', '@signalapp/sqlcipher', 'web-tree-sitter', 'tree-sitter-bash'];
const entries = [
  // What the CLI imports on demand (the key check's Anthropic SDK, the QR drawing, the one-shot
  // commands) goes to chunks of its own too: a linked daemon idles for weeks and should hold only
  // the code it runs (bench/idle-footprint.bench.ts). What finds files next to itself through
  // import.meta.url (the worker and command host entries, the app root) must stay in cli.js.
  { in: 'src-main/headless/cli.ts', out: 'cli', format: 'esm', selfContained: true, chunks: 'cli-chunks' },
  // What the worker imports on demand (the web page converters) goes to chunks of its own, so
  // that every worker thread does not parse them at start-up (a 60 % larger bundle otherwise).
  { in: 'src-main/agent/worker/worker.ts', out: 'worker', format: 'esm', selfContained: true, chunks: 'worker-chunks' },
  { in: 'src-main/agent/command-host/host-main.ts', out: 'command-host', format: 'esm', selfContained: true },
  { in: 'src-main/agent/session-host/host-main.ts', out: 'session-host', format: 'esm', selfContained: true },
  { in: 'src-main/electron/main.ts', out: 'main', format: 'esm' },
  // Sandboxed preloads cannot be ES modules.
  { in: 'src-main/electron/preload.ts', out: 'preload', format: 'cjs', ext: '.cjs' },
].filter((e) => existsSync(join(root, e.in)));

for (const e of entries) if (e.chunks) rmSync(join(root, 'dist', e.chunks), { recursive: true, force: true });
const results = await Promise.all(
  entries.map((e) =>
    build({
      metafile: true,
      entryPoints: [join(root, e.in)],
      ...(e.chunks
        ? { outdir: join(root, 'dist'), splitting: true, entryNames: e.out, chunkNames: `${e.chunks}/[name]-[hash]` }
        : { outfile: join(root, 'dist', `${e.out}${e.ext ?? '.js'}`) }),
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: e.format,
      ...(e.selfContained
        ? {
            external: ['electron', ...UNPACKED],
            // Bundled CommonJS packages call require(); an ES module has none of its own.
            banner: { js: "import { createRequire as __scCreateRequire } from 'node:module'; const require = __scCreateRequire(import.meta.url);" },
          }
        : { packages: 'external', external: ['electron'] }),
      sourcemap: true,
      logLevel: 'warning',
    }),
  ),
);
// One-byte source text for V8: half the memory each loaded bundle holds (scripts/ascii-bundle.mjs).
for (const result of results) {
  for (const out of Object.keys(result.metafile.outputs)) if (/\.c?js$/.test(out)) asciiBundle(join(root, out));
}

function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    newest = Math.max(newest, st.isDirectory() ? newestMtime(p) : st.mtimeMs);
  }
  return newest;
}

if (!mainOnly && existsSync(join(root, 'src-renderer', 'index.html'))) {
  const builtAt = existsSync(join(root, 'dist-renderer', 'index.html')) ? statSync(join(root, 'dist-renderer', 'index.html')).mtimeMs : 0;
  // The renderer bundles shared/api.ts and what it imports (the settings schema): all of shared/ counts.
  const sources = Math.max(newestMtime(join(root, 'src-renderer')), newestMtime(join(root, 'src-main', 'shared')), statSync(join(root, 'vite.config.ts')).mtimeMs);
  if (sources > builtAt || process.argv.includes('--force')) {
    const vite = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], {
      cwd: root,
      stdio: 'inherit',
    });
    if (vite.status !== 0) process.exit(vite.status ?? 1);
  }
}
