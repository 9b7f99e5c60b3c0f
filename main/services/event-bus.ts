// Main -> renderer events. Every payload is checked against the contract before it leaves.
import { events, type EventName, type EventPayload } from '../../shared/contract.js';

type Listener = (name: EventName, payload: unknown) => void;

export class EventBus {
  private readonly listeners = new Set<Listener>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    const parsed = events[name].payload.parse(payload);
    for (const listener of this.listeners) {
      try {
        listener(name, parsed);
      } catch {
        // one broken subscriber (a closed window, a dropped SSE client) must not stop the others
      }
    }
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
