// Signal holds replies back until a captcha is solved (a 428 on a send): the overview says what
// to do in one sentence, links Signal's captcha page, and takes the signalcaptcha:// link it
// gives. Signal's refusal (wrong or expired) shows as the daemon words it; nothing held is lost.
import { useId, useState } from 'react';
import type { Status } from '../../src-main/shared/api';
import { useAction, useLive } from '../state/live';
import { ErrorLine } from './common';

export function CaptchaChallenge({ challenge }: { challenge: NonNullable<Status['signal']['challenge']> }) {
  const { client } = useLive();
  const [value, setValue] = useState('');
  const action = useAction();
  const inputId = useId();
  const submit = () =>
    void action.run(async () => {
      await client.call('signalCaptcha', { captcha: value });
      setValue('');
    });
  return (
    <section className="notice notice--warn captcha" aria-labelledby={`${inputId}-title`}>
      <h2 id={`${inputId}-title`}>Signal wants a captcha</h2>
      <p>
        Replies wait until you solve Signal&rsquo;s captcha:{' '}
        <a href={challenge.captchaUrl} target="_blank" rel="noreferrer">
          open the captcha page
        </a>
        , solve it, copy the <code>signalcaptcha://</code> link it gives (the &ldquo;Open Signal&rdquo; button) and paste it here.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <label htmlFor={inputId}>Captcha link</label>
        <div className="button-row">
          <input id={inputId} type="text" autoComplete="off" spellCheck={false} placeholder="signalcaptcha://…" value={value} onChange={(e) => setValue(e.target.value)} />
          <button type="submit" className="button--primary" disabled={action.busy || value.trim() === ''}>
            Send captcha
          </button>
        </div>
      </form>
      <ErrorLine error={action.error} />
    </section>
  );
}
