// A tray click on an open popover closes it: the blur that click causes hides the popover, and
// the click itself (within 100 ms) must not show it again. Later clicks open it as usual.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BLUR_GUARD_MS, BlurGuard } from '../../src-main/electron/popover-blur-guard.js';

test('the click that blurred the popover does not reopen it; a later click does', () => {
  let now = 1_000;
  const guard = new BlurGuard(() => now);
  assert.equal(guard.clickOpens(), true, 'never hidden: a click opens');
  guard.hiddenOnBlur();
  now += 20;
  assert.equal(guard.clickOpens(), false, 'the same click, 20 ms after the blur');
  now += BLUR_GUARD_MS;
  assert.equal(guard.clickOpens(), true, 'a new click');
});

test('the guard counts from the latest hide', () => {
  let now = 0;
  const guard = new BlurGuard(() => now);
  guard.hiddenOnBlur();
  now = 500;
  guard.hiddenOnBlur();
  now = 550;
  assert.equal(guard.clickOpens(), false);
  now = 600;
  assert.equal(guard.clickOpens(), true);
});
