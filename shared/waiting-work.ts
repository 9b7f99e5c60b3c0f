// A live sale or refund Kaspi still has to answer, as the manager is told of it: "4 500 ₸, 28.11.2026 14:15" (Almaty).
import { toAlmatyIso } from './almaty-time.js';
import { formatTenge } from './money.js';

export function waitingWork(work: { amountTiyn: number; createdAt: string }): string {
  const at = toAlmatyIso(Date.parse(work.createdAt));
  return `${formatTenge(work.amountTiyn)}, ${at.slice(8, 10)}.${at.slice(5, 7)}.${at.slice(0, 4)} ${at.slice(11, 16)}`;
}
