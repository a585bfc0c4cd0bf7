import { validateDisabilityCertificate, type DisabilityCertificateResult } from './disability-certificate.js';
import { validateResidentId, type DateCheckOptions, type ResidentIdResult } from './resident-id.js';

export type IdNumberResult = ResidentIdResult | DisabilityCertificateResult;

/** A member's ID number: an 18-character resident ID or a 20/22-digit disability certificate number. */
export function validateIdNumber(no: unknown, options?: DateCheckOptions): IdNumberResult {
  if (typeof no !== 'string' || no.trim() === '') return { valid: false, reason: '证件号码不能为空' };
  const length = no.trim().length;
  if (length === 20 || length === 22) return validateDisabilityCertificate(no, options);
  if (length === 18) return validateResidentId(no, options);
  return { valid: false, reason: '证件号码应为18位身份证号码或20/22位残疾人证号' };
}
