// One QR renderer for both screens: the symbol from `qrcode`, drawn as a single SVG path of black
// squares on white with the standard 4-module quiet zone. The text is encoded exactly as given.
import { useMemo } from 'react';
import { buildSymbol } from './qr-symbol.js';

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
