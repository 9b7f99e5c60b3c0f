// The status and button colours of the shared stylesheet meet WCAG AA for normal text (4.5:1):
// a cashier reads "Оплачено" and the primary buttons at a glance, under shop lighting.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const css = readFileSync(new URL('../../renderer/src/styles/base.css', import.meta.url), 'utf8');
const root = /:root\s*{([^}]*)}/.exec(css)![1]!;
const vars = new Map([...root.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})\s*;/gi)].map((m) => [m[1]!, m[2]!.toLowerCase()]));

function colour(name: string): string {
  if (name.startsWith('#')) return name;
  const value = vars.get(name);
  if (!value) throw new Error(`--${name} is not a #rrggbb colour in :root`);
  return value;
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [x, y] = [luminance(colour(a)), luminance(colour(b))].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
}

describe('colour contrast (WCAG AA, 4.5:1)', () => {
  it('measures as WCAG does', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#f14635', '#ffffff')).toBeCloseTo(3.71, 2); // Kaspi's red under white text: too little
  });

  it.each([
    ['ok', 'ok-bg'], ['ok', 'paper'], ['ok', 'canvas'],
    ['bad', 'bad-bg'], ['bad', 'paper'],
    ['warn', 'warn-bg'], ['warn', 'paper'],
    ['wait', 'wait-bg'], ['wait', 'paper'],
    ['ink', 'canvas'], ['ink-soft', 'paper'],
    ['#ffffff', 'primary'], ['#ffffff', 'primary-hover'],
  ])('%s on %s', (text, background) => {
    expect(contrast(text, background)).toBeGreaterThanOrEqual(4.5);
  });

  it('the primary button is drawn in --primary', () => {
    const rule = /\.btn--primary\s*{([^}]*)}/.exec(css)![1]!;
    expect(rule).toMatch(/background:\s*var\(--primary\)/);
  });
});
