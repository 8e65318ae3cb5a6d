// Reads a QR code the way a phone camera does: from pixels (a screenshot), with a real decoder
// (jsQR), so the pairing spec proves the page draws a scannable code of the right URL.
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { Locator } from 'playwright-core';

export function decodeQrPng(png: Buffer): string | undefined {
  const image = PNG.sync.read(png);
  const code = jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length), image.width, image.height);
  return code?.data;
}

/** Screenshots the element (with a little margin of page around it) and decodes it. */
export async function scanQr(element: Locator): Promise<string | undefined> {
  return decodeQrPng(await element.screenshot());
}
