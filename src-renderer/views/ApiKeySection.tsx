// The Anthropic API key: set, replaced or cleared here, stored encrypted by the app, and never
// shown back — only "set, ends in …x7Qa". A new key is checked first with the same free request
// as the first run (a typo is refused with the endpoint's answer, not found later by a failing
// turn); when the endpoint cannot be reached (offline, on a plane) the owner may save it unchecked.
import { useId, useState, type FormEvent } from 'react';
import { ApiError } from '../api/api-error';
import { AnthropicKeyInputSchema, type AnthropicKeyStatus } from '../../src-main/shared/api';
import { ErrorLine } from '../components/common';
import { useAction, useLive } from '../state/live';

export function keyStatusText(status: AnthropicKeyStatus): string {
  if (!status.set) return 'Not set';
  const end = status.last4 ? `, ends in …${status.last4}` : '';
  return status.source === 'environment' ? `Set by ANTHROPIC_API_KEY${end}` : `Set${end}`;
}

export function ApiKeySection({ status }: { status: AnthropicKeyStatus }) {
  const { client } = useLive();
  const [value, setValue] = useState('');
  const [invalid, setInvalid] = useState<string | undefined>();
  const [done, setDone] = useState<string | undefined>();
  /** The key the endpoint could not check (unreachable): offered to save as it is. */
  const [unchecked, setUnchecked] = useState<string | undefined>();
  const action = useAction();
  const inputId = useId();
  const statusId = useId();

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setDone(undefined);
    const parsed = AnthropicKeyInputSchema.safeParse(value);
    if (!parsed.success) {
      setInvalid(`The key needs ${parsed.error.issues[0]?.message ?? 'to look like an API key'}.`);
      return;
    }
    setInvalid(undefined);
    setUnchecked(undefined);
    const saved = await action.run(async () => {
      try {
        await client.call('anthropicKeyCheck', { key: parsed.data });
      } catch (error) {
        if (error instanceof ApiError && error.code === 'ANTHROPIC_UNAVAILABLE') setUnchecked(parsed.data);
        throw error;
      }
    });
    if (saved) {
      setValue('');
      setDone('Key checked and saved.');
    }
  };
  const saveUnchecked = async () => {
    const key = unchecked;
    if (!key) return;
    if (await action.run(() => client.call('anthropicKeySet', { key }))) {
      setUnchecked(undefined);
      setValue('');
      setDone('Key saved without a check: the first instruction will tell if it works.');
    }
  };
  const clear = async () => {
    setDone(undefined);
    if (await action.run(() => client.call('anthropicKeyClear', {}))) setDone('Key removed.');
  };

  return (
    <section className="section" aria-labelledby="key-title">
      <h2 id="key-title">Anthropic API key</h2>
      <p className="key-status" id={statusId} data-testid="key-status">
        {keyStatusText(status)}
      </p>
      {status.source === 'environment' && (
        <p className="muted small">The environment variable wins over a key saved here. Remove it from the environment to use this one.</p>
      )}
      <form className="key-form" onSubmit={(e) => void save(e)} noValidate>
        <label htmlFor={inputId}>{status.set ? 'Replace with a new key' : 'Key'}</label>
        <div className="list-editor__add">
          <input
            id={inputId}
            type="password"
            value={value}
            placeholder="sk-ant-…"
            autoComplete="off"
            spellCheck={false}
            aria-describedby={statusId}
            aria-invalid={invalid ? true : undefined}
            onChange={(e) => {
              setValue(e.target.value);
              setUnchecked(undefined);
            }}
          />
          <button type="submit" disabled={action.busy || !value}>
            {status.set ? 'Replace key' : 'Save key'}
          </button>
          {unchecked && (
            <button type="button" disabled={action.busy} onClick={() => void saveUnchecked()}>
              Save without checking
            </button>
          )}
          {status.set && status.source !== 'environment' && (
            <button type="button" className="button--danger" disabled={action.busy} onClick={() => void clear()}>
              Clear key
            </button>
          )}
        </div>
      </form>
      <ErrorLine error={invalid ?? action.error} />
      <p role="status" className="small">
        {done}
      </p>
    </section>
  );
}
