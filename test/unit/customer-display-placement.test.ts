// Where the customer display goes for a given set of screens, primary and saved choice.
import { describe, expect, it } from 'vitest';
import {
  centred,
  chooseCustomerPlacement,
  shouldMove,
  WINDOWED_SIZE,
  type DisplayInfo,
  type Placement,
} from '../../main/electron/customer-display-placement.js';

function display(id: number, x: number, y = 0, width = 1920, height = 1080): DisplayInfo {
  return {
    id,
    bounds: { x, y, width, height },
    workArea: { x, y, width, height: height - 40 }, // a taskbar
  };
}

const laptop = display(1, 0, 0, 1366, 768);
const monitorRight = display(2, 1366, 0, 1920, 1080);
const monitorLeft = display(3, -1024, 0, 1024, 768);

describe('chooseCustomerPlacement', () => {
  it('one screen: a normal window centred on the primary work area', () => {
    const p = chooseCustomerPlacement([laptop], laptop.id, null);
    expect(p).toEqual({
      displayId: 1,
      fullscreen: false,
      bounds: { x: 283, y: 64, width: WINDOWED_SIZE.width, height: WINDOWED_SIZE.height },
      reason: 'primary-fallback',
    });
  });

  it('two screens: fullscreen on the secondary, whatever the order Electron lists them in', () => {
    const expected: Placement = {
      displayId: 2,
      fullscreen: true,
      bounds: monitorRight.bounds,
      reason: 'secondary',
    };
    expect(chooseCustomerPlacement([laptop, monitorRight], 1, undefined)).toEqual(expected);
    expect(chooseCustomerPlacement([monitorRight, laptop], 1, undefined)).toEqual(expected);
  });

  it('the secondary may be the primary-listed-second (primary is not always display[0])', () => {
    const p = chooseCustomerPlacement([laptop, monitorRight], 2, null);
    expect(p).toMatchObject({ displayId: 1, fullscreen: true, bounds: laptop.bounds, reason: 'secondary' });
  });

  it('several secondaries: the left-most one, deterministically', () => {
    const p = chooseCustomerPlacement([laptop, monitorRight, monitorLeft], 1, null);
    expect(p).toMatchObject({ displayId: 3, fullscreen: true, bounds: monitorLeft.bounds });
  });

  it('honours a saved display that is still connected', () => {
    const p = chooseCustomerPlacement([laptop, monitorRight, monitorLeft], 1, 2);
    expect(p).toEqual({ displayId: 2, fullscreen: true, bounds: monitorRight.bounds, reason: 'saved' });
  });

  it('a saved primary display means windowed on the primary (never covers the cashier)', () => {
    const p = chooseCustomerPlacement([laptop, monitorRight], 1, 1);
    expect(p).toMatchObject({ displayId: 1, fullscreen: false, reason: 'saved' });
  });

  it('falls back when the saved display is gone: to another secondary, else the primary', () => {
    expect(chooseCustomerPlacement([laptop, monitorLeft], 1, 2)).toMatchObject({
      displayId: 3,
      fullscreen: true,
      reason: 'secondary',
    });
    expect(chooseCustomerPlacement([laptop], 1, 2)).toMatchObject({
      displayId: 1,
      fullscreen: false,
      reason: 'primary-fallback',
    });
  });

  it('copes with an unknown primary id and with no displays at all', () => {
    // The first display stands in for an unknown primary: never fullscreen over the cashier.
    expect(chooseCustomerPlacement([laptop], 99, null)).toMatchObject({ displayId: 1, fullscreen: false });
    expect(chooseCustomerPlacement([laptop, monitorRight], 99, null)).toMatchObject({
      displayId: 2,
      fullscreen: true,
    });
    const none = chooseCustomerPlacement([], 1, 5);
    expect(none.displayId).toBeNull();
    expect(none.fullscreen).toBe(false);
    expect(none.reason).toBe('no-display');
    expect(none.bounds.width).toBe(WINDOWED_SIZE.width);
  });

  it('does not hand out references to the input rectangles', () => {
    const p = chooseCustomerPlacement([laptop, monitorRight], 1, null);
    expect(p.bounds).not.toBe(monitorRight.bounds);
  });
});

describe('centred', () => {
  it('centres within the area, offset by its origin', () => {
    expect(centred({ x: 1366, y: 0, width: 1920, height: 1040 })).toEqual({
      x: 1366 + 560,
      y: 220,
      width: 800,
      height: 600,
    });
  });

  it('shrinks to a small screen', () => {
    expect(centred({ x: 0, y: 0, width: 640, height: 480 })).toEqual({ x: 0, y: 0, width: 640, height: 480 });
  });
});

describe('shouldMove', () => {
  const windowed = chooseCustomerPlacement([laptop], 1, null);
  const full = chooseCustomerPlacement([laptop, monitorRight], 1, null);

  it('moves the first time and whenever the screen or mode changes', () => {
    expect(shouldMove(null, windowed)).toBe(true);
    expect(shouldMove(windowed, full)).toBe(true);
    expect(shouldMove(full, windowed)).toBe(true);
  });

  it('leaves a windowed view where the cashier put it while its screen stays', () => {
    const resized = chooseCustomerPlacement([display(1, 0, 0, 1920, 1080)], 1, null);
    expect(shouldMove(windowed, resized)).toBe(false);
  });

  it('follows a fullscreen display whose resolution or position changed', () => {
    const same = chooseCustomerPlacement([laptop, monitorRight], 1, null);
    expect(shouldMove(full, same)).toBe(false);
    const rescaled = chooseCustomerPlacement([laptop, display(2, 1366, 0, 2560, 1440)], 1, null);
    expect(shouldMove(full, rescaled)).toBe(true);
  });
});
