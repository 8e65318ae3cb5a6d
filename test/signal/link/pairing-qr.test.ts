import { test } from 'node:test';
import assert from 'node:assert/strict';
import jsQR from 'jsqr';
import { randomUUID } from 'node:crypto';
import { terminalQr } from '../../../src-main/signal/link/pairing-qr.js';
import { generateProvisioningKeyPair } from '../../../src-main/signal/link/provisioning-cipher.js';
import { linkDeviceUrl } from '../../../src-main/signal/link/provisioning.js';

const WHITE_ON_TERMINAL = '\u001b[37m';

/**
 * Turns the terminal drawing back into pixels (half blocks: top and bottom module of a column;
 * black on white). A code of odd height ends in a row of ▀ drawn white on the terminal's own
 * background: the top half of the quiet zone, light, so it is read as such.
 */
function scan(drawing: string): string | undefined {
  const modules: boolean[][] = [];
  for (const raw of drawing.split('\n')) {
    const chars = [...raw.replace(/\u001b\[[0-9;]*m/g, '')];
    if (chars.length === 0) continue;
    if (raw.includes(WHITE_ON_TERMINAL)) {
      modules.push(chars.map(() => false));
      continue;
    }
    modules.push(chars.map((c) => c === '█' || c === '▀'));
    modules.push(chars.map((c) => c === '█' || c === '▄'));
  }
  const scale = 4;
  const quiet = 4;
  const width = ((modules[0]?.length ?? 0) + quiet * 2) * scale;
  const height = (modules.length + quiet * 2) * scale;
  const pixels = new Uint8ClampedArray(width * height * 4).fill(255);
  modules.forEach((line, y) =>
    line.forEach((dark, x) => {
      if (!dark) return;
      for (let dy = 0; dy < scale; dy++)
        for (let dx = 0; dx < scale; dx++) {
          const i = (((y + quiet) * scale + dy) * width + (x + quiet) * scale + dx) * 4;
          pixels[i] = pixels[i + 1] = pixels[i + 2] = 0;
        }
    }),
  );
  return jsQR(pixels, width, height)?.data;
}

test('the terminal QR code scans back to the linking URL and fits 80 columns', async () => {
  // Every code differs (random uuid and key): check enough of them to meet the odd cases.
  for (let i = 0; i < 50; i++) {
    const url = linkDeviceUrl(randomUUID(), generateProvisioningKeyPair().publicKeyBase64);
    const drawing = await terminalQr(url);
    assert.equal(scan(drawing), url);
    const widest = Math.max(...drawing.replace(/\u001b\[[0-9;]*m/g, '').split('\n').map((r) => [...r].length));
    assert.ok(widest <= 80, `${widest} columns`);
  }
});
