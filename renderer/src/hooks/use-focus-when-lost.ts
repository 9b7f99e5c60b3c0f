// Keyboard users keep their place: when what they acted on disappears (a button replaced by its
// result), focus falls to the page. When `key` changes to a value after the first render and focus is
// nowhere, it goes to `ref` — never on mount (an old undone batch does not take the focus on opening).
import { useEffect, useRef, type RefObject } from 'react';

/** `from`: also take the focus from an element it says yes to (the control whose work `ref` now shows). */
export function useFocusWhenLost(ref: RefObject<HTMLElement | null>, key: unknown, from?: (active: Element) => boolean): void {
  const previous = useRef(key);
  useEffect(() => {
    const changed = previous.current !== key;
    previous.current = key;
    if (!changed || key === null || key === undefined || key === false) return;
    const active = document.activeElement;
    if (active === null || active === document.body || (from !== undefined && from(active))) ref.current?.focus();
  }, [ref, key, from]);
}
