// A text setting with its own Save button: follows main's value until the manager edits it, then
// keeps the draft until it is saved (Enter or the button). Used for the Kaspi URL and BIN.
import { useState, type HTMLAttributes } from 'react';

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

  async function save(): Promise<void> {
    if (!canSave) return;
    if (await onSave(draft.trim())) setDraft(null);
  }

  return (
    <label className="field">
      <span className="field__label">{label}</span>
      <span className="settings__inline">
        <input
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
        <button type="button" data-testid={saveTestId} className="btn btn--primary" disabled={!canSave} onClick={() => void save()}>
          {saveLabel}
        </button>
      </span>
      {hint && <span className="hint">{hint}</span>}
    </label>
  );
}
