// Headless pairing: every linking URL as a line scripts can read, and on a terminal also as a
// QR code a phone can scan (Signal → Settings → Linked devices → +).
import { terminalQr } from '../signal/link/pairing-qr.js';
import type { Io } from './io.js';

export class LinkUrlPrinter {
  private last: string | undefined;

  constructor(private readonly io: Io) {}

  async print(url: string): Promise<void> {
    if (url === this.last) return;
    this.last = url;
    this.io.stdout(`Link URL: ${url}`);
    if (!this.io.isTerminal) return;
    try {
      const qr = await terminalQr(url);
      this.io.stdout(`Scan with Signal on your phone: Settings → Linked devices → +\n${qr}`);
    } catch {
      // The URL line above is enough to pair; the drawing is a convenience.
    }
  }
}
