// A button that stays focusable while it cannot act (busy, or nothing to do yet). `disabled` would
// drop the keyboard focus to the page the moment the button just pressed turns itself off: no focus
// ring anywhere, a second Enter lost, and a screen reader starting again from the top.
import type { ButtonHTMLAttributes } from 'react';

export function SoftButton({ unavailable, onClick, ...rest }: ButtonHTMLAttributes<HTMLButtonElement> & { unavailable: boolean }) {
  return (
    <button
      type="button"
      {...rest}
      aria-disabled={unavailable || undefined}
      onClick={(event) => {
        if (unavailable) event.preventDefault(); // also keeps a submit button from submitting
        else onClick?.(event);
      }}
    />
  );
}
