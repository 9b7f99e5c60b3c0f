// Keyboard users keep their place: when what they acted on disappears (a button replaced by its
// result), focus falls to the page. Whenever `key` changes and focus is nowhere, it goes to `ref`.
import { useEffect, type RefObject } from 'react';

export function useFocusWhenLost(ref: RefObject<HTMLElement | null>, key: unknown): void {
  useEffect(() => {
    if (key === null || key === undefined || key === false) return;
    const active = document.activeElement;
    if (active === null || active === document.body) ref.current?.focus();
  }, [ref, key]);
}
