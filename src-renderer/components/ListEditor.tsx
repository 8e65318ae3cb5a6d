// An editable list of short strings (project folders, allowed accounts): each entry with its own
// Remove button, and a field plus Add button (Enter adds too, without submitting the form).
import { useId, useState, type KeyboardEvent } from 'react';

export interface ListEditorProps {
  readonly label: string;
  readonly description: string;
  readonly items: readonly string[];
  readonly onChange: (items: string[]) => void;
  readonly placeholder: string;
  readonly addLabel: string;
  readonly error?: string | undefined;
  readonly disabled?: boolean;
  /** DOM id of the text field, so a form can focus it on error. */
  readonly inputId: string;
}

export function ListEditor({ label, description, items, onChange, placeholder, addLabel, error, disabled, inputId }: ListEditorProps) {
  const [value, setValue] = useState('');
  const descriptionId = useId();
  const errorId = useId();
  const add = () => {
    const v = value.trim();
    if (!v || items.includes(v)) return;
    onChange([...items, v]);
    setValue('');
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      add();
    }
  };
  return (
    <fieldset className="field list-editor" disabled={disabled}>
      <legend>{label}</legend>
      <p id={descriptionId} className="muted small">
        {description}
      </p>
      {items.length > 0 ? (
        <ul className="list-editor__items" aria-label={label}>
          {items.map((item) => (
            <li key={item}>
              <code>{item}</code>
              <button type="button" className="button--quiet" aria-label={`Remove ${item}`} onClick={() => onChange(items.filter((i) => i !== item))}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">None yet.</p>
      )}
      <div className="list-editor__add">
        <input
          id={inputId}
          type="text"
          value={value}
          placeholder={placeholder}
          aria-label={addLabel}
          aria-describedby={`${descriptionId}${error ? ` ${errorId}` : ''}`}
          aria-invalid={error ? true : undefined}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => setValue(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <button type="button" onClick={add} disabled={!value.trim()}>
          Add
        </button>
      </div>
      {error && (
        <p id={errorId} className="field__error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
