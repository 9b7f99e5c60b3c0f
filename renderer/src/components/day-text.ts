// A calendar day as text and back: "01.03.2025" (as people in Kazakhstan write it) ↔ "2025-03-01".
import { isValidYmd } from '../../../shared/almaty-time.js';

/** "1.3.2025", "01.03.2025" or "2025-03-01" → "2025-03-01"; null when it is no real day. */
export function parseDayText(text: string): string | null {
  const trimmed = text.trim();
  const dotted = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(trimmed);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  const [year, month, day] = dotted ? [dotted[3], dotted[2], dotted[1]] : iso ? [iso[1], iso[2], iso[3]] : [];
  // a real day of the years Kassa reads (1990–2100, as main checks): a year mistyped 1026 is said here, not asked of main
  if (!year || !month || !day || !isValidYmd(Number(year), Number(month), Number(day))) return null;
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/** "2025-03-01" → "01.03.2025" */
export function dayText(ymd: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : ymd;
}
