import type { Role } from '../enums/index.js';

/** The citizen's bound household member (GET /me). The name is already masked by the server. */
export interface MeBinding {
  householdId: string;
  householdNumber: string;
  memberId: string;
  memberName: string;
  villageCode: string;
  villageName: string | null;
}

/** GET /me and the `account` of every login answer. */
export interface Me {
  id: string;
  role: Role;
  displayName: string;
  regionCode: string | null;
  regionName: string | null;
  binding: MeBinding | null;
}

/** The answer of POST /auth/login, /auth/wechat, /auth/wecom and /auth/refresh. */
export interface AuthResult {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  account: Me;
}

/** Error body of every failed API call. `message` is Chinese and can be shown as it is. */
export interface ApiErrorBody {
  code: string;
  message: string;
  details?: unknown;
}
