// The cashier's choice of screen for the customer display, kept in its own small electron-store file
// (<userData>/customer-display.json) so it survives restarts and never mixes with the app's settings.
import Store from 'electron-store';
import { shellLog } from './shell-log.js';

type DisplayChoice = { displayId: number | null };

export interface DisplayChoiceStore {
  /** The saved display id, or null for "automatic" (first secondary screen). */
  get(): number | null;
  set(displayId: number | null): void;
}

export function openDisplayStore(): DisplayChoiceStore {
  let store: Store<DisplayChoice> | null = null;
  try {
    store = new Store<DisplayChoice>({
      name: 'customer-display',
      defaults: { displayId: null },
      schema: { displayId: { type: ['integer', 'null'] } },
      // A damaged file must not keep the till from starting: start again from "automatic".
      clearInvalidConfig: true,
    });
  } catch (error) {
    shellLog.error('customer display store unavailable, using automatic placement', error);
  }
  let memory: number | null = null;
  return {
    get() {
      if (!store) return memory;
      const value = store.get('displayId');
      return typeof value === 'number' && Number.isSafeInteger(value) ? value : null;
    },
    set(displayId) {
      memory = displayId;
      try {
        store?.set('displayId', displayId);
      } catch (error) {
        shellLog.error('could not save the customer display choice', error);
      }
    },
  };
}
