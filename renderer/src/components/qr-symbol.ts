// The QR symbol as one SVG path (pure, no React): used by the QR component and by the benchmark.
import { create } from 'qrcode';

const QUIET_ZONE = 4;

export interface QrSymbol {
  size: number;
  path: string;
}

export function buildSymbol(text: string): QrSymbol | null {
  let modules;
  try {
    modules = create(text, { errorCorrectionLevel: 'M' }).modules;
  } catch (error) {
    console.error('kassa: cannot encode the QR', error);
    return null;
  }
  const size = modules.size;
  const parts: string[] = [];
  for (let row = 0; row < size; row++) {
    let col = 0;
    while (col < size) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      // One rectangle per horizontal run of dark modules keeps the path short.
      const start = col;
      while (col < size && modules.get(row, col)) col++;
      parts.push(`M${start + QUIET_ZONE} ${row + QUIET_ZONE}h${col - start}v1h-${col - start}z`);
    }
  }
  return { size: size + 2 * QUIET_ZONE, path: parts.join('') };
}
