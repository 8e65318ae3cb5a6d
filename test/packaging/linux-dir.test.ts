// The packaged app, as electron-builder lays it out (`--linux dir`), built against a stand-in
// Electron folder: no Electron binary can be downloaded here, and electron-builder only copies
// the folder and renames the binary (the stand-in carries a fuse wire, so fuses are flipped
// for real). Checks what a real install would hit first: the fuses, the entries in app.asar, the
// unpacked command host and agent worker loading their imports, and only this platform's
// native prebuilds. Needs `npm run build`; `npm test` builds first and runs this folder as its own
// step, after the unit tests (node scripts/run-node-tests.mjs test/packaging); about 20-60 s.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { listPackage } from '@electron/asar';
import { AgentWorker } from '../../src-main/agent/main/agent-worker.js';
import { CommandHost } from '../../src-main/agent/command-host/launcher.js';
import { SessionHost } from '../../src-main/agent/main/session-host.js';
import { RateLimiter } from '../../src-main/agent/main/rate-limiter.js';
import { realScriptUrl } from '../../src-main/agent/unpacked-path.js';
import { silentLogger } from '../../src-main/shared/logger.js';
import { tempDir } from '../helpers/temp.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's own defaults for the eight v1 fuses (RunAsNode … GrantFileProtocolExtraPrivileges). */
const DEFAULT_WIRE = '10110001';

function duBytes(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.size;
  return readdirSync(path).reduce((sum, name) => sum + duBytes(join(path, name)), 0);
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

test('the Linux dir layout: asar entries, unpacked host and worker that load, one platform\'s prebuilds', { skip: process.platform !== 'linux', timeout: 240_000 }, async (t) => {
  const built = ['dist/main.js', 'dist/preload.cjs', 'dist/worker.js', 'dist/command-host.js', 'dist/session-host.js', 'dist-renderer/index.html'];
  if (!built.every((f) => existsSync(join(root, f)))) {
    const r = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
    assert.equal(r.status, 0, 'npm run build');
  }
  const dir = tempDir(t, 'sc-pack-');
  const fake = join(dir, 'electron-dist');
  mkdirSync(fake);
  // A shell script standing in for the binary, with the fuse sentinel and wire Electron embeds.
  writeFileSync(join(fake, 'electron'), `#!/bin/sh\n# ${SENTINEL}\x01${String.fromCharCode(DEFAULT_WIRE.length)}${DEFAULT_WIRE}\nexit 0\n`, { mode: 0o755 });
  const out = join(dir, 'out');
  const eb = spawnSync(
    process.execPath,
    [join(root, 'node_modules', 'electron-builder', 'cli.js'), '--linux', 'dir', `--${process.arch}`, `-c.electronDist=${fake}`, `-c.directories.output=${out}`, '--publish', 'never'],
    { cwd: root, encoding: 'utf8', timeout: 200_000, env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' } },
  );
  assert.equal(eb.status, 0, `electron-builder failed:\n${eb.stdout}\n${eb.stderr}`);

  const app = join(out, process.arch === 'x64' ? 'linux-unpacked' : `linux-${process.arch}-unpacked`);
  const resources = join(app, 'resources');
  const asar = join(resources, 'app.asar');
  const unpacked = join(resources, 'app.asar.unpacked');
  t.diagnostic(`sizes: layout ${mb(duBytes(app))} (stand-in Electron), app.asar ${mb(duBytes(asar))}, app.asar.unpacked ${mb(duBytes(unpacked))}`);

  // Fuses flipped in the binary (electronFuses): RunAsNode, cookie encryption, NODE_OPTIONS,
  // --inspect, asar integrity, only-from-asar, V8 snapshot (left alone), file:// privileges.
  const { getCurrentFuseWire } = await import('@electron/fuses');
  const wire = await getCurrentFuseWire(join(app, 'signal-claude'));
  const states = Array.from({ length: DEFAULT_WIRE.length }, (_, i) => String.fromCharCode(Number((wire as unknown as Record<number, number>)[i])));
  assert.equal(states.join(''), '01001100');

  // The main and renderer entries are in the archive; sources, tests and source maps are not.
  const entries = new Set(listPackage(asar, { isPack: false }).map((p) => p.replaceAll('\\', '/')));
  for (const entry of ['/package.json', '/dist/main.js', '/dist/preload.cjs', '/dist-renderer/index.html']) assert.ok(entries.has(entry), entry);
  for (const entry of entries) assert.doesNotMatch(entry, /^\/(src-main|src-renderer|test|e2e|bench|scripts)\/|\.map$/, entry);

  // Only this platform's prebuilds of each native module.
  for (const pkg of ['libsignal-client', 'sqlcipher']) {
    assert.deepEqual(readdirSync(join(unpacked, 'node_modules', '@signalapp', pkg, 'prebuilds')), [`linux-${process.arch}`], pkg);
  }

  // The command host, started the way the app starts it (its path inside app.asar, mapped to the
  // unpacked copy), loads its imports and listens.
  const host = new CommandHost({ logger: silentLogger(), entryUrl: pathToFileURL(join(asar, 'dist', 'command-host.js')) });
  await host.start();
  await host.whenStarted();
  try {
    assert.equal(host.health().state, 'running', host.health().detail);
  } finally {
    await host.stop();
  }

  // The agent worker: defaultWorkerUrl() maps app.asar/dist/worker.js to the unpacked copy the
  // same way; that copy loads its bundled imports in a worker thread of the session host (also
  // started from its unpacked copy) and answers a health check.
  const workerUrl = realScriptUrl(pathToFileURL(join(asar, 'dist', 'worker.js')));
  assert.equal(fileURLToPath(workerUrl), join(unpacked, 'dist', 'worker.js'));
  const sessions = new SessionHost({ logger: silentLogger(), entryUrl: pathToFileURL(join(asar, 'dist', 'session-host.js')) });
  const worker = new AgentWorker({ limiter: new RateLimiter({ baseBackoffMs: 50 }), logger: silentLogger(), workerUrl, spawn: sessions.spawn });
  try {
    const pong = await worker.ping(10_000);
    assert.equal(pong.busy, false);
  } finally {
    await worker.shutdown();
    await sessions.stop();
  }
});
