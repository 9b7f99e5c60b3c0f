// A Kazakh BIN / IIN: 12 digits whose last is a check digit — the first 11 weighted 1..11, modulo 11;
// when that gives 10, weighted 3..11, 1, 2; a 10 again makes no valid number. A digit mistyped in
// Settings is caught here, not told by Kaspi as "this organization has no trade points".
const SECOND_WEIGHTS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2] as const;

export function isValidBin(text: string): boolean {
  if (!/^\d{12}$/.test(text)) return false;
  const digits = [...text].map(Number);
  const weighted = (weight: (i: number) => number) => digits.slice(0, 11).reduce((sum, d, i) => sum + d * weight(i), 0) % 11;
  let check = weighted((i) => i + 1);
  if (check === 10) check = weighted((i) => SECOND_WEIGHTS[i]!);
  return check !== 10 && check === digits[11];
}
