// The preferences window: checked with the same schema the daemon applies before anything is
// sent, saved to preferences.json by the daemon, and shared live with every open window.
import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import { APPEARANCES, PERMISSION_MODES, PreferencesSchema, type PreferenceValues, type PreferencesView as View } from '../../src-main/shared/api';
import { BackLink } from '../components/BackLink';
import { ErrorLine } from '../components/common';
import { ListEditor } from '../components/ListEditor';
import { ModelPicker } from '../components/ModelPicker';
import { useAction, useLive } from '../state/live';
import { ApiKeySection } from './ApiKeySection';
import { ProjectsList } from './ProjectsList';
import { ComputersList } from './ComputersPanel';

const EDITED = ['model', 'permissionMode', 'projectRoots', 'deviceName', 'chatMode', 'allowlist', 'notifications', 'launchAtLogin', 'keepAwake', 'appearance'] as const;
type Draft = Pick<PreferenceValues, (typeof EDITED)[number]>;
type Errors = Partial<Record<keyof Draft, string>>;

const PERMISSION_TEXT: Record<(typeof PERMISSION_MODES)[number], string> = {
  default: 'Ask before editing files or running commands',
  acceptEdits: 'Edit files in the project without asking; ask before commands',
  plan: 'Plan only: read and propose, never change anything',
  bypassPermissions: 'Never ask (only for throwaway folders)',
};
const APPEARANCE_TEXT: Record<(typeof APPEARANCES)[number], string> = { system: 'Same as the system', light: 'Light', dark: 'Dark' };

function draftOf(values: PreferenceValues): Draft {
  return Object.fromEntries(EDITED.map((k) => [k, values[k]])) as Draft;
}

export function PreferencesView() {
  const { preferences, status } = useLive();
  return (
    <main className="view preferences" aria-labelledby="view-title">
      <BackLink />
      <h1 id="view-title" tabIndex={-1}>
        Preferences
      </h1>
      {preferences ? (
        <>
          <ApiKeySection status={preferences.anthropicKey} />
          <PreferencesForm view={preferences} headless={status?.app.headless ?? false} />
        </>
      ) : (
        <p className="muted">Loading…</p>
      )}
    </main>
  );
}

