// First run, one step at a time: link with Signal, allow a project folder, send a first message.
// Shown in the overview until every step is done (or the owner skips it); each step says what
// is still missing and offers the one action that does it.
import { useState, type FormEvent, type ReactNode } from 'react';
import { ErrorLine } from './common';
import { ViewLink } from './ViewLink';
import { useAction, useLive } from '../state/live';

type StepState = 'done' | 'current' | 'later';

export function FirstSteps() {
  const { status, preferences, sessions } = useLive();
  const [skipped, setSkipped] = useState(false);
  if (!status || !preferences || skipped) return null;
  const linked = status.signal.state === 'connected';
  // A --project-root flag (or its environment variable) counts as much as a saved folder.
  const flagged = preferences.overridden['projectRoots'];
  const roots = Array.isArray(flagged) ? flagged.filter((r): r is string => typeof r === 'string') : preferences.values.projectRoots;
  const done = [linked, roots.length > 0, sessions.length > 0];
  if (done.every(Boolean)) return null;
  const current = done.indexOf(false);
  const stateOf = (i: number): StepState => (done[i] ? 'done' : i === current ? 'current' : 'later');
  return (
    <section className="section first-steps" aria-labelledby="first-steps-title">
      <h2 id="first-steps-title">Getting started</h2>
      <ol className="first-steps__list">
        <Step title="Link with Signal" state={stateOf(0)}>
          <p>
            Scan a code with Signal on your phone, as for Signal Desktop. <ViewLink view={{ view: 'pairing' }}>Show the code</ViewLink>
          </p>
        </Step>
        <Step title="Allow a project folder" state={stateOf(1)}>
          <AllowFolder roots={roots} />
        </Step>
        <Step title="Send a first message" state={stateOf(2)}>
          <p>
            In Note to Self on your phone, write <code>/add FOLDER</code> (a folder inside {roots.length > 0 ? <code>{roots[0]}</code> : 'an allowed folder'}), then
            what Claude should do there.
          </p>
        </Step>
      </ol>
      <button type="button" className="link-button" onClick={() => setSkipped(true)}>
        Skip for now
      </button>
    </section>
  );
}

const STATE_TEXT: Record<StepState, string> = { done: 'Done', current: 'Next', later: 'Later' };

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

function AllowFolder({ roots }: { roots: readonly string[] }) {
  const { client } = useLive();
  const [folder, setFolder] = useState('');
  const save = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const path = folder.trim();
    if (!path) return;
    // The daemon checks the folder exists on this computer and answers with a sentence if not.
    if (await save.run(() => client.call('preferencesUpdate', { projectRoots: [...roots, path] }))) setFolder('');
  };
  return (
    <form className="first-step__form" onSubmit={(e) => void submit(e)} aria-label="Allow a project folder">
      <p className="muted small">Claude may work only in folders inside the ones you allow, such as your code folder.</p>
      <div className="first-step__row">
        <input type="text" aria-label="Folder to allow" placeholder="/home/you/code" value={folder} spellCheck={false} onChange={(e) => setFolder(e.target.value)} />
        <button type="submit" disabled={save.busy || folder.trim() === ''}>
          Allow
        </button>
      </div>
      <ErrorLine error={save.error} />
    </form>
  );
}
