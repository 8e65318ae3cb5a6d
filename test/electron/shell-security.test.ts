// The desktop shell's security, checked over its source (no Electron binary needed), after
// Electron's security checklist: every window built with the one secure webPreferences, every web
// contents hardened (no navigation, no new windows, no webviews), no permission granted, links
// to the browser only through the allowlist, a preload that exposes named functions and nothing
// generic; and the renderer's files served without a way out of their folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadStaticFile } from '../../src-main/host/static-files.js';
import { tempDir } from '../helpers/temp.js';

const ELECTRON_DIR = fileURLToPath(new URL('../../src-main/electron/', import.meta.url));
const sources = readdirSync(ELECTRON_DIR)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => ({ file: f, text: readFileSync(join(ELECTRON_DIR, f), 'utf8') }));
const all = sources.map((s) => s.text).join('\n');
const source = (file: string) => sources.find((s) => s.file === file)?.text ?? assert.fail(`src-main/electron/${file} is missing`);

test('no insecure window setting appears anywhere in the shell', () => {
  const insecure = [
    /nodeIntegration\w*\s*:\s*true/,
    /contextIsolation\s*:\s*false/,
    /sandbox\s*:\s*false/,
    /webSecurity\s*:\s*false/,
    /allowRunningInsecureContent\s*:\s*true/,
    /experimentalFeatures\s*:\s*true/,
    /enableBlinkFeatures/,
    /webviewTag\s*:\s*true/,
    /enableRemoteModule/,
    /@electron\/remote/,
    /disableBlinkFeatures/,
    /\.openDevTools\(/,
    /allow-file-access-from-files|disable-web-security|ignore-certificate-errors/,
    /setCertificateVerifyProc|certificate-error/,
  ];
  for (const { file, text } of sources) for (const pattern of insecure) assert.doesNotMatch(text, pattern, `${file}: ${pattern}`);
});

test('every window is created in one place, with the secure webPreferences', () => {
  const creations = sources.flatMap(({ file, text }) => [...text.matchAll(/new BrowserWindow\(/g)].map(() => file));
  assert.deepEqual(creations, ['windows.ts'], 'BrowserWindow is only constructed by the window manager');
  const windows = source('windows.ts');
  const create = /new BrowserWindow\(\{([^}]*)\}\)/.exec(windows)?.[1] ?? '';
  assert.match(create, /\bwebPreferences\b/);
  assert.match(windows, /const webPreferences = secureWebPreferences\(/, 'built by secureWebPreferences (tested in web-preferences.test.ts)');
  assert.doesNotMatch(create, /webPreferences\s*:/, 'never an inline webPreferences object');
});

test('every web contents is hardened: no navigation away, no new windows, no webviews', () => {
  assert.match(source('desktop-app.ts'), /app\.on\('web-contents-created',[^)]*\)\s*=>\s*\n?\s*hardenWebContents\(/, 'applied to all web contents, not just ours');
  const windows = source('windows.ts');
  const harden = windows.slice(windows.indexOf('export function hardenWebContents'), windows.indexOf('export class WindowManager'));
  assert.match(harden, /'will-navigate'[\s\S]*event\.preventDefault\(\)/);
  assert.match(harden, /'will-redirect'[\s\S]*event\.preventDefault\(\)/);
  assert.match(harden, /setWindowOpenHandler\([\s\S]*return \{ action: 'deny' \}/);
  assert.match(harden, /'will-attach-webview', \(event\) => event\.preventDefault\(\)/);
  assert.doesNotMatch(harden, /action: 'allow'/);
});

test('no permission is ever granted, and only allowlisted links reach the browser', () => {
  assert.match(source('desktop-app.ts'), /setPermissionRequestHandler\(\([^)]*\) => callback\(false\)\)/);
  assert.match(source('desktop-app.ts'), /setPermissionCheckHandler\(\(\) => false\)/);
  // The command host is a utility process: nothing runs Electron as Node (the RunAsNode fuse is off).
  assert.doesNotMatch(all, /ELECTRON_RUN_AS_NODE/);
  assert.doesNotMatch(all, /callback\(true\)/);
  const opens = [...all.matchAll(/shell\.openExternal\(/g)];
  assert.equal(opens.length, 1, 'one place opens links');
  assert.match(source('windows.ts'), /if \(isAllowedExternalUrl\(url\)\) void shell\.openExternal\(url\)/);
  assert.doesNotMatch(all, /shell\.openPath|shell\.openItem/);
});

test('the preload exposes one named function per route and nothing generic', () => {
  const preload = source('preload.ts');
  assert.equal([...preload.matchAll(/exposeInMainWorld\(/g)].length, 1);
  assert.match(preload, /contextBridge\.exposeInMainWorld\('signalClaude', bridge\)/);
  assert.doesNotMatch(preload, /ipcRenderer\.(send|sendSync|sendTo|postMessage)\(/, 'only invoke on fixed channels');
  assert.doesNotMatch(preload, /invoke\((?!channel|OPEN_VIEW_CHANNEL)/, 'no caller-chosen channel');
  assert.doesNotMatch(preload, /exposeInMainWorld\([^)]*ipcRenderer/, 'ipcRenderer itself never crosses the bridge');
  assert.doesNotMatch(preload, /require\(|process\.|Buffer/, 'no Node in the bridge');
});

test('the app:// scheme answers GET for its own host only, with the CSP', () => {
  const protocol = source('app-protocol.ts');
  assert.match(protocol, /url\.host !== APP_HOST \|\| request\.method !== 'GET'/);
  assert.match(protocol, /'Content-Security-Policy': RENDERER_CSP/);
  assert.match(protocol, /privileges: \{ standard: true, secure: true \}/);
  assert.doesNotMatch(protocol, /bypassCSP|corsEnabled|allowServiceWorkers/);
});

test("the renderer's files are served from their folder only (traversal, encoded dots, broken escapes)", async (t) => {
  const base = tempDir(t);
  const root = join(base, 'dist-renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(base, 'secret.txt'), 'SECRET');
  for (const path of ['/../secret.txt', '/..%2fsecret.txt', '/%2e%2e/secret.txt', '/assets/../../secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/..\\secret.txt', '/%E0%A4%A', '/assets/%ZZ.js', `/${'../'.repeat(20)}etc/passwd`]) {
    const file = await loadStaticFile(root, path);
    assert.doesNotMatch(file.body.toString(), /SECRET|root:x:0/, path);
    assert.ok([200, 404].includes(file.status), `${path}: ${file.status}`);
  }
  assert.equal((await loadStaticFile(root, '/assets/app.js')).status, 200);
});
