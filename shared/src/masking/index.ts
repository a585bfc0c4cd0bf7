/** Masking for display; the notice and every response mapper use these. null/undefined/'' give ''. */

function chars(value: string): string[] {
  // Code points, so a rare character outside the BMP counts as one.
  return Array.from(value);
}

function keepEnds(value: string | null | undefined, head: number, tail: number): string {
  if (value === null || value === undefined || value === '') return '';
  const c = chars(String(value));
  // Too short to hide anything while showing both ends: hide all of it.
  if (c.length <= head + tail) return '*'.repeat(c.length);
  return c.slice(0, head).join('') + '*'.repeat(c.length - head - tail) + c.slice(c.length - tail).join('');
}

/** 张三 → 张*, 张三丰 → 张*丰, 欧阳娜娜 → 欧**娜, 张 → 张. */
export function maskName(name: string | null | undefined): string {
  if (name === null || name === undefined || name === '') return '';
  const c = chars(String(name));
  if (c.length === 1) return c[0];
  if (c.length === 2) return `${c[0]}*`;
  return c[0] + '*'.repeat(c.length - 2) + c[c.length - 1];
}

/** 530129199001011234 → 5301**********1234 (first 4, last 4, length kept). */
export function maskIdNumber(id: string | null | undefined): string {
  return keepEnds(id, 4, 4);
}

/** 13812345678 → 138****5678. */
export function maskPhone(phone: string | null | undefined): string {
  return keepEnds(phone, 3, 4);
}

/** Only the last 4 digits stay: 6222021234567890123 → ***************0123. */
export function maskBankAccount(account: string | null | undefined): string {
  return keepEnds(account, 0, 4);
}
