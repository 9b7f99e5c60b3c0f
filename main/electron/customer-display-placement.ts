// Where the customer-facing window goes, as a pure function of the screens Electron reports, so it is
// unit-tested without Electron (test/unit/customer-display-placement.test.ts).
// Rule of thumb for a shop counter: the buyer's screen is the second monitor, fullscreen; with one
// monitor the customer view is an ordinary window beside the cashier's.

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The subset of Electron's `Display` this needs. */
export interface DisplayInfo {
  id: number;
  bounds: Rect;
  workArea: Rect;
}

export interface Placement {
  displayId: number | null;
  fullscreen: boolean;
  bounds: Rect;
  /** Why this display: for logs and the menu. */
  reason: 'saved' | 'secondary' | 'primary-fallback' | 'no-display';
}

/** Size of the customer window when it has to share the primary screen. */
export const WINDOWED_SIZE = { width: 800, height: 600 } as const;
const FALLBACK_AREA: Rect = { x: 0, y: 0, width: 1280, height: 720 };

/**
 * - a saved display that still exists wins: fullscreen on it, unless it is the primary (the cashier's
 *   window lives there, so the customer view must not cover it);
 * - otherwise the first non-primary display, fullscreen (left-most, then top-most, for a stable choice);
 * - otherwise a normal window centred on the primary's work area (or the first display's, if the primary
 *   id is unknown); with no displays at all, a default rectangle.
 */
export function chooseCustomerPlacement(
  displays: readonly DisplayInfo[],
  primaryId: number,
  savedId: number | null | undefined,
): Placement {
  // If Electron's primary id is not among the displays (should not happen), the first one plays primary:
  // better a window on a shared screen than a fullscreen view over the cashier's.
  const primary = displays.find((d) => d.id === primaryId) ?? displays[0];
  if (!primary) {
    return { displayId: null, fullscreen: false, bounds: centred(FALLBACK_AREA), reason: 'no-display' };
  }

  const saved = savedId == null ? undefined : displays.find((d) => d.id === savedId);
  if (saved && saved.id !== primary.id) {
    return { displayId: saved.id, fullscreen: true, bounds: { ...saved.bounds }, reason: 'saved' };
  }

  if (!saved) {
    const secondary = displays
      .filter((d) => d.id !== primary.id)
      .sort((a, b) => a.bounds.x - b.bounds.x || a.bounds.y - b.bounds.y || a.id - b.id)[0];
    if (secondary) {
      return { displayId: secondary.id, fullscreen: true, bounds: { ...secondary.bounds }, reason: 'secondary' };
    }
  }

  return {
    displayId: primary.id,
    fullscreen: false,
    bounds: centred(primary.workArea),
    reason: saved ? 'saved' : 'primary-fallback',
  };
}

/** A WINDOWED_SIZE rectangle centred in `area`, shrunk to fit small screens. */
export function centred(area: Rect): Rect {
  const width = Math.min(WINDOWED_SIZE.width, area.width);
  const height = Math.min(WINDOWED_SIZE.height, area.height);
  return {
    x: Math.round(area.x + (area.width - width) / 2),
    y: Math.round(area.y + (area.height - height) / 2),
    width,
    height,
  };
}

/**
 * Whether a screen change should move the window from `last` to `wanted`. A windowed customer view that
 * the cashier dragged somewhere stays put while its screen stays the same; a fullscreen one follows its
 * display's bounds (resolution or arrangement changes).
 */
export function shouldMove(last: Placement | null, wanted: Placement): boolean {
  if (!last) return true;
  if (last.displayId !== wanted.displayId || last.fullscreen !== wanted.fullscreen) return true;
  return wanted.fullscreen && !sameRect(last.bounds, wanted.bounds);
}

function sameRect(a: Rect, b: Rect): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}
