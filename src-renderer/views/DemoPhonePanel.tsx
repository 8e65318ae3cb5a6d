// `npm run demo` only: a simulated phone next to the app. What is typed here goes to the app as
// the owner writing in Note to Self (through Signal's mock server); what the app sends back
// shows as that phone shows it. Rendered only when the daemon sends "demo-phone" events, which
// only the demo's daemon does; it says plainly that it is a demo and not Signal.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { DemoPhoneMessage } from '../../src-main/shared/api';
import { ErrorLine } from '../components/common';
import { clockTime } from '../format';
import { useAction, useLive } from '../state/live';
import { pendingApprovals } from '../state/live-state';

const SUGGESTIONS = ['list the files', 'add a line to the README', 'run ls', '/status', '/help'];

/** "reply yes 4f2a, always 4f2a or no 4f2a": the answers a phone user would type, while it waits. */
function approvalAnswers(body: string, pending: ReadonlySet<string>): string[] {
  const id = /reply yes ([0-9a-f]{4,8}), always \1 or no \1/.exec(body)?.[1];
  return id && [...pending].some((p) => p.startsWith(id)) ? [`yes ${id}`, `always ${id}`, `no ${id}`] : [];
}

export function DemoPhonePanel({ messages }: { messages: readonly DemoPhoneMessage[] }) {
  const { client, sessions } = useLive();
  const [draft, setDraft] = useState('');
  const send = useAction();
  const inputId = useId();
  const logRef = useRef<HTMLOListElement>(null);

  // Keep the newest message in sight, as a chat does.
  useEffect(() => {
    const log = logRef.current;
    if (log) log.scrollTop = log.scrollHeight;
  }, [messages]);

  const say = async (text: string) => {
    if (await send.run(() => client.call('demoPhoneSay', { text }))) setDraft('');
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (draft.trim()) void say(draft.trim());
  };
  // Quick answers only while the approval is still waiting (it may have been answered in the app).
  const pending = new Set(pendingApprovals(sessions).map((a) => a.id));

  return (
    <aside className="demo-phone" aria-labelledby="demo-phone-title">
      <h2 id="demo-phone-title">
        <span className="demo-tag">DEMO</span> Phone · Note to Self
      </h2>
      <p className="muted small">
        A simulated phone on Signal&apos;s mock server, not your Signal. Type as its owner; replies show as the phone gets them.
      </p>
      <ol className="demo-phone__messages" role="log" aria-label="Note to Self on the demo phone" ref={logRef}>
        {messages.length === 0 && <li className="muted small">Linking the demo phone…</li>}
        {messages.map((m) => {
          const answers = m.from === 'computer' ? approvalAnswers(m.body, pending) : [];
          return (
            <li key={m.id} className={`bubble bubble--${m.from}`}>
              <span className="visually-hidden">{m.from === 'owner' ? 'You: ' : 'Signal Claude: '}</span>
              <p className="bubble__text">{m.body}</p>
              <span className="bubble__meta">
                {clockTime(m.at)}
                {m.edited && ' · edited'}
                {m.notified && ' · notified'}
              </span>
              {answers.length > 0 && (
                <div className="button-row" role="group" aria-label="Answer from the phone">
                  {answers.map((a) => (
                    <button key={a} type="button" disabled={send.busy} onClick={() => void say(a)}>
                      {a}
                    </button>
                  ))}
                </div>
              )}
            </li>
          );
        })}
      </ol>
      <form className="demo-phone__compose" onSubmit={submit}>
        <label htmlFor={inputId}>Message as the phone</label>
        <div className="demo-phone__row">
          <input id={inputId} type="text" value={draft} onChange={(e) => setDraft(e.target.value)} placeholder="e.g. list the files" autoComplete="off" />
          <button type="submit" className="button--primary" disabled={send.busy || !draft.trim()}>
            Send
          </button>
        </div>
      </form>
      <ErrorLine error={send.error} />
      <div className="button-row" role="group" aria-label="Try">
        {SUGGESTIONS.map((s) => (
          <button key={s} type="button" className="button--quiet small" disabled={send.busy} onClick={() => setDraft(s)}>
            {s}
          </button>
        ))}
      </div>
    </aside>
  );
}
