import type { ValidationFailure } from './resident-id.js';

export type MobileResult = { valid: true; normalized: string } | ValidationFailure;

/** Mainland mobile number: 11 digits starting 1[3-9]; "+86"/"86" prefix, spaces and dashes are dropped. */
export function validateMobile(phone: unknown): MobileResult {
  if (typeof phone !== 'string' || phone.trim() === '') return { valid: false, reason: '手机号码不能为空' };
  let digits = phone.replace(/[\s-]/g, '');
  if (digits.startsWith('+86')) digits = digits.slice(3);
  else if (digits.startsWith('86') && digits.length === 13) digits = digits.slice(2);
  if (!/^[0-9]+$/.test(digits)) return { valid: false, reason: '手机号码只能包含数字' };
  if (digits.length !== 11) return { valid: false, reason: '手机号码应为11位' };
  if (!/^1[3-9]/.test(digits)) return { valid: false, reason: '手机号码格式不正确' };
  return { valid: true, normalized: digits };
}
