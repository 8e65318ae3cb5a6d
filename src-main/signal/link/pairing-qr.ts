// The linking URL as a QR code for a terminal (headless start-up prints it under the
// "Link URL:" line). Half-block characters put two module rows in one text row, so the code
// fits an 80-column terminal for the URL lengths Signal uses.
import QRCode from 'qrcode';

export function terminalQr(url: string): Promise<string> {
  return QRCode.toString(url, { type: 'terminal', small: true, errorCorrectionLevel: 'L' });
}
