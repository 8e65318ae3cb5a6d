// Everything works from the keyboard: Tab reaches every action with a visible focus ring, Enter
// and Space act, a new view takes the focus to its title, and Escape goes back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { launchChromium } from './helpers/chromium.js';
import { startBuiltDaemon } from './helpers/daemon.js';
import { waitForOverview } from './helpers/overview.js';
import { tempDataDir } from './helpers/temp.js';

/** The accessible-ish name of the focused element: its label, aria-label or text. */
function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return '';
    const labelled = (el as HTMLInputElement).labels?.[0]?.textContent;
    return (el.getAttribute('aria-label') ?? labelled ?? el.textContent ?? '').trim();
  });
}

async function tabTo(page: Page, name: string | RegExp, max = 60): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const current = await focusedName(page);
    seen.push(current);
    if (typeof name === 'string' ? current === name : name.test(current)) return;
  }
  throw new Error(`Tab never reached ${String(name)}; it went through: ${seen.join(' → ')}`);
}

test('the overview and preferences work with the keyboard alone', async (t) => {
  const daemon = await startBuiltDaemon(t, ['--data-dir', tempDataDir(t)]);
  const page = await (await launchChromium(t)).newPage();
  await page.goto(daemon.dashboardUrl);
  await waitForOverview(page);

  await tabTo(page, 'Pair device');
  await page.keyboard.press('Tab');
  assert.equal(await focusedName(page), 'Preferences', 'the actions come in reading order');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
  assert.notEqual(outline, 'none', 'the focused button shows a focus ring');

  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Preferences', level: 1 }).waitFor();
  assert.equal(await focusedName(page), 'Preferences', 'focus moves to the new view\'s title');
  assert.match(page.url(), /#\/preferences$/);

  await tabTo(page, 'Crashes');
  await page.keyboard.press('Space');
  assert.equal(await page.getByRole('checkbox', { name: 'Crashes' }).isChecked(), false);
  // Tab enters a radio group at its checked option; the arrows choose within it.
  await tabTo(page, 'Same as the system');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(await focusedName(page), 'Dark');
  await tabTo(page, 'Save preferences');
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  const saved = (await (await daemon.api('/api/preferences')).json()) as { values: { notifications: { crashes: boolean }; appearance: string } };
  assert.equal(saved.values.notifications.crashes, false);
  assert.equal(saved.values.appearance, 'dark');
  // The browser's scheme is light; the preference wins.
  const background = await page.waitForFunction(() => {
    const bg = getComputedStyle(document.body).backgroundColor;
    return bg === 'rgb(28, 29, 33)' && bg;
  });
  assert.equal(await background.jsonValue(), 'rgb(28, 29, 33)', 'Appearance: Dark applies at once');

  await page.keyboard.press('Escape');
  await page.getByRole('heading', { name: 'Signal Claude', level: 1 }).waitFor();
  assert.equal(await focusedName(page), 'Signal Claude');

  await tabTo(page, 'Pair device');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Link with Signal', level: 1 }).waitFor();
  await page.keyboard.press('Escape');
  await page.getByRole('heading', { name: 'Signal Claude', level: 1 }).waitFor();
  await daemon.stop();
});

test('radio groups move with the arrow keys and every control has a name', async (t) => {
  const daemon = await startBuiltDaemon(t, ['--data-dir', tempDataDir(t)]);
  const page = await (await launchChromium(t)).newPage();
  await page.goto(`${daemon.dashboardUrl}#/preferences`);
  await page.getByRole('heading', { name: 'Preferences', level: 1 }).waitFor();
  await tabTo(page, /^default/);
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.getByRole('radio', { name: /acceptEdits/ }).isChecked(), true);

  const unnamed = await page.evaluate(() =>
    [...document.querySelectorAll('button, input, a[href], select, textarea')]
      .filter((el) => {
        const input = el as HTMLInputElement;
        const name = el.getAttribute('aria-label') ?? input.labels?.[0]?.textContent ?? el.textContent;
        return !name?.trim();
      })
      .map((el) => el.outerHTML.slice(0, 80)),
  );
  assert.deepEqual(unnamed, [], 'screen readers can name every control');
  await daemon.stop();
});
