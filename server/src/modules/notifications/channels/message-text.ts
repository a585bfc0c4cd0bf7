import { chinaDate } from '../../../common/clock.js';

/** At most `max` characters (code points); a cut text ends with '…'. */
export function clipChars(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return chars.slice(0, Math.max(0, max - 1)).join('') + '…';
}

/** At most `max` bytes of UTF-8 (WeCom counts bytes), cut at a character boundary; a cut text ends with '…'. */
export function clipBytes(text: string, max: number): string {
  if (Buffer.byteLength(text) <= max) return text;
  const budget = max - Buffer.byteLength('…');
  let out = '';
  let used = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char);
    if (used + size > budget) break;
    out += char;
    used += size;
  }
  return out + '…';
}

/** '2025年6月3日 14:05' in China time (the form WeChat's time.DATA and people expect). */
export function chinaDateTime(instant: Date): string {
  const shifted = new Date(instant.getTime() + 8 * 3600 * 1000);
  const hh = String(shifted.getUTCHours()).padStart(2, '0');
  const mm = String(shifted.getUTCMinutes()).padStart(2, '0');
  return `${chinaDateWords(instant)} ${hh}:${mm}`;
}

/** '2025年6月3日' in China time. */
export function chinaDateWords(instant: Date): string {
  const [y, m, d] = chinaDate(instant).split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
