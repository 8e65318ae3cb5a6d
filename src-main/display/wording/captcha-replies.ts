// What the phone says about Signal's captcha challenge (a 428 on a send): the one notice when
// Signal starts asking, and the answers to /captcha.

export const captchaNotice = (captchaUrl: string): string =>
  `⚠️ Signal is holding replies back until a captcha is solved: open ${captchaUrl}, solve it, copy the signalcaptcha:// link it gives and send /captcha <link> here (or paste it in the app's dashboard).`;

export const captchaAccepted = 'Signal accepted the captcha: held replies go out now.';

export const captchaNotAsked = 'Signal is not asking for a captcha now: nothing to do.';

export const captchaUsage = (captchaUrl: string): string =>
  `Send /captcha followed by the signalcaptcha:// link that ${captchaUrl} gives once solved.`;

/** Signal refused it, or it was not a captcha: the reason as the app words it. */
export const captchaRefused = (why: string): string => `The captcha did not go through: ${why}`;
