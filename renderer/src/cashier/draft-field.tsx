// A text setting with its own Save button: follows main's value until the manager edits it, then
// keeps the draft until it is saved (Enter or the button). Used for the Kaspi URL and BIN.
import { useId, useState, type HTMLAttributes } from 'react';
import { SoftButton } from '../components/soft-button.js';

interface DraftFieldProps {
  label: string;
  value: string;
  testId: string;
  saveTestId: string;
  saveLabel: string;
  disabled: boolean;
  onSave: (value: string) => Promise<boolean>;
  hint?: string;
  placeholder?: string;
  maxLength?: number;
  inputMode?: HTMLAttributes<HTMLInputElement>['inputMode'];
}

export function DraftField(props: DraftFieldProps) {
  const { label, value, testId, saveTestId, saveLabel, disabled, onSave, hint, placeholder, maxLength, inputMode } = props;
  // null = not being edited: show what main says (another window may change it).
  const [draft, setDraft] = useState<string | null>(null);
  const shown = draft ?? value;
  const canSave = !disabled && draft !== null && draft.trim() !== value;
  const id = useId();

  async function save(): Promise<void> {
    if (!canSave) return;
    if (await onSave(draft.trim())) setDraft(null);
  }

  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <span className="settings__inline">
        <input
          id={id}
          aria-describedby={hint ? `${id}-hint` : undefined}
          data-testid={testId}
          className="field__input"
          type="text"
          autoComplete="off"
          spellCheck={false}
          maxLength={maxLength}
          inputMode={inputMode}
          placeholder={placeholder}
          disabled={disabled}
          value={shown}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') void save();
          }}
        />
        <SoftButton data-testid={saveTestId} className="btn btn--primary" unavailable={!canSave} onClick={() => void save()}>
          {saveLabel}
        </SoftButton>
      </span>
      {hint && (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
    </div>
  );
}
