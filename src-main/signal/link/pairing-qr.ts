// The linking URL as a QR code for a terminal (headless start-up prints it under the
// "Link URL:" line). Half-block characters put two module rows in one text row, so the code
// fits an 80-column terminal for the URL lengths Signal uses. The QR library is imported on first
// use: a linked app never draws one, and idle it should not hold the code.

export async function terminalQr(url: string): Promise<string> {
  const { default: QRCode } = await import('qrcode');
  return QRCode.toString(url, { type: 'terminal', small: true, errorCorrectionLevel: 'L' });
}
