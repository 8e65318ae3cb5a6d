// The UI's view of the Signal link (PairingControl) over SignalService.
import { AppError } from '../shared/errors.js';
import type { SignalService } from '../signal/service.js';
import type { PairingControl } from './controls.js';

export function pairingControl(signal: SignalService): PairingControl {
  return {
    current: () => signal.pairing(),
    start: async () => {
      // Only without a link: on a linked computer a new QR code would drop the working
      // connection (the API promises to unlink nothing).
      const { state } = signal.status();
      if (state === 'unlinked' || state === 'unlinked-by-phone') signal.startLinking();
      return signal.pairing();
    },
    identityChanges: () =>
      signal.identityChanges().map((c) => ({ id: c.serviceId, who: `account …${c.serviceId.slice(-4)}`, at: new Date(c.detectedAt).toISOString() })),
    confirmIdentity: async (id) => {
      const known = signal.identityChanges().some((c) => c.serviceId === id);
      if (!known) throw new AppError('API_NOT_FOUND', `No safety-number change ${id} is waiting.`);
      signal.confirmIdentity(id);
    },
    solveCaptcha: (captcha) => signal.solveCaptcha(captcha),
  };
}
