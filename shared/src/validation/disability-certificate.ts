import { Sex } from '../enums/member.js';
import { validateResidentId, type DateCheckOptions, type ValidationFailure } from './resident-id.js';

/**
 * Our reading of the 残疾人证 number (second-generation certificate):
 *   20 digits = the holder's 18-character resident ID + 1 digit category + 1 digit grade;
 *   22 digits = the same 20 + 2 more digits (older certificates carry a reissue/serial suffix; it is
 *               written "B1"-style on some cards, but registry exports hold digits only, so only digits
 *               are accepted here).
 * The resident ID part must itself be valid (check digit, date, province). Its check character may be X,
 * so "20 digits" means 20 characters with the X allowed at position 18.
 */
export enum DisabilityCategory {
  VISUAL = 'VISUAL',
  HEARING = 'HEARING',
  SPEECH = 'SPEECH',
  PHYSICAL = 'PHYSICAL',
  INTELLECTUAL = 'INTELLECTUAL',
  MENTAL = 'MENTAL',
  MULTIPLE = 'MULTIPLE',
}

export const DisabilityCategoryLabel: Record<DisabilityCategory, string> = {
  [DisabilityCategory.VISUAL]: '视力残疾',
  [DisabilityCategory.HEARING]: '听力残疾',
  [DisabilityCategory.SPEECH]: '言语残疾',
  [DisabilityCategory.PHYSICAL]: '肢体残疾',
  [DisabilityCategory.INTELLECTUAL]: '智力残疾',
  [DisabilityCategory.MENTAL]: '精神残疾',
  [DisabilityCategory.MULTIPLE]: '多重残疾',
};

/** Category digit 1-7 on the certificate, in this order. */
const CATEGORY_BY_DIGIT: readonly DisabilityCategory[] = [
  DisabilityCategory.VISUAL,
  DisabilityCategory.HEARING,
  DisabilityCategory.SPEECH,
  DisabilityCategory.PHYSICAL,
  DisabilityCategory.INTELLECTUAL,
  DisabilityCategory.MENTAL,
  DisabilityCategory.MULTIPLE,
];

export type DisabilityCertificateResult =
  | {
      valid: true;
      kind: 'DISABILITY_CERTIFICATE';
      normalized: string;
      /** The holder's resident ID (first 18 characters). */
      residentId: string;
      birthDate: string;
      sex: Sex;
      regionPrefix: string;
      provinceCode: string;
      disabilityCategory: DisabilityCategory;
      /** 1 (most severe) to 4. */
      disabilityGrade: number;
    }
  | ValidationFailure;

export function validateDisabilityCertificate(no: unknown, options?: DateCheckOptions): DisabilityCertificateResult {
  if (typeof no !== 'string' || no.trim() === '') return { valid: false, reason: '残疾人证号不能为空' };
  const normalized = no.trim().toUpperCase();
  if (normalized.length !== 20 && normalized.length !== 22) {
    return { valid: false, reason: '残疾人证号应为20位或22位' };
  }
  if (!/^[0-9]{17}[0-9X][0-9]+$/.test(normalized)) {
    return { valid: false, reason: '残疾人证号应为身份证号码加残疾类别、等级数字' };
  }
  const resident = validateResidentId(normalized.slice(0, 18), options);
  if (!resident.valid) return { valid: false, reason: `残疾人证号中的${resident.reason}` };
  const categoryDigit = Number(normalized[18]);
  const grade = Number(normalized[19]);
  if (categoryDigit < 1 || categoryDigit > 7) return { valid: false, reason: '残疾人证号中的残疾类别应为1-7' };
  if (grade < 1 || grade > 4) return { valid: false, reason: '残疾人证号中的残疾等级应为1-4' };
  return {
    valid: true,
    kind: 'DISABILITY_CERTIFICATE',
    normalized,
    residentId: resident.normalized,
    birthDate: resident.birthDate,
    sex: resident.sex,
    regionPrefix: resident.regionPrefix,
    provinceCode: resident.provinceCode,
    disabilityCategory: CATEGORY_BY_DIGIT[categoryDigit - 1],
    disabilityGrade: grade,
  };
}
