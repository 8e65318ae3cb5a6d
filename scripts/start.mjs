#!/usr/bin/env node
// `npm start`: builds, then runs the Electron app where it can (a display and an Electron
// binary, fetched on first use where the internet is reachable), otherwise the headless daemon
// in this same process (so SIGTERM reaches it directly). `npm run headless` forces headless.
// When Electron cannot start (the AppArmor sandbox abort on Ubuntu 23.10+, or another death by
// signal while starting) it says why in one line, runs headless and opens the dashboard.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { browserOpener, judgeElectronExit } from './lib/electron-exit.mjs';

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
  // ELECTRON_OVERRIDE_DIST_PATH (Electron's own variable) names a binary folder: nothing to fetch.
  if (!existsSync(join(pkg, 'path.txt')) && !process.env.ELECTRON_OVERRIDE_DIST_PATH) {
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

function runHeadless() {
  process.argv = [process.argv[0], join(root, 'dist', 'cli.js'), ...flags];
  return import(pathToFileURL(join(root, 'dist', 'cli.js')).href);
}

/** After a fallback from Electron there is a display but no window: open the dashboard. */
function openDashboardWhenPrinted() {
  const write = process.stdout.write.bind(process.stdout);
  let seen = '';
  process.stdout.write = (chunk, ...rest) => {
    seen += String(chunk);
    const url = /^Dashboard: (http:\/\/127\.0\.0\.1:\d+\/\S*)$/m.exec(seen)?.[1];
    if (url) {
      process.stdout.write = write;
      const { cmd, args } = browserOpener(process.platform);
      const opener = spawn(cmd, [...args, url], { stdio: 'ignore' });
      opener.on('error', () => undefined);
      opener.unref();
    } else if (seen.length > 64_000) {
      process.stdout.write = write;
    }
    return write(chunk, ...rest);
  };
}

const electron = !forceHeadless && hasDisplay() && existsSync(join(root, 'dist', 'main.js')) ? electronBinary() : undefined;
if (electron && existsSync(electron)) {
  const startedAt = Date.now();
  // stderr is passed through and also kept (its start only) to recognise a sandbox abort.
  const child = spawn(electron, [root, ...flags], { stdio: ['inherit', 'inherit', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    if (stderr.length < 64_000) stderr += String(chunk);
    process.stderr.write(chunk);
  });
  let forwarded;
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.on(sig, () => {
      forwarded = sig;
      child.kill(sig);
    });
  }
  child.on('close', (code, signal) => {
    const verdict = judgeElectronExit({ code, signal, stderr, uptimeMs: Date.now() - startedAt, forwarded });
    if (verdict.action === 'exit') process.exit(verdict.code);
    process.stderr.write(`${verdict.reason}\n`);
    for (const sig of ['SIGINT', 'SIGTERM']) process.removeAllListeners(sig);
    openDashboardWhenPrinted();
    void runHeadless();
  });
} else {
  if (!forceHeadless) process.stderr.write('No display or Electron binary here: running headless (the UI is on the Dashboard URL).\n');
  await runHeadless();
}
