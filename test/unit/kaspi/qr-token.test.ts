// A QrToken is drawn as received, whatever its form — but only one a QR code can hold is accepted.
import { describe, expect, it } from 'vitest';
import { QR_TOKEN_MAX_BYTES, qrCreateDataSchema } from '../../../main/services/kaspi/kaspi-schemas.js';
import { buildSymbol } from '../../../renderer/src/components/qr-symbol.js';

const created = (QrToken: string) => qrCreateDataSchema.safeParse({ QrToken, QrPaymentId: 1, ExpireDate: null });

describe('QrToken', () => {
  it('the longest token accepted can be drawn', () => {
    const token = 'a'.repeat(QR_TOKEN_MAX_BYTES); // byte mode, the tightest
    expect(created(token).success).toBe(true);
    expect(buildSymbol(token)).not.toBeNull();
  });

  it('a token longer in bytes than a QR code holds is refused (1 500 Cyrillic letters = 3 000 bytes)', () => {
    expect(created('Ж'.repeat(1500)).success).toBe(false);
    expect(created('a'.repeat(QR_TOKEN_MAX_BYTES + 1)).success).toBe(false);
  });
});
