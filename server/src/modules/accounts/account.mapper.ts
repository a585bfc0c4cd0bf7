import { DepartmentLabel, labelOf, maskPhone, RoleLabel } from '@jiuzhu/shared';
import type { CryptoService } from '../crypto/crypto.service.js';
import type { AccountResponseDto } from './dto/account-response.dto.js';
import type { Account } from './entities/account.entity.js';

/** The one place an account leaves the server: the phone only masked, never a hash or the password hash. */
export function mapAccount(account: Account, crypto: CryptoService, now = new Date()): AccountResponseDto {
  return {
    id: account.id,
    username: account.username,
    displayName: account.displayName,
    role: account.role,
    roleLabel: RoleLabel[account.role] ?? account.role,
    regionCode: account.regionCode,
    department: account.department ?? null,
    departmentLabel: account.department ? labelOf(DepartmentLabel, account.department) : null,
    phone: account.phoneEncrypted ? maskPhone(crypto.decrypt(account.phoneEncrypted)) : null,
    wechatLinked: !!account.wechatOpenid,
    wecomUserid: account.wecomUserid ?? null,
    bound: !!account.memberId,
    isActive: account.isActive,
    lockedUntil: account.lockedUntil && account.lockedUntil > now ? account.lockedUntil.toISOString() : null,
    lastLoginAt: account.lastLoginAt?.toISOString() ?? null,
    createdAt: account.createdAt.toISOString(),
  };
}

/** Masked snapshot for the audit log (before/after of an account write). */
export function auditSnapshot(account: Account, crypto: CryptoService): Record<string, unknown> {
  return {
    username: account.username,
    displayName: account.displayName,
    role: account.role,
    regionCode: account.regionCode,
    department: account.department ?? null,
    isActive: account.isActive,
    phone: account.phoneEncrypted ? maskPhone(crypto.decrypt(account.phoneEncrypted)) : null,
    wecomUserid: account.wecomUserid,
    householdId: account.householdId,
    memberId: account.memberId,
  };
}
