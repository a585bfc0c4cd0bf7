import { Sex } from '../enums/member.js';

export type ValidationFailure = { valid: false; reason: string };

export type ResidentIdResult =
  | {
      valid: true;
      kind: 'RESIDENT_ID';
      /** 18 characters, check digit X upper-case. */
      normalized: string;
      /** YYYY-MM-DD */
      birthDate: string;
      sex: Sex;
      /** The 6-digit address code (county at the time of issue); its first 2 digits are the province. */
      regionPrefix: string;
      provinceCode: string;
    }
  | ValidationFailure;

export interface DateCheckOptions {
  /** "Today" for the future-date check; defaults to the current date. */
  today?: Date;
}

// GB 11643-1999, ISO 7064 MOD 11-2.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/** Province-level codes (GB/T 2260) that can start a resident ID number. */
export const PROVINCE_CODES: readonly string[] = Object.freeze([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71', '81', '82',
]);

/** The check character (0-9 or X) for the first 17 digits; throws if they are not 17 digits. */
export function computeResidentIdCheckDigit(first17: string): string {
  if (!/^[0-9]{17}$/.test(first17)) {
    throw new TypeError('computeResidentIdCheckDigit expects exactly 17 digits');
  }
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function localDateString(date: Date): string {
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1, 2)}-${pad(date.getDate(), 2)}`;
}

/** 'YYYY-MM-DD' for a real calendar date from 1900-01-01 up to today, else a Chinese reason. */
function checkBirthDate(yyyymmdd: string, options?: DateCheckOptions): { ok: true; date: string } | { ok: false; reason: string } {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (
    month < 1 || month > 12 || day < 1 ||
    probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day
  ) {
    return { ok: false, reason: '身份证号码中的出生日期不是有效日期' };
  }
  if (year < 1900) return { ok: false, reason: '身份证号码中的出生日期早于1900年' };
  const date = `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
  // String comparison works for zero-padded YYYY-MM-DD.
  if (date > localDateString(options?.today ?? new Date())) {
    return { ok: false, reason: '身份证号码中的出生日期晚于今天' };
  }
  return { ok: true, date };
}

/** 18-digit resident ID (居民身份证号码) per GB 11643-1999. Never throws. */
export function validateResidentId(id: unknown, options?: DateCheckOptions): ResidentIdResult {
  if (typeof id !== 'string' || id.trim() === '') return { valid: false, reason: '身份证号码不能为空' };
  const normalized = id.trim().toUpperCase();
  if (normalized.length !== 18) return { valid: false, reason: '身份证号码应为18位' };
  if (!/^[0-9]{17}[0-9X]$/.test(normalized)) {
    return { valid: false, reason: '身份证号码应为17位数字加1位校验码（数字或X）' };
  }
  const provinceCode = normalized.slice(0, 2);
  if (!PROVINCE_CODES.includes(provinceCode)) {
    return { valid: false, reason: '身份证号码的地区码无效' };
  }
  const birth = checkBirthDate(normalized.slice(6, 14), options);
  if (!birth.ok) return { valid: false, reason: birth.reason };
  if (computeResidentIdCheckDigit(normalized.slice(0, 17)) !== normalized[17]) {
    return { valid: false, reason: '身份证号码校验码错误，请核对' };
  }
  return {
    valid: true,
    kind: 'RESIDENT_ID',
    normalized,
    birthDate: birth.date,
    sex: Number(normalized[16]) % 2 === 1 ? Sex.MALE : Sex.FEMALE,
    regionPrefix: normalized.slice(0, 6),
    provinceCode,
  };
}
