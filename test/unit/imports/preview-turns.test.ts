// The newest preview of an upload wins; an older one still reading is superseded for good, also
// after the newest ended and another began (a per-upload count would have numbered that one as the
// older, which would then answer and, on ending, take the newer one's place).
import { describe, expect, it } from 'vitest';
import { PreviewTurns } from '../../../main/services/imports/preview-turns.js';

describe('PreviewTurns', () => {
  it('a newer preview supersedes the older one; ending the newest frees the upload', () => {
    const turns = new PreviewTurns();
    const a = turns.begin('u1');
    expect(a.superseded()).toBe(false);
    const b = turns.begin('u1');
    expect([a.superseded(), b.superseded()]).toEqual([true, false]);
    b.end();
    expect(turns.begin('u1').superseded()).toBe(false);
  });

  it('A reading, B began and ended, C began: A stays superseded, and A ending leaves C the newest', () => {
    const turns = new PreviewTurns();
    const a = turns.begin('u1');
    const b = turns.begin('u1');
    b.end();
    const c = turns.begin('u1');
    expect(a.superseded()).toBe(true);
    a.end();
    expect(c.superseded()).toBe(false);
  });

  it('uploads do not supersede each other', () => {
    const turns = new PreviewTurns();
    const a = turns.begin('u1');
    turns.begin('u2').end();
    expect(a.superseded()).toBe(false);
  });
});
