// The popover opens under the tray icon, above it on a bottom taskbar, and never off screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { popoverPosition } from '../../src-main/electron/popover-position.js';

const size = { width: 380, height: 540 };
const screen = { x: 0, y: 25, width: 1440, height: 875 }; // macOS: menu bar above the work area

test('centred under an icon in a top menu bar', () => {
  assert.deepEqual(popoverPosition({ x: 1000, y: 0, width: 22, height: 25 }, size, screen), { x: 821, y: 29 });
});

test('kept inside the screen when the icon is near the right edge', () => {
  assert.deepEqual(popoverPosition({ x: 1420, y: 0, width: 22, height: 25 }, size, { x: 0, y: 25, width: 1440, height: 875 }), { x: 1056, y: 29 });
});

test('above the icon on a bottom taskbar (Windows)', () => {
  const work = { x: 0, y: 0, width: 1920, height: 1040 };
  assert.deepEqual(popoverPosition({ x: 1700, y: 1044, width: 24, height: 36 }, size, work), { x: 1522, y: 496 });
});

test('top-right corner when the tray reports no bounds (some Linux panels)', () => {
  const work = { x: 0, y: 27, width: 1920, height: 1053 };
  assert.deepEqual(popoverPosition({ x: 0, y: 0, width: 0, height: 0 }, size, work), { x: 1536, y: 31 });
});
