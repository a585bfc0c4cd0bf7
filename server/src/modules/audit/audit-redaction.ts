import { maskIdNumber, maskPhone } from '@jiuzhu/shared';

// Keys whose values never belong in an audit row, whatever the caller passed.
const DROPPED_KEY = /password|secret|token|hash$|encrypted$|^health/i;
// An 18-character resident ID or a 20/22-digit disability certificate number standing alone in a string.
const ID_NUMBER = /(?<![0-9A-Za-z])(?:[0-9]{17}[0-9Xx]|[0-9]{20}|[0-9]{22})(?![0-9A-Za-z])/g;
// A mainland mobile number standing alone in a string.
const MOBILE = /(?<![0-9A-Za-z])(?:\+?86)?1[3-9][0-9]{9}(?![0-9A-Za-z])/g;

/**
 * Second line of defence for audit snapshots: callers pass masked snapshots (their resource mapper), and this
 * still drops secret and health keys and masks anything that looks like an ID number or a phone.
 */
export function redactForAudit(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    return value.replace(ID_NUMBER, (id) => maskIdNumber(id)).replace(MOBILE, (phone) => maskPhone(phone));
  }
  if (Array.isArray(value)) return value.map(redactForAudit);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      if (DROPPED_KEY.test(key) || inner === undefined) continue;
      out[key] = redactForAudit(inner);
    }
    return out;
  }
  return value;
}
