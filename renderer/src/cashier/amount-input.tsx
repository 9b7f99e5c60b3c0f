// An amount field shown grouped ("12 345,5") while the cashier edits it anywhere: the caret stays by
// the same digit when the groups move, Backspace / Delete next to a group space take the digit beyond
// it, and typing or pasting over the whole amount counts as typing it again (it clears the warning a
// dropped minus left).
import { useLayoutEffect, useRef, useState, type InputHTMLAttributes, type Ref } from 'react';
import { displayAmountText } from './amount-text.js';

type Passed = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type' | 'inputMode' | 'ref'>;

export interface AmountInputProps extends Passed {
  /** The normalised amount ("12345,5"). */
  text: string;
  /** What the field holds now, as typed; `retyped` when it replaced the whole amount at once. */
  onText(raw: string, retyped: boolean): void;
  inputRef?: Ref<HTMLInputElement>;
}

const counts = (ch: string) => (ch >= '0' && ch <= '9') || ch === ',' || ch === '.';

/** How many digits (and the comma) stand before `end` in `text`. */
function countBefore(text: string, end: number): number {
  let n = 0;
  for (let i = 0; i < end && i < text.length; i++) if (counts(text[i]!)) n++;
  return n;
}

/** The index in `text` just after its `n`-th digit or comma (0 for none). */
function indexAfter(text: string, n: number): number {
  if (n <= 0) return 0;
  let seen = 0;
  for (let i = 0; i < text.length; i++) if (counts(text[i]!) && ++seen === n) return i + 1;
  return text.length;
}

export function AmountInput({ text, onText, inputRef, onKeyDown, onPaste, ...rest }: AmountInputProps) {
  const own = useRef<HTMLInputElement | null>(null);
  /** The selection covered the whole amount when the key or paste came: what follows replaces it. */
  const replacing = useRef(false);
  /** Where the caret goes once the regrouped text is on screen: after this many digits. */
  const caret = useRef<number | null>(null);
  const [, rerender] = useState(0);
  const shown = displayAmountText(text);

  useLayoutEffect(() => {
    const input = own.current;
    if (caret.current === null || !input || document.activeElement !== input) return;
    const at = indexAfter(input.value, caret.current);
    caret.current = null;
    input.setSelectionRange(at, at);
  });

  const noteSelection = (input: HTMLInputElement) => {
    replacing.current = input.value !== '' && input.selectionStart === 0 && input.selectionEnd === input.value.length;
  };

  return (
    <input
      {...rest}
      ref={(node) => {
        own.current = node;
        if (typeof inputRef === 'function') inputRef(node);
        else if (inputRef) (inputRef as { current: HTMLInputElement | null }).current = node;
      }}
      type="text"
      inputMode="decimal"
      value={shown}
      onKeyDown={(event) => {
        noteSelection(event.currentTarget);
        onKeyDown?.(event);
      }}
      onPaste={(event) => {
        noteSelection(event.currentTarget);
        onPaste?.(event);
      }}
      onChange={(event) => {
        let raw = event.target.value;
        let at = countBefore(raw, event.target.selectionStart ?? raw.length);
        const kind = (event.nativeEvent as InputEvent).inputType;
        // only a group space went (the same digits are left): take the digit beyond it instead
        const total = countBefore(raw, raw.length);
        if ((kind === 'deleteContentBackward' || kind === 'deleteContentForward') && total === countBefore(shown, shown.length)) {
          const backward = kind === 'deleteContentBackward';
          if (backward ? at > 0 : at < total) {
            const index = indexAfter(raw, backward ? at : at + 1) - 1;
            raw = raw.slice(0, index) + raw.slice(index + 1);
            if (backward) at -= 1;
          }
        }
        caret.current = at;
        const retyped = replacing.current;
        replacing.current = false;
        onText(raw, retyped);
        rerender((n) => n + 1); // the caret is placed after React wrote the value back, even when the amount did not change
      }}
    />
  );
}
