// The forms of the first-run steps that do something here: the Anthropic key (checked with one
// cheap call at the configured endpoint before it is saved, encrypted, as Preferences saves it;
// a refused key says so and can be typed again), an allowed project folder, and starting at login
// (on unless the owner unticks it).
import { useId, useState, type FormEvent } from 'react';
import { AnthropicKeyInputSchema } from '../../src-main/shared/api';
import { ErrorLine } from './common';
import { useAction, useLive } from '../state/live';

export function FirstRunKey() {
  const { client } = useLive();
  const [key, setKey] = useState('');
  const [invalid, setInvalid] = useState<string | undefined>();
  const check = useAction();
  const inputId = useId();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = AnthropicKeyInputSchema.safeParse(key);
    if (!parsed.success) {
      setInvalid(`The key needs ${parsed.error.issues[0]?.message ?? 'to look like an API key'}.`);
      return;
    }
    setInvalid(undefined);
    // Saved only when the endpoint accepts it; the step is then marked done by the app's state.
    if (await check.run(() => client.call('anthropicKeyCheck', { key: parsed.data }))) setKey('');
  };
  return (
    <form className="first-step__form" onSubmit={(e) => void submit(e)} aria-label="Anthropic API key" noValidate>
      <p className="muted small">Claude runs on your own key from the Anthropic Console. It is checked with one free request, then stored encrypted on this computer.</p>
      <label htmlFor={inputId} className="visually-hidden">
        API key
      </label>
      <div className="first-step__row">
        <input id={inputId} type="password" placeholder="sk-ant-…" autoComplete="off" spellCheck={false} value={key} aria-invalid={invalid || check.error ? true : undefined} onChange={(e) => setKey(e.target.value)} />
        <button type="submit" disabled={check.busy || key.trim() === ''}>
          {check.busy ? 'Checking…' : 'Check and save'}
        </button>
      </div>
      <ErrorLine error={invalid ?? check.error} />
    </form>
  );
}

export function FirstRunFolder({ roots }: { roots: readonly string[] }) {
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

export function FirstRunLogin({ headless, onDeclined }: { headless: boolean; onDeclined: () => void }) {
  const { client } = useLive();
  const [on, setOn] = useState(true);
  const save = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!on) return onDeclined();
    await save.run(() => client.call('preferencesUpdate', { launchAtLogin: true }));
  };
  return (
    <form className="first-step__form" onSubmit={(e) => void submit(e)} aria-label="Start at login">
      <p className="muted small">
        Your phone can reach Claude only while Signal Claude runs on this computer.{headless ? ' This takes effect in the desktop app; the headless daemon saves it for it.' : ''}
      </p>
      <label>
        <input type="checkbox" checked={on} onChange={(e) => setOn(e.target.checked)} /> Open Signal Claude when I log in
      </label>
      <div className="first-step__row">
        <button type="submit" disabled={save.busy}>
          Continue
        </button>
      </div>
      <ErrorLine error={save.error} />
    </form>
  );
}
