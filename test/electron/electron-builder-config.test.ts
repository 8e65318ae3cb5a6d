// electron-builder.yml, checked offline with electron-builder's own loader and schema, plus what
// this app needs from it: the three platforms' targets, native modules and the worker outside
// the asar, a menu-bar-only app on macOS, and icon files that exist at the right sizes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import type { Configuration } from 'app-builder-lib';
import { log } from 'builder-util/out/log.js';
import { trayIconFile } from '../../src-main/electron/tray-menu.js';

// electron-builder logs "• loaded configuration" to stdout; in a node:test child, stdout carries
// the runner's own frames and stray text there can corrupt them (nodejs/node#64061). Its logs go
// to stderr instead.
(log as unknown as { stream: NodeJS.WritableStream }).stream = process.stderr;

const root = fileURLToPath(new URL('../..', import.meta.url));
const quiet = { isEnabled: false, add: () => undefined } as unknown as Parameters<typeof validateConfiguration>[1];

async function load(): Promise<Configuration> {
  return getConfig(root, join(root, 'electron-builder.yml'), null);
}

function targets(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map((t) => (typeof t === 'string' ? t : (t as { target: string }).target));
}

test('electron-builder accepts the configuration', async () => {
  const config = await load();
  await validateConfiguration(config, quiet);
  await assert.rejects(validateConfiguration({ ...config, mac: { ...config.mac, nonsense: true } as Configuration['mac'] }, quiet), /configuration\.mac/, 'the check does reject a bad key');
});

test('dmg and zip on macOS, AppImage and deb on Linux, nsis on Windows', async () => {
  const config = await load();
  assert.deepEqual(targets(config.mac?.target), ['dmg', 'zip']);
  assert.deepEqual(targets(config.linux?.target).sort(), ['AppImage', 'deb']);
  assert.deepEqual(targets(config.win?.target), ['nsis']);
});

test('native modules and the worker entry are real files outside the asar', async () => {
  const config = await load();
  assert.equal(config.asar, true);
  const unpacked = config.asarUnpack as string[];
  for (const pkg of ['@signalapp/libsignal-client', '@signalapp/sqlcipher']) assert.ok(unpacked.some((p) => p.startsWith(`node_modules/${pkg}/`)), pkg);
  assert.ok(unpacked.includes('dist/worker.js'));
  assert.ok(unpacked.includes('dist/command-host.js'));
  assert.ok(unpacked.includes('dist/session-host.js'));
  for (const [platform, files, prebuild] of [['mac', config.mac?.files, 'darwin'], ['linux', config.linux?.files, 'linux'], ['win', config.win?.files, 'win32']] as const) {
    const list = JSON.stringify(files);
    for (const needed of ['dist/**/*', 'dist-renderer/**/*', 'package.json', '!**/*.map']) assert.ok(list.includes(needed), `${platform}: ${needed}`);
    assert.ok(list.includes(`prebuilds/!(${prebuild}-\${arch})/**`), `${platform} keeps only its own prebuilds`);
  }
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string };
  assert.equal(pkg.main, 'dist/main.js', 'the packaged app starts the bundle the build writes');
});

test('a menu-bar app on macOS: no Dock icon, hardened runtime with entitlements', async () => {
  const config = await load();
  assert.equal((config.mac?.extendInfo as Record<string, unknown>).LSUIElement, true);
  assert.equal(config.mac?.hardenedRuntime, true);
  const entitlements = readFileSync(join(root, config.mac?.entitlements ?? ''), 'utf8');
  // Only what the app needs: JIT for V8; library validation stays on (natives are signed with the app).
  assert.deepEqual([...entitlements.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1]), ['com.apple.security.cs.allow-jit']);
});

test('tray icons exist in light, dark and template variants, each with a problem dot, at 1x and 2x, and the app icon at 1024', () => {
  const size = (file: string) => {
    const png = PNG.sync.read(readFileSync(join(root, 'resources', file)));
    return [png.width, png.height];
  };
  for (const [platform, dark] of [['darwin', false], ['linux', false], ['linux', true]] as const) {
    for (const state of ['ok', 'problem'] as const) {
      const file = trayIconFile(platform, dark, state);
      assert.deepEqual(size(file), [16, 16], file);
      assert.deepEqual(size(file.replace('.png', '@2x.png')), [32, 32], file);
    }
  }
  assert.deepEqual(size('icon.png'), [1024, 1024]);
});

test('the deb installs the AppArmor profile Ubuntu 23.10+ needs (electron-builder\'s own scripts, not replaced)', async () => {
  const config = await load();
  // A custom afterInstall/appArmorProfile would replace the default that installs
  // /etc/apparmor.d/<executable>; keep electron-builder's.
  assert.equal(config.deb?.afterInstall, undefined);
  assert.equal(config.deb?.afterRemove, undefined);
  assert.equal(config.deb?.appArmorProfile, undefined);
  const templates = join(root, 'node_modules', 'app-builder-lib', 'templates', 'linux');
  const profile = readFileSync(join(templates, 'apparmor-profile.tpl'), 'utf8')
    .replaceAll('${executable}', 'signal-claude')
    .replaceAll('${sanitizedProductName}', config.productName ?? '');
  assert.match(profile, /^abi <abi\/4\.0>,$/m);
  assert.match(profile, /^include <tunables\/global>$/m);
  assert.match(profile, /profile "signal-claude" "\/opt\/Signal Claude\/signal-claude" flags=\(unconfined\) \{\s+userns,/);
  assert.match(readFileSync(join(templates, 'after-install.tpl'), 'utf8'), /APPARMOR_PROFILE_TARGET='\/etc\/apparmor\.d\/\$\{executable\}'/);
});

test('the deb has what fpm needs (homepage, maintainer) and depends on electron-builder\'s defaults plus libsecret', async () => {
  const config = await load();
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { homepage?: string };
  assert.ok(pkg.homepage, 'without a homepage the deb target stops with "Please specify project homepage"');
  assert.ok(config.linux?.maintainer, 'the deb maintainer (otherwise author.email is required)');
  // The module's default export is the class (CommonJS exports.default, unwrapped by the loader).
  const mod = (await import('app-builder-lib/out/targets/FpmTarget.js')) as unknown as {
    default: { prototype: { getDefaultDepends(target: string): string[] } };
  };
  const defaults = mod.default.prototype.getDefaultDepends('deb');
  assert.ok(defaults.length > 0);
  const depends = config.deb?.depends ?? [];
  for (const name of [...defaults, 'libsecret-1-0']) assert.ok(depends.includes(name), `deb.depends keeps ${name}`);
});

test('Electron fuses: no RunAsNode, NODE_OPTIONS or --inspect; the app only from a checked asar; cookies encrypted', async () => {
  const config = await load();
  assert.deepEqual(config.electronFuses, {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    grantFileProtocolExtraPrivileges: false,
  });
});