function PreferencesForm({ view, headless }: { view: View; headless: boolean }) {
  const { client } = useLive();
  const [draft, setDraft] = useState<Draft>(() => draftOf(view.values));
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [saved, setSaved] = useState<string | undefined>();
  const save = useAction();
  const ids = useFieldIds();

  // Another window saved: show it, unless the owner is in the middle of editing here.
  useEffect(() => {
    if (!dirty) setDraft(draftOf(view.values));
  }, [view, dirty]);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setDirty(true);
    setSaved(undefined);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = PreferencesSchema.strict().safeParse(draft);
    if (!parsed.success) {
      const found: Errors = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path[0] as keyof Draft;
        found[key] ??= `${issue.path.length > 1 ? `Entry ${Number(issue.path[1]) + 1}: ` : ''}${issue.message}`;
      }
      setErrors(found);
      const first = EDITED.find((k) => found[k]);
      // The model's typed id (under "Other model…") is the field to fix when it is shown.
      if (first) (document.getElementById(`${ids[first]}-other`) ?? document.getElementById(ids[first]))?.focus();
      return;
    }
    setErrors({});
    let answer: View | undefined;
    const ok = await save.run(async () => {
      answer = await client.call('preferencesUpdate', parsed.data);
    });
    if (ok && answer) {
      setDraft(draftOf(answer.values));
      setDirty(false);
      setSaved('Saved.');
    }
  };

  const overridden = (key: keyof Draft): ReactNode =>
    key in view.overridden ? (
      <p className="muted small">
        This run uses <code>{JSON.stringify(view.overridden[key])}</code>, set by an environment variable or a command-line flag; what you save here applies once that is gone.
      </p>
    ) : null;

  return (
    <form className="prefs-form" onSubmit={(e) => void submit(e)} noValidate aria-label="Preferences">
      <section className="section" aria-labelledby="claude-title">
        <h2 id="claude-title">Claude</h2>
        <Field id={ids.model} label="Default model for new projects" error={errors.model}>
          <ModelPicker id={ids.model} value={draft.model} invalid={errors.model !== undefined} onChange={(model) => set('model', model)} />
        </Field>
        {overridden('model')}
        <fieldset className="field">
          <legend>Permission mode for new projects</legend>
          {PERMISSION_MODES.map((mode, i) => (
            <label key={mode} className="choice">
              <input id={i === 0 ? ids.permissionMode : undefined} type="radio" name="permissionMode" value={mode} checked={draft.permissionMode === mode} onChange={() => set('permissionMode', mode)} />
              <span>
                <code>{mode}</code> — {PERMISSION_TEXT[mode]}
              </span>
            </label>
          ))}
        </fieldset>
        {overridden('permissionMode')}
      </section>

      <section className="section" aria-labelledby="projects-title">
        <h2 id="projects-title">Projects</h2>
        <ListEditor
          inputId={ids.projectRoots}
          label="Allowed project folders"
          description="Claude may only open projects inside these folders (from the phone: /add <path>)."
          items={draft.projectRoots}
          onChange={(items) => set('projectRoots', items)}
          placeholder="/home/me/code or ~/code"
          addLabel="Folder to allow"
          error={errors.projectRoots}
        />
        {overridden('projectRoots')}
        <ProjectsList preferences={view} />
      </section>

      <section className="section" aria-labelledby="signal-title">
        <h2 id="signal-title">Signal</h2>
        <Field
          id={ids.deviceName}
          label="Name of this computer"
          error={errors.deviceName}
          hint="What your phone's Linked devices list and your other computers call it; @name on the phone reaches it. Unique on the account."
        >
          <input id={ids.deviceName} type="text" value={draft.deviceName} onChange={(e) => set('deviceName', e.target.value)} aria-invalid={errors.deviceName ? true : undefined} aria-describedby={errors.deviceName ? `${ids.deviceName}-error` : undefined} />
        </Field>
        <ComputersList />
        <fieldset className="field">
          <legend>Who gives instructions</legend>
          <label className="choice">
            <input id={ids.chatMode} type="radio" name="chatMode" value="note-to-self" checked={draft.chatMode === 'note-to-self'} onChange={() => set('chatMode', 'note-to-self')} />
            <span>
              <strong>Note to Self</strong> — you write to yourself; only your own account is obeyed
            </span>
          </label>
          <label className="choice">
            <input type="radio" name="chatMode" value="bot" checked={draft.chatMode === 'bot'} onChange={() => set('chatMode', 'bot')} />
            <span>
              <strong>A separate account</strong> — this computer is linked to its own number; the accounts below write to it
            </span>
          </label>
        </fieldset>
        <ListEditor
          inputId={ids.allowlist}
          label="Allowed accounts"
          description="Phone numbers in international form (+4915…) or Signal account ids. Only used with a separate account."
          items={draft.allowlist}
          onChange={(items) => set('allowlist', items)}
          placeholder="+49 151 23456789"
          addLabel="Account to allow"
          error={errors.allowlist}
          disabled={draft.chatMode !== 'bot'}
        />
      </section>

      <section className="section" aria-labelledby="notify-title">
        <h2 id="notify-title">Notifications</h2>
        <fieldset className="field">
          <legend>Make my phone notify me for</legend>
          <Check id={ids.notifications} label="Final answers" checked={draft.notifications.finalAnswers} onChange={(v) => set('notifications', { ...draft.notifications, finalAnswers: v })} />
          <Check label="Approval requests" checked={draft.notifications.approvals} onChange={(v) => set('notifications', { ...draft.notifications, approvals: v })} />
          <Check label="Crashes" checked={draft.notifications.crashes} onChange={(v) => set('notifications', { ...draft.notifications, crashes: v })} />
          <p className="muted small">Progress updates never notify.</p>
        </fieldset>
      </section>

      <section className="section" aria-labelledby="computer-title">
        <h2 id="computer-title">This computer</h2>
        <Check id={ids.launchAtLogin} label="Open Signal Claude when I log in" checked={draft.launchAtLogin} onChange={(v) => set('launchAtLogin', v)} />
        <Check id={ids.keepAwake} label="Keep the computer awake while sessions work" checked={draft.keepAwake} onChange={(v) => set('keepAwake', v)} />
        {headless && <p className="muted small">These two take effect in the desktop app; the headless daemon saves them for it.</p>}
      </section>

      <section className="section" aria-labelledby="appearance-title">
        <h2 id="appearance-title">Appearance</h2>
        <fieldset className="field">
          <legend>Theme</legend>
          {APPEARANCES.map((a, i) => (
            <label key={a} className="choice">
              <input id={i === 0 ? ids.appearance : undefined} type="radio" name="appearance" value={a} checked={draft.appearance === a} onChange={() => set('appearance', a)} />
              <span>{APPEARANCE_TEXT[a]}</span>
            </label>
          ))}
        </fieldset>
      </section>

      <div className="form-footer">
        <ErrorLine error={save.error} />
        <button type="submit" className="button--primary" disabled={save.busy}>
          {save.busy ? 'Saving…' : 'Save preferences'}
        </button>
        <span role="status" className="small">
          {saved ?? (dirty ? 'Not saved yet.' : '')}
        </span>
        <p className="muted small">
          Saved in <code>{view.file}</code>.
        </p>
      </div>
    </form>
  );
}

function useFieldIds(): Record<keyof Draft, string> {
  const base = useId();
  return Object.fromEntries(EDITED.map((k) => [k, `${base}-${k}`])) as Record<keyof Draft, string>;
}

function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error: string | undefined; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && <p className="muted small">{hint}</p>}
      {error && (
        <p id={`${id}-error`} className="field__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function Check({ id, label, checked, onChange }: { id?: string; label: string; checked: boolean; onChange: (value: boolean) => void }) {
  return (
    <label className="choice">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <span>{label}</span>
    </label>
  );
}
