// Keyboard users keep their place: when what they acted on disappears (a button replaced by its
// result), focus falls to the page. When `key` changes to a value after the first render and focus is
// nowhere, it goes to `ref` — never on mount (an old undone batch does not take the focus on opening).
import { useEffect, useRef, type RefObject } from 'react';

export function useFocusWhenLost(ref: RefObject<HTMLElement | null>, key: unknown): void {
  const previous = useRef(key);
  useEffect(() => {
    const changed = previous.current !== key;
    previous.current = key;
    if (!changed || key === null || key === undefined || key === false) return;
    const active = document.activeElement;
    if (active === null || active === document.body) ref.current?.focus();
  }, [ref, key]);
}
