// /captcha <signalcaptcha://…>: answers Signal's send challenge from the phone (the phone's own
// messages still reach this computer while Signal holds its replies back). The answer to Signal
// happens in `prepare`, before the transaction; repeating it is harmless (a second run finds no
// challenge left). The reply goes out with the released replies once Signal accepted.
import { AppError } from '../../shared/errors.js';
import { captchaAccepted, captchaNotAsked, captchaRefused, captchaUsage } from '../../display/wording/index.js';
import { SIGNAL_CAPTCHA_URL } from '../../signal/send/refusals.js';
import { defineCommand } from '../command.js';

type Outcome = { readonly kind: 'accepted' } | { readonly kind: 'not-asked' } | { readonly kind: 'refused'; readonly why: string };

export const captchaCommand = defineCommand<Outcome>({
  name: 'captcha',
  usage: '/captcha LINK',
  summary: "answer Signal's captcha when it holds replies back",
  prepare: async (s, input) => {
    if (!input.rest || !s.solveCaptcha) return { kind: 'not-asked' };
    try {
      await s.solveCaptcha(input.rest);
      return { kind: 'accepted' };
    } catch (error) {
      if (error instanceof AppError && error.code === 'API_NOT_FOUND') return { kind: 'not-asked' };
      return { kind: 'refused', why: error instanceof AppError ? error.toUserLine() : String(error) };
    }
  },
  run: (_s, input, outcome) => {
    if (!input.rest) return { reply: captchaUsage(SIGNAL_CAPTCHA_URL) };
    switch (outcome?.kind) {
      case 'accepted':
        return { reply: captchaAccepted };
      case 'refused':
        return { reply: captchaRefused(outcome.why) };
      default:
        return { reply: captchaNotAsked };
    }
  },
});
