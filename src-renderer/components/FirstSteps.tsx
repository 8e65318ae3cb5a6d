// First run, one screen at a time: the Anthropic key (checked with one cheap call before it is
// saved), linking with Signal, an allowed project folder, starting at login, then a first
// message from the phone. Each step can be skipped; what is still missing stays named in one
// line of the overview ("Not set up yet: Anthropic key, Signal link"), with a way back in.
import { useCallback, useState, type ReactNode } from 'react';
import { ViewLink } from './ViewLink';
import { FirstRunFolder, FirstRunKey, FirstRunLogin } from './FirstRunForms';
import { useLive } from '../state/live';

type StepId = 'key' | 'link' | 'folder' | 'login' | 'message';
type StepState = 'done' | 'current' | 'skipped' | 'later';

const ORDER: readonly StepId[] = ['key', 'link', 'folder', 'login', 'message'];
const TITLE: Record<StepId, string> = {
  key: 'Anthropic API key',
  link: 'Link with Signal',
  folder: 'Allow a project folder',
  login: 'Start at login',
  message: 'Send a first message',
};
/** How a missing step is named in the "Not set up yet" line (the first message is not set-up). */
const MISSING: Partial<Record<StepId, string>> = { key: 'Anthropic key', link: 'Signal link', folder: 'project folder', login: 'start at login' };
const STATE_TEXT: Record<StepState, string> = { done: 'Done', current: 'Next', skipped: 'Skipped', later: 'Later' };

/** What the owner chose here, kept in the browser profile (the rest is read from the app's state). */
const STORAGE_KEY = 'signal-claude.first-run';
interface Remembered {
  readonly skipped: readonly StepId[];
  /** Start at login was answered "no": not missing any more. */
  readonly loginDeclined: boolean;
  readonly hidden: boolean;
}
const NOTHING: Remembered = { skipped: [], loginDeclined: false, hidden: false };

function useRemembered(): [Remembered, (change: Partial<Remembered>) => void] {
  const [value, setValue] = useState<Remembered>(() => {
    try {
      const raw = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Partial<Remembered> | null;
      return { ...NOTHING, ...(raw && typeof raw === 'object' ? raw : {}) };
    } catch {
      return NOTHING;
    }
  });
  const update = useCallback((change: Partial<Remembered>) => {
    setValue((old) => {
      const next = { ...old, ...change };
      try {
        localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
      } catch {
        // A profile without storage forgets the choice on reload; nothing else depends on it.
      }
      return next;
    });
  }, []);
  return [value, update];
}

export function FirstSteps() {
  const { status, preferences, sessions } = useLive();
  const [remembered, remember] = useRemembered();
  if (!status || !preferences) return null;
  const headless = status.app.headless;
  // A --project-root flag (or its environment variable) counts as much as a saved folder.
  const flagged = preferences.overridden['projectRoots'];
  const roots = Array.isArray(flagged) ? flagged.filter((r): r is string => typeof r === 'string') : preferences.values.projectRoots;
  const done: Record<StepId, boolean> = {
    key: preferences.anthropicKey.set,
    link: status.signal.state === 'connected',
    folder: roots.length > 0,
    // Headless, the choice is only saved for the desktop app: someone already using the app is
    // past first run, and it is never named as missing.
    login: preferences.values.launchAtLogin || remembered.loginDeclined || (headless && sessions.length > 0),
    message: sessions.length > 0,
  };
  if (ORDER.every((id) => done[id])) return null;
  const missing = ORDER.filter((id) => !done[id] && MISSING[id] && !(headless && id === 'login')).map((id) => MISSING[id]!);
  const current = remembered.hidden ? undefined : ORDER.find((id) => !done[id] && !remembered.skipped.includes(id));
  const stateOf = (id: StepId): StepState => (done[id] ? 'done' : id === current ? 'current' : remembered.skipped.includes(id) ? 'skipped' : 'later');
  const resume = () => remember({ skipped: [], hidden: false });

  return (
    <>
      {missing.length > 0 && (
        <p className="setup-missing" data-testid="setup-missing">
          <span>Not set up yet: {missing.join(', ')}</span>
          {!current && (
            <button type="button" className="link-button" onClick={resume}>
              Set up
            </button>
          )}
        </p>
      )}
      {current && (
        <section className="section first-steps" aria-labelledby="first-steps-title">
          <h2 id="first-steps-title">Getting started</h2>
          <p className="muted small">
            Step {ORDER.indexOf(current) + 1} of {ORDER.length}
          </p>
          <ol className="first-steps__list">
            {ORDER.map((id) => (
              <Step key={id} title={TITLE[id]} state={stateOf(id)}>
                {id === 'key' && <FirstRunKey />}
                {id === 'link' && (
                  <p>
                    Scan a code with Signal on your phone, as for Signal Desktop. <ViewLink view={{ view: 'pairing' }}>Show the code</ViewLink>
                  </p>
                )}
                {id === 'folder' && <FirstRunFolder roots={roots} />}
                {id === 'login' && <FirstRunLogin headless={headless} onDeclined={() => remember({ loginDeclined: true })} />}
                {id === 'message' && (
                  <p>
                    In Note to Self on your phone, write <code>/add FOLDER</code> (a folder inside {roots.length > 0 ? <code>{roots[0]}</code> : 'an allowed folder'}),
                    then what Claude should do there.
                  </p>
                )}
                <button type="button" className="link-button" onClick={() => remember({ skipped: [...remembered.skipped, id] })}>
                  Skip this step
                </button>
              </Step>
            ))}
          </ol>
          <button type="button" className="link-button" onClick={() => remember({ hidden: true })}>
            Skip for now
          </button>
        </section>
      )}
    </>
  );
}

function Step({ title, state, children }: { title: string; state: StepState; children: ReactNode }) {
  return (
    <li className={`first-step first-step--${state}`} aria-current={state === 'current' ? 'step' : undefined}>
      <p className="first-step__title">
        <strong>{title}</strong> <span className="first-step__state">{STATE_TEXT[state]}</span>
      </p>
      {state === 'current' && children}
    </li>
  );
}
