// One QR renderer for both screens: the symbol from `qrcode`, drawn as a single SVG path of black
// squares on white with the standard 4-module quiet zone. The text is encoded exactly as given.
import { useMemo } from 'react';
import { create } from 'qrcode';

const QUIET_ZONE = 4;

interface QrSymbol {
  size: number;
  path: string;
}

function buildSymbol(text: string): QrSymbol | null {
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

interface QrSvgProps {
  text: string;
  testId: string;
  className?: string;
  label?: string;
}

export function QrSvg({ text, testId, className, label }: QrSvgProps) {
  const symbol = useMemo(() => buildSymbol(text), [text]);
  if (!symbol) return null;
  const { size, path } = symbol;
  return (
    <svg
      data-testid={testId}
      className={className}
      viewBox={`0 0 ${size} ${size}`}
      shapeRendering="crispEdges"
      role="img"
      aria-label={label}
      xmlns="http://www.w3.org/2000/svg"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
