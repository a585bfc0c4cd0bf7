import type { Role } from '@jiuzhu/shared';

/** The caller of every service method (STYLE.md: services take the caller first). */
export interface AuthUser {
  accountId: string;
  role: Role;
  /** region code the cadre may act in (prefix scope); null for citizens and the province-wide admin */
  regionCode: string | null;
  /** for citizens bound to a household member */
  householdId?: string | null;
  memberId?: string | null;
  /** id of the refresh-token session the access token came from (revocable) */
  sessionId?: string;
  /**
   * A department system calling with `X-Api-Key` (routes marked @ApiKeyAllowed only): the key's id (also in
   * accountId, so audit rows name it), department, datasets and region prefix (regionCode). Absent for logins.
   */
  apiKey?: { id: string; department: string; datasets: string[] } | null;
}
