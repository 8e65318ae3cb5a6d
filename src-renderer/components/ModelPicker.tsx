// The model as a choice from the list /model shows on the phone (with prices per million
// tokens), or any other model id typed in full under "Other model…".
import { useEffect, useState } from 'react';
import type { ModelChoice } from '../../src-main/shared/api';
import { useLive } from '../state/live';

const OTHER = '';

const usd = (n: number): string => `$${Number.isInteger(n) ? n : n.toFixed(2).replace(/0$/, '')}`;
export const modelLabel = (m: ModelChoice): string => `${m.id} — ${usd(m.inputUsd)} in / ${usd(m.outputUsd)} out per million tokens`;

export function ModelPicker({ id, value, invalid, onChange }: { id: string; value: string; invalid: boolean; onChange: (model: string) => void }) {
  const { client } = useLive();
  const [models, setModels] = useState<readonly ModelChoice[] | undefined>();
  // "Other" stays chosen while its id is typed, even when the typed id happens to be listed.
  const [other, setOther] = useState(false);
  useEffect(() => {
    let live = true;
    client.call('models', {}).then(
      (answer) => live && setModels(answer.models),
      () => live && setModels([]), // the list is a convenience: without it, the id can still be typed
    );
    return () => {
      live = false;
    };
  }, [client]);

  if (!models) return <p className="muted small">Loading the models…</p>;
  const listed = !other && models.some((m) => m.id === value);
  const describedBy = invalid ? `${id}-error` : undefined;
  return (
    <>
      <select
        id={id}
        value={listed ? value : OTHER}
        aria-invalid={invalid && listed ? true : undefined}
        aria-describedby={listed ? describedBy : undefined}
        onChange={(e) => {
          const chosen = e.target.value;
          setOther(chosen === OTHER);
          if (chosen !== OTHER) onChange(chosen);
        }}
      >
        {models.map((m) => (
          <option key={m.id} value={m.id}>
            {modelLabel(m)}
          </option>
        ))}
        <option value={OTHER}>Other model…</option>
      </select>
      {!listed && (
        <input
          id={`${id}-other`}
          type="text"
          aria-label="Other model id"
          value={value}
          spellCheck={false}
          placeholder="claude-…"
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={invalid ? true : undefined}
          aria-describedby={describedBy}
        />
      )}
    </>
  );
}
