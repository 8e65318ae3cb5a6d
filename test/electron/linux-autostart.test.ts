// "Open at login" on Linux: the XDG autostart entry appears and disappears with the preference.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { autostartDir, autostartEntry, LinuxAutostart, quoteExec } from '../../src-main/electron/linux-autostart.js';
import { tempDir } from '../helpers/temp.js';

test('toggling writes and removes ~/.config/autostart/signal-claude.desktop', (t) => {
  const dir = join(tempDir(t), 'autostart');
  const autostart = new LinuxAutostart(dir);
  assert.equal(autostart.isEnabled(), false);
  autostart.set(true, ['/opt/Signal Claude/signal-claude']);
  assert.equal(autostart.isEnabled(), true);
  const entry = readFileSync(join(dir, 'signal-claude.desktop'), 'utf8');
  assert.match(entry, /^\[Desktop Entry\]\nType=Application\n/);
  assert.match(entry, /^Exec="\/opt\/Signal Claude\/signal-claude"$/m, 'paths with spaces are quoted');
  autostart.set(false, []);
  assert.equal(autostart.isEnabled(), false);
  autostart.set(false, []);
});

test('XDG_CONFIG_HOME is honoured and special characters are escaped', () => {
  assert.equal(autostartDir({ XDG_CONFIG_HOME: '/x/cfg' }, '/home/me'), '/x/cfg/autostart');
  assert.equal(autostartDir({}, '/home/me'), '/home/me/.config/autostart');
  // Inside quotes $ and " are backslash-escaped, and the string escaping doubles that backslash.
  assert.ok(autostartEntry(['/a/b', '/app$"x']).includes('\nExec=/a/b "/app\\\\$\\\\"x"\n'));
});

test('Exec escapes % as %% and a literal backslash as four, per the Desktop Entry spec', () => {
  assert.equal(quoteExec('/opt/app'), '/opt/app');
  assert.equal(quoteExec('/home/me/100%'), '/home/me/100%%');
  assert.equal(quoteExec('/home/me/My Prøjects/50% off'), '"/home/me/My Prøjects/50%% off"');
  assert.equal(quoteExec('C:\\app'), '"C:\\\\\\\\app"', 'a literal backslash is four');
  assert.equal(quoteExec('a`b'), '"a\\\\`b"');
  assert.equal(quoteExec("it's"), '"it\'s"');
});
