import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { maskName, maskPhone, Role } from '@jiuzhu/shared';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AppConfigService } from '../../config/app-config.service.js';
import { AuditService } from '../audit/audit.service.js';
import { RegionsService } from '../regions/regions.service.js';
import { AccountsException } from './accounts.exception.js';
import { AccountsService } from './accounts.service.js';
import type { BindMemberDto } from './dto/binding.dto.js';
import type { MeContactDto, MeResponseDto } from './dto/account-response.dto.js';
import type { Account } from './entities/account.entity.js';
import { BindingAttempt } from './entities/binding-attempt.entity.js';
import { BoundMember, HouseholdDirectory } from './household-directory.js';
import type { ClientMeta } from './sessions.service.js';

const VILLAGE_CODE_LENGTH = 12;

/** The caller's own account: GET /me and the citizen's binding to a household member. */
@Injectable()
export class MeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: AccountsService,
    private readonly households: HouseholdDirectory,
    private readonly regions: RegionsService,
    private readonly audit: AuditService,
    private readonly config: AppConfigService,
  ) {}

  async getMe(user: AuthUser): Promise<MeResponseDto> {
    const account = await this.accounts.findById(user.accountId);
    if (!account) throw AccountsException.invalid('account', '账户不存在');
    return this.describe(account);
  }

  /**
   * The phone on the bound household's record, whole, so the citizen's first request starts with it. It is the
   * citizen's own household, but still personal information: every view is audited.
   */
  async getContact(user: AuthUser): Promise<MeContactDto> {
    const account = await this.accounts.findById(user.accountId);
    if (!account?.householdId || !account.memberId) throw AccountsException.bindingRequired();
    const found = await this.households.householdPhone(null, account.householdId, account.memberId);
    if (!found) throw AccountsException.bindingRequired();
    await this.audit.record(null, {
      actor: user,
      action: 'household.phone-view',
      entityType: 'household',
      entityId: account.householdId,
      regionCode: found.regionCode,
      after: { purpose: 'claim-contact-prefill', hasPhone: found.phone !== null },
    });
    return { phone: found.phone, phoneMasked: found.phone ? maskPhone(found.phone) : null };
  }

  /** The me object of an account (also the `account` of every login answer). */
  async describe(account: Account, manager: EntityManager | null = null): Promise<MeResponseDto> {
    const member =
      account.householdId && account.memberId
        ? await this.households.describeMember(manager, account.householdId, account.memberId)
        : null;
    const cadreRegion = account.role === Role.CITIZEN ? null : account.regionCode;
    const villageCode = member ? member.regionCode.slice(0, VILLAGE_CODE_LENGTH) : null;
    const names = await this.regions.namesOf([cadreRegion, villageCode].filter((c): c is string => !!c), manager ?? undefined);
    return {
      id: account.id,
      role: account.role,
      displayName: account.displayName,
      regionCode: cadreRegion,
      regionName: cadreRegion ? (names.get(cadreRegion) ?? null) : null,
      binding:
        member && villageCode
          ? {
              householdId: member.householdId,
              householdNumber: member.householdNumber,
              memberId: member.memberId,
              memberName: maskName(member.memberName),
              villageCode,
              villageName: names.get(villageCode) ?? null,
            }
          : null,
    };
  }

  /**
   * Binds a citizen to the member whose name and ID number both match. Tries are limited per account and per
   * client address; a wrong pair gets one message that does not say which part was wrong. Several accounts
   * (family phones) may bind the same member, up to BINDING_MAX_ACCOUNTS_PER_MEMBER.
   */
  async bind(user: AuthUser, dto: BindMemberDto, client: ClientMeta): Promise<MeResponseDto> {
    const attemptId = await this.countAttempt(user.accountId, client.ip ?? 'unknown');
    const outcome = await this.dataSource.transaction(async (manager) => {
      const member = await this.households.findMemberForBinding(manager, dto.name, dto.idNumber);
      if (!member) return null;
      const others = await this.accounts.countBoundToMember(manager, member.memberId, user.accountId);
      const max = this.config.get('BINDING_MAX_ACCOUNTS_PER_MEMBER');
      if (others >= max) throw AccountsException.bindingLimitReached(max);
      const before = await this.accounts.findById(user.accountId, manager);
      await this.accounts.setBinding(manager, user.accountId, {
        householdId: member.householdId,
        memberId: member.memberId,
        villageCode: member.regionCode,
      });
      await manager.update(BindingAttempt, { id: attemptId }, { succeeded: true });
      await this.audit.record(manager, {
        actor: user,
        action: 'account.bind',
        entityType: 'account',
        entityId: user.accountId,
        regionCode: member.regionCode,
        before: before?.memberId ? { householdId: before.householdId, memberId: before.memberId } : null,
        after: { householdId: member.householdId, memberId: member.memberId, accountsBoundToMember: others + 1 },
      });
      const account = await this.accounts.findById(user.accountId, manager);
      return this.describe(account!, manager);
    });
    if (!outcome) {
      await this.audit.record(null, { actor: user, action: 'account.bind-failed', entityType: 'account', entityId: user.accountId });
      throw AccountsException.bindingMismatch();
    }
    return outcome;
  }

  async unbind(user: AuthUser): Promise<MeResponseDto> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.accounts.findById(user.accountId, manager);
      if (before?.memberId) {
        await this.accounts.setBinding(manager, user.accountId, null);
        await this.audit.record(manager, {
          actor: user,
          action: 'account.unbind',
          entityType: 'account',
          entityId: user.accountId,
          regionCode: before.regionCode,
          before: { householdId: before.householdId, memberId: before.memberId },
        });
      }
      const account = await this.accounts.findById(user.accountId, manager);
      return this.describe(account!, manager);
    });
  }

  /**
   * Counts this try first and then refuses when the window holds too many, so that parallel tries cannot
   * slip past the limit. Refused tries count too: hammering keeps the door shut.
   */
  private async countAttempt(accountId: string, ip: string): Promise<string> {
    const minutes = this.config.get('BINDING_WINDOW_MINUTES');
    const inserted = await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(BindingAttempt)
      .values({ accountId, ip: ip.slice(0, 64) })
      .returning(['id'])
      .updateEntity(false)
      .execute();
    const rows: Array<{ by_account: number; by_ip: number }> = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE account_id = $1)::int AS by_account,
              count(*) FILTER (WHERE ip = $2)::int AS by_ip
         FROM binding_attempts
        WHERE (account_id = $1 OR ip = $2) AND created_at > now() - make_interval(mins => $3)`,
      [accountId, ip.slice(0, 64), minutes],
    );
    const { by_account: byAccount, by_ip: byIp } = rows[0];
    if (byAccount > this.config.get('BINDING_MAX_ATTEMPTS_PER_ACCOUNT') || byIp > this.config.get('BINDING_MAX_ATTEMPTS_PER_IP')) {
      throw AccountsException.tooManyBindingAttempts(minutes);
    }
    return (inserted.raw as Array<{ id: string }>)[0].id;
  }
}
