#!/usr/bin/env node
// `npm start`: builds, then runs the Electron app where it can (a display and an Electron
// binary, fetched on first use where the internet is reachable), otherwise the headless daemon
// in this same process (so SIGTERM reaches it directly). `npm run headless` forces headless.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);
const forceHeadless = argv.includes('--headless') || process.env.SIGNAL_CLAUDE_HEADLESS === '1';
const flags = argv.filter((a) => a !== '--headless');

const built = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

function hasDisplay() {
  if (process.platform === 'darwin' || process.platform === 'win32') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

function electronBinary() {
  const pkg = join(root, 'node_modules', 'electron');
  if (!existsSync(join(pkg, 'path.txt'))) {
    // Dependency install scripts are off (.npmrc); fetch the binary on first use. Offline this
    // fails quickly and we fall back to headless.
    process.stderr.write('Fetching the Electron binary (first start only)…\n');
    const r = spawnSync(process.execPath, [join(pkg, 'install.js')], { cwd: pkg, stdio: 'inherit', timeout: 300_000 });
    if (r.status !== 0 || !existsSync(join(pkg, 'path.txt'))) return undefined;
  }
  try {
    return spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], { cwd: root, encoding: 'utf8' }).stdout || undefined;
  } catch {
    return undefined;
  }
}

const electron = !forceHeadless && hasDisplay() && existsSync(join(root, 'dist', 'main.js')) ? electronBinary() : undefined;
if (electron && existsSync(electron)) {
  const child = spawn(electron, [root, ...flags], { stdio: 'inherit' });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  if (!forceHeadless) process.stderr.write('No display or Electron binary here: running headless (the UI is on the Dashboard URL).\n');
  process.argv = [process.argv[0], join(root, 'dist', 'cli.js'), ...flags];
  await import(pathToFileURL(join(root, 'dist', 'cli.js')).href);
}
