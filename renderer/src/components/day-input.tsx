// A calendar day typed as people in Kazakhstan write it (01.03.2025; 2025-03-01 is taken too) — a
// text field, not <input type="date">, whose format follows the browser's language, not the app's.
// The field keeps what is typed; `onDay` gets the day ("2025-03-01") once it is a real date, and ''
// while it is not — so nothing runs for a period the field no longer shows; left holding no real day,
// it says so under itself (`invalidText`).
import { useEffect, useState } from 'react';
import { dayText, parseDayText } from './day-text.js';

export interface DayInputProps {
  value: string;
  onDay: (ymd: string) => void;
  placeholder: string;
  testId: string;
  /** An empty field is allowed (not marked invalid). */
  optional?: boolean;
  /** Said under the field once it is left holding no real day (31.11.2025, a day half typed). */
  invalidText?: string;
}

export function DayInput({ value, onDay, placeholder, testId, optional = false, invalidText }: DayInputProps) {
  const [text, setText] = useState(dayText(value));
  const [left, setLeft] = useState(false);
  // a day set from elsewhere (this month, last month) shows at once; '' is ours: what is typed stays
  useEffect(() => {
    if (value !== '' && parseDayText(text) !== value) setText(dayText(value));
  }, [value]);
  const valid = parseDayText(text) !== null;
  const wrong = !valid && text !== '';
  return (
    <>
      <input
        className="field__input"
        type="text"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        data-testid={testId}
        data-day={valid ? parseDayText(text) : ''}
        required={!optional}
        aria-invalid={!valid && !(optional && text === '')}
        placeholder={placeholder}
        maxLength={10}
        value={text}
        onBlur={() => setLeft(true)}
        onChange={(event) => {
          setText(event.target.value);
          setLeft(false);
          onDay(parseDayText(event.target.value) ?? '');
        }}
      />
      {invalidText && left && wrong && (
        <span className="field__error" data-testid={`${testId}-error`} role="alert">
          {invalidText}
        </span>
      )}
    </>
  );
}
