// The desktop app itself, where an Electron binary exists: its windows' security settings, the
// tray menu, the login item following the preference, and the same status and preferences
// checks as the browser specs. Without a binary this file says so and records a skipped test.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { saveScreenshot } from './helpers/artifacts.js';
import { electronBinary, launchDesktopApp } from './helpers/electron.js';
import { waitForOverview } from './helpers/overview.js';
import { tempDataDir } from './helpers/temp.js';
import { AnthropicTestServer } from '../test/helpers/anthropic-server.js';

interface E2eHooks {
  trayMenu(): Array<{ kind: string; label?: string; checked?: boolean }>;
  loginItemEnabled(): boolean;
  openView(view: { view: string; id?: string }): void;
  windowPreferences(): Array<Record<string, unknown> | null>;
}
const binary = electronBinary();

if ('missing' in binary) {
  console.log(`Electron specs NOT RUN on this machine: ${binary.missing}.`);
  test('Electron app: window security, tray menu, login item, status and preferences', { skip: `no Electron binary (${binary.missing})` }, () => undefined);
} else {
  const electron = binary.path;

  describe('Electron app', () => {
    test('windows are sandboxed and isolated, and cannot navigate away or open windows', async (t) => {
      const { app, window: windowFor } = await launchDesktopApp(t, electron, ['--data-dir', tempDataDir(t)]);
      const page = await windowFor('#/pairing'); // not linked yet: the app opens the pairing window
      const prefs = await app.evaluate(() => (globalThis as unknown as { signalClaudeE2e: E2eHooks }).signalClaudeE2e.windowPreferences());
      assert.ok(prefs.length > 0);
      for (const p of prefs) {
        assert.ok(p, 'every window was created by the app with its secure preferences');
        assert.equal(p?.contextIsolation, true);
        assert.equal(p?.sandbox, true);
        assert.equal(p?.nodeIntegration, false);
        assert.equal(p?.webviewTag, false);
      }
      assert.deepEqual(await page.evaluate(() => [typeof (window as unknown as { require?: unknown }).require, typeof (window as unknown as { process?: unknown }).process]), ['undefined', 'undefined']);
      assert.deepEqual(await page.evaluate(() => Object.keys((window as unknown as { signalClaude: object }).signalClaude).sort()), ['api', 'onEvent', 'openView']);
      const before = page.url();
      await page.evaluate(() => {
        window.location.href = 'https://example.com/';
      });
      await page.waitForTimeout(300);
      assert.equal(page.url(), before, 'navigation away is blocked');
      assert.equal(await page.evaluate(() => window.open('https://example.com/') === null), true, 'window.open is denied');
      assert.equal(app.windows().length, prefs.length);
    });

    test('the popover shows the real status and the tray menu offers the actions', async (t) => {
      const { app, window: windowFor } = await launchDesktopApp(t, electron, ['--data-dir', tempDataDir(t)]);
      await app.evaluate(() => (globalThis as unknown as { signalClaudeE2e: E2eHooks }).signalClaudeE2e.openView({ view: 'popover' }));
      const popover = await windowFor('#/');
      await waitForOverview(popover);
      await popover.getByText(/· desktop app ·/).waitFor();
      await saveScreenshot(popover, 'electron-popover');
      const menu = await app.evaluate(() => (globalThis as unknown as { signalClaudeE2e: E2eHooks }).signalClaudeE2e.trayMenu());
      const labels = menu.filter((i) => i.kind !== 'separator').map((i) => i.label);
      assert.equal(menu[0]?.kind, 'label', 'the menu starts with the Signal link state');
      for (const label of ['Open Signal Claude', 'Pair Device…', 'Preferences…', 'Open at Login', 'Quit Signal Claude']) assert.ok(labels.includes(label), label);
    });

    test('the login item follows the preference, and preferences survive a restart', async (t) => {
      const dataDir = tempDataDir(t);
      // The key saved below is checked against a local Anthropic-compatible server that accepts it.
      const claude = await AnthropicTestServer.start({ apiKeys: ['sk-ant-electron-SECRET-Ab12'] });
      t.after(() => claude.close());
      const env = { XDG_CONFIG_HOME: join(dataDir, 'xdg'), ANTHROPIC_BASE_URL: claude.url }; // Linux autostart entries land in the temp folder
      const first = await launchDesktopApp(t, electron, ['--data-dir', dataDir], env);
      await first.app.evaluate(() => (globalThis as unknown as { signalClaudeE2e: E2eHooks }).signalClaudeE2e.openView({ view: 'preferences' }));
      const prefs = await first.window('#/preferences');
      await prefs.getByRole('checkbox', { name: 'Open Signal Claude when I log in' }).check();
      await prefs.getByRole('radio', { name: 'Dark' }).check();
      await prefs.getByRole('button', { name: 'Save preferences' }).click();
      await prefs.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
      assert.equal(await first.app.evaluate(() => (globalThis as unknown as { signalClaudeE2e: E2eHooks }).signalClaudeE2e.loginItemEnabled()), true);
      await prefs.getByLabel('Key', { exact: true }).fill('sk-ant-electron-SECRET-Ab12');
      await prefs.getByRole('button', { name: 'Save key' }).click();
      await prefs.getByTestId('key-status').filter({ hasText: 'Set, ends in …Ab12' }).waitFor();
      assert.ok(!(await prefs.content()).includes('SECRET'));
      await first.close();

      const second = await launchDesktopApp(t, electron, ['--data-dir', dataDir], env);
      await second.app.evaluate(() => (globalThis as unknown as { signalClaudeE2e: E2eHooks }).signalClaudeE2e.openView({ view: 'preferences' }));
      const again = await second.window('#/preferences');
      await again.getByTestId('key-status').filter({ hasText: 'Set, ends in …Ab12' }).waitFor();
      assert.equal(await again.getByRole('radio', { name: 'Dark' }).isChecked(), true);
      await again.getByRole('checkbox', { name: 'Open Signal Claude when I log in' }).uncheck();
      await again.getByRole('button', { name: 'Save preferences' }).click();
      await again.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
      assert.equal(await second.app.evaluate(() => (globalThis as unknown as { signalClaudeE2e: E2eHooks }).signalClaudeE2e.loginItemEnabled()), false);
      await saveScreenshot(again, 'electron-preferences');
    });
  });
}
