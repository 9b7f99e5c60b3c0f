// Keeps the customer window on the buyer's screen: fullscreen on a secondary display when there is
// one, following displays as they are plugged in or out, honouring the cashier's saved choice.
// The decision itself is chooseCustomerPlacement (pure); this file only applies it.
import { screen, type BrowserWindow, type Display } from 'electron';
import {
  chooseCustomerPlacement,
  shouldMove,
  type DisplayInfo,
  type Placement,
} from './customer-display-placement.js';
import type { DisplayChoiceStore } from './display-store.js';
import { createCustomerWindow, type WindowRegistry } from './windows.js';
import { shellLog } from './shell-log.js';

const SETTLE_MS = 300; // display-added/removed/metrics-changed arrive in bursts

export class CustomerDisplay {
  #window: BrowserWindow | null = null;
  #last: Placement | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #applying: Promise<void> = Promise.resolve();

  constructor(
    private readonly preloadPath: string,
    private readonly store: DisplayChoiceStore,
    private readonly registry: WindowRegistry,
    /** Called after the screens or the choice changed (the menu lists them). */
    private readonly onChange: () => void,
  ) {}

  /** Opens the window (or brings it back) at the current best placement. */
  open(): BrowserWindow {
    if (this.#window && !this.#window.isDestroyed()) {
      this.#window.showInactive();
      return this.#window;
    }
    const placement = this.placement();
    const window = createCustomerWindow(this.preloadPath, placement);
    this.#window = window;
    this.#last = placement;
    this.registry.add(window, 'customer');
    window.once('closed', () => {
      if (this.#window === window) this.#window = null;
    });
    return window;
  }

  close(): void {
    if (this.#window && !this.#window.isDestroyed()) this.#window.close();
  }

  /** Subscribes to screen changes; returns the unsubscribe function. */
  watch(): () => void {
    const changed = () => this.#schedule();
    screen.on('display-added', changed);
    screen.on('display-removed', changed);
    screen.on('display-metrics-changed', changed);
    return () => {
      screen.off('display-added', changed);
      screen.off('display-removed', changed);
      screen.off('display-metrics-changed', changed);
      if (this.#timer) clearTimeout(this.#timer);
    };
  }

  displays(): { display: Display; primary: boolean }[] {
    const primaryId = screen.getPrimaryDisplay().id;
    return screen.getAllDisplays().map((display) => ({ display, primary: display.id === primaryId }));
  }

  /** null = automatic. */
  savedChoice(): number | null {
    return this.store.get();
  }

  /** The cashier picked a screen (or "automatic"): remember it and move the window now. */
  choose(displayId: number | null): void {
    this.store.set(displayId);
    this.#reposition(true);
  }

  placement(): Placement {
    const displays: DisplayInfo[] = screen.getAllDisplays().map((d) => ({
      id: d.id,
      bounds: d.bounds,
      workArea: d.workArea,
    }));
    return chooseCustomerPlacement(displays, screen.getPrimaryDisplay().id, this.store.get());
  }

  #schedule(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#reposition(false);
    }, SETTLE_MS);
  }

  #reposition(force: boolean): void {
    this.onChange();
    const window = this.#window;
    if (!window || window.isDestroyed()) return;
    const wanted = this.placement();
    if (!force && !shouldMove(this.#last, wanted)) return;
    this.#last = wanted;
    this.#applying = this.#applying.then(() => applyPlacement(window, wanted)).catch((error: unknown) => {
      shellLog.error('could not move the customer display', error);
    });
  }
}

async function applyPlacement(window: BrowserWindow, placement: Placement): Promise<void> {
  if (window.isDestroyed()) return;
  if (window.isFullScreen()) await leaveFullScreen(window);
  if (window.isDestroyed()) return;
  window.setMinimizable(!placement.fullscreen);
  window.setBounds(placement.bounds);
  if (placement.fullscreen) window.setFullScreen(true);
}

/** macOS animates leaving fullscreen; moving the window before it finished would be ignored. */
function leaveFullScreen(window: BrowserWindow): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      window.off('leave-full-screen', done);
      resolve();
    };
    const timer = setTimeout(done, 1500);
    window.on('leave-full-screen', done);
    window.setFullScreen(false);
  });
}
