// Layout checks a person would notice: nothing in a view reaches past the window's width, and
// the page never scrolls sideways (the tray popover is 360 px wide).
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';

export async function nothingPastWidth(page: Page, scope: Locator, max: number): Promise<void> {
  const over = await scope.evaluate((root, limit) => {
    return [root, ...root.querySelectorAll('*')]
      .filter((el) => el.getBoundingClientRect().width > 0 && el.getBoundingClientRect().right > limit + 0.5)
      .map((el) => `${el.tagName}.${el.className} right=${el.getBoundingClientRect().right}`);
  }, max);
  assert.deepEqual(over, [], 'no element reaches past the window');
  assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= max, 'the page does not scroll sideways');
}
