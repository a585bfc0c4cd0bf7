import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, FindOptionsWhere, QueryFailedError } from 'typeorm';
import { Department, Role, RoleLabel, validateMobile } from '@jiuzhu/shared';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { narrowRegion, regionPrefixOf } from '../../common/auth/region-scope.js';
import { notFound } from '../../common/errors/app.exception.js';
import { Page, pageOf } from '../../common/http/pagination.js';
import { AppConfigService } from '../../config/app-config.service.js';
import { AuditService } from '../audit/audit.service.js';
import { CryptoService } from '../crypto/crypto.service.js';
import { RegionsService } from '../regions/regions.service.js';
import { auditSnapshot, mapAccount } from './account.mapper.js';
import { AccountsException } from './accounts.exception.js';
import type { AccountResponseDto } from './dto/account-response.dto.js';
import type { CreateAccountDto } from './dto/create-account.dto.js';
import type { ListAccountsQueryDto } from './dto/list-accounts.query.js';
import type { UpdateAccountDto } from './dto/update-account.dto.js';
import { USERNAME_MESSAGE, USERNAME_PATTERN } from './dto/validators.js';
import { Account } from './entities/account.entity.js';
import { SessionRevokeReason } from './entities/session.entity.js';
import { PASSWORD_MESSAGE, PasswordService } from './password.service.js';
import { SessionsService } from './sessions.service.js';

export interface CreateAccountInput {
  /** cadres log in with it (stored lower-case) */
  username?: string | null;
  password?: string | null;
  role: Role;
  /** required for every cadre role, at the level the role works at; null for citizens */
  regionCode?: string | null;
  displayName: string;
  phone?: string | null;
  wecomUserid?: string | null;
  /** department operators: the department whose data they deliver */
  department?: Department | null;
}

export interface LoginFailure {
  failedLoginCount: number;
  lockedUntil: Date | null;
}

const LEVEL_NAMES: Record<number, string> = { 2: '省', 4: '州市', 6: '县', 9: '乡镇', 12: '村', 15: '网格' };

/** Code lengths a role's region may have: a village cadre works in a village, a county officer in a county. */
export const REGION_LENGTHS_BY_ROLE: Record<Role, readonly number[]> = {
  [Role.CITIZEN]: [],
  [Role.GRID_WORKER]: [12, 15],
  [Role.VILLAGE_CADRE]: [12],
  [Role.TOWNSHIP_REVIEWER]: [9],
  [Role.COUNTY_OFFICER]: [6],
  [Role.DEPARTMENT_OPERATOR]: [2, 4, 6],
  [Role.ADMIN]: [2, 4, 6],
};

const UNIQUE_VIOLATION = '23505';

/** Accounts: creation (seed, tests, administrators), the administrators' list and changes, login counters. */
@Injectable()
export class AccountsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly crypto: CryptoService,
    private readonly passwords: PasswordService,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    private readonly regions: RegionsService,
    private readonly config: AppConfigService,
  ) {}

  // ---------------------------------------------------------------- creation (seed, test factories, admin API)

  /**
   * Creates an account and writes its audit row in one transaction (or in the caller's).
   * Used by the demo seed and the test factories (actor null: the system) and by POST /accounts.
   */
  async createAccount(
    input: CreateAccountInput,
    options: { actor?: AuthUser | null; manager?: EntityManager } = {},
  ): Promise<Account> {
    const values = await this.prepareNew(input);
    const run = async (manager: EntityManager) => {
      await this.assertUnique(manager, values);
      let id: string;
      try {
        const inserted = await manager.insert(Account, manager.create(Account, values));
        id = (inserted.identifiers[0] as { id: string }).id;
      } catch (error) {
        throw this.uniqueViolation(error) ?? error;
      }
      const account = await manager.findOneByOrFail(Account, { id });
      await this.audit.record(manager, {
        actor: options.actor ?? null,
        action: 'account.create',
        entityType: 'account',
        entityId: account.id,
        regionCode: account.regionCode,
        after: auditSnapshot(account, this.crypto),
      });
      return account;
    };
    return options.manager ? run(options.manager) : this.dataSource.transaction(run);
  }

  async create(user: AuthUser, dto: CreateAccountDto): Promise<AccountResponseDto> {
    if (dto.role === Role.CITIZEN) {
      throw AccountsException.invalid('role', '群众账户在首次微信登录时自动创建，不能在此创建');
    }
    if (!dto.regionCode) throw AccountsException.invalid('regionCode', `${RoleLabel[dto.role]}账户必须选择地区`);
    if (dto.role === Role.DEPARTMENT_OPERATOR && !dto.department) {
      throw AccountsException.invalid('department', '行业部门账户必须选择所属部门');
    }
    narrowRegion(user, dto.regionCode);
    await this.assertRegionExists(dto.regionCode);
    const account = await this.createAccount(dto, { actor: user });
    return mapAccount(account, this.crypto);
  }

  // ---------------------------------------------------------------- the administrators' API

  async list(user: AuthUser, query: ListAccountsQueryDto): Promise<Page<AccountResponseDto>> {
    const { page, pageSize, offset } = pageOf(query);
    const prefix = narrowRegion(user, query.region);
    const qb = this.dataSource.getRepository(Account).createQueryBuilder('a');
    // unbound citizens have no region: only an administrator of the whole province sees them
    if (prefix.length <= 2 && !query.region) {
      qb.andWhere('(a.region_code LIKE :prefix OR a.region_code IS NULL)', { prefix: `${prefix}%` });
    } else {
      qb.andWhere('a.region_code LIKE :prefix', { prefix: `${prefix}%` });
    }
    if (query.role) qb.andWhere('a.role = :role', { role: query.role });
    const q = query.q?.trim();
    if (q) {
      const mobile = validateMobile(q);
      if (mobile.valid) {
        qb.andWhere('a.phone_hash = :phoneHash', { phoneHash: this.crypto.lookupHash(mobile.normalized) });
      } else {
        const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        qb.andWhere('(a.username ILIKE :like OR a.display_name ILIKE :like)', { like });
      }
    }
    const [rows, total] = await qb
      .orderBy('a.created_at', 'DESC')
      .addOrderBy('a.id', 'ASC')
      .skip(offset)
      .take(pageSize)
      .getManyAndCount();
    const now = new Date();
    return { items: rows.map((row) => mapAccount(row, this.crypto, now)), total, page, pageSize };
  }

  async get(user: AuthUser, id: string): Promise<AccountResponseDto> {
    return mapAccount(await this.findManageable(user, id), this.crypto);
  }

  async update(user: AuthUser, id: string, dto: UpdateAccountDto): Promise<AccountResponseDto> {
    const account = await this.findManageable(user, id);
    const before = auditSnapshot(account, this.crypto);
    const self = account.id === user.accountId;
    const roleChanges = dto.role !== undefined && dto.role !== account.role;
    const regionChanges = dto.regionCode !== undefined && dto.regionCode !== account.regionCode;
    if (self && (roleChanges || regionChanges || dto.isActive === false)) throw AccountsException.selfChange();

    const citizen = account.role === Role.CITIZEN;
    if (roleChanges && (citizen || dto.role === Role.CITIZEN)) {
      throw AccountsException.invalid('role', '不能在群众与干部角色之间转换');
    }
    if (citizen && regionChanges) throw AccountsException.invalid('regionCode', '群众账户的地区由绑定的家庭决定，不能修改');
    if (citizen && dto.wecomUserid) throw AccountsException.invalid('wecomUserid', '群众账户不能关联企业微信');

    const role = dto.role ?? account.role;
    const regionCode = dto.regionCode ?? account.regionCode;
    const department = role === Role.DEPARTMENT_OPERATOR ? (dto.department ?? account.department) : null;
    if (dto.department && role !== Role.DEPARTMENT_OPERATOR) {
      throw AccountsException.invalid('department', '只有行业部门账户设置所属部门');
    }
    if (roleChanges || regionChanges) {
      this.assertRegionFitsRole(role, regionCode);
      narrowRegion(user, regionCode);
      if (regionChanges) await this.assertRegionExists(regionCode!);
    }

    const changes: Partial<Account> = {};
    if (dto.displayName !== undefined) changes.displayName = dto.displayName;
    if (department !== account.department) changes.department = department;
    if (roleChanges) changes.role = role;
    if (regionChanges) changes.regionCode = regionCode;
    if (dto.isActive !== undefined) changes.isActive = dto.isActive;
    if (dto.password !== undefined) changes.passwordHash = await this.passwords.hash(dto.password);
    if (dto.phone !== undefined) Object.assign(changes, this.phoneColumns(dto.phone));
    if (dto.wecomUserid !== undefined) changes.wecomUserid = dto.wecomUserid;
    if (dto.unlock || dto.password !== undefined) {
      changes.failedLoginCount = 0;
      changes.lockedUntil = null;
    }

    return this.dataSource.transaction(async (manager) => {
      if (changes.wecomUserid) await this.assertUnique(manager, { wecomUserid: changes.wecomUserid }, id);
      try {
        if (Object.keys(changes).length) await manager.update(Account, { id }, changes);
      } catch (error) {
        throw this.uniqueViolation(error) ?? error;
      }
      const updated = await manager.findOneByOrFail(Account, { id });
      // a disabled account and a reset password end every login at once (the guard checks the session)
      let revoked = 0;
      if (dto.isActive === false && account.isActive) {
        revoked = await this.sessions.revokeAll(manager, id, SessionRevokeReason.ACCOUNT_DISABLED);
      } else if (dto.password !== undefined) {
        revoked = await this.sessions.revokeAll(manager, id, SessionRevokeReason.PASSWORD_RESET);
      }
      const action =
        dto.isActive === false && account.isActive
          ? 'account.disable'
          : dto.password !== undefined
            ? 'account.reset-password'
            : 'account.update';
      await this.audit.record(manager, {
        actor: user,
        action,
        entityType: 'account',
        entityId: id,
        regionCode: updated.regionCode,
        before,
        after: { ...auditSnapshot(updated, this.crypto), ...(revoked ? { sessionsRevoked: revoked } : {}) },
      });
      return mapAccount(updated, this.crypto);
    });
  }

  /** Lost phone: every login of the account ends now (the access tokens too, through the guard). */
  async revokeSessions(user: AuthUser, id: string): Promise<{ revoked: number }> {
    const account = await this.findManageable(user, id);
    return this.dataSource.transaction(async (manager) => {
      const revoked = await this.sessions.revokeAll(manager, id, SessionRevokeReason.ADMIN);
      await this.audit.record(manager, {
        actor: user,
        action: 'account.revoke-sessions',
        entityType: 'account',
        entityId: id,
        regionCode: account.regionCode,
        after: { revoked },
      });
      return { revoked };
    });
  }

  // ---------------------------------------------------------------- lookups and counters for the auth module

  findById(id: string, manager?: EntityManager): Promise<Account | null> {
    return (manager ?? this.dataSource.manager).findOneBy(Account, { id });
  }

  findByUsername(username: string): Promise<Account | null> {
    return this.dataSource.manager.findOneBy(Account, { username: username.trim().toLowerCase() });
  }

  findByWecomUserid(userid: string): Promise<Account | null> {
    return this.dataSource.manager.findOneBy(Account, { wecomUserid: userid });
  }

  /** The citizen account of a WeChat user, created on the first login (concurrent first logins make one). */
  async findOrCreateCitizen(
    manager: EntityManager,
    openid: string,
    unionid: string | null,
  ): Promise<{ account: Account; created: boolean }> {
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(Account)
      .values({
        role: Role.CITIZEN,
        displayName: '微信用户',
        wechatOpenid: openid,
        wechatUnionid: unionid,
        regionCode: null,
      })
      .orIgnore()
      .returning(['id'])
      .execute();
    const account = await manager.findOneByOrFail(Account, { wechatOpenid: openid });
    const created = inserted.raw?.length > 0;
    if (created) {
      await this.audit.record(manager, {
        actor: null,
        action: 'account.create',
        entityType: 'account',
        entityId: account.id,
        after: { ...auditSnapshot(account, this.crypto), source: 'wechat' },
      });
    } else if (unionid && account.wechatUnionid !== unionid) {
      await manager.update(Account, { id: account.id }, { wechatUnionid: unionid });
    }
    return { account, created };
  }

  /**
   * Counts a wrong password; the failure that reaches the limit locks the account. A failure after an
   * expired lock starts counting again from one. Atomic, so parallel guesses cannot skip the lock.
   */
  async recordLoginFailure(id: string): Promise<LoginFailure> {
    const max = this.config.get('AUTH_LOCKOUT_MAX_FAILURES');
    const minutes = this.config.get('AUTH_LOCKOUT_MINUTES');
    type Row = { failed_login_count: number; locked_until: Date | null };
    // TypeORM answers an UPDATE ... RETURNING with [rows, affected]
    const [rows]: [Row[], number] = await this.dataSource.query(
      `WITH next AS (
         SELECT id, CASE WHEN locked_until IS NOT NULL AND locked_until <= now() THEN 1
                         ELSE failed_login_count + 1 END AS count
           FROM accounts WHERE id = $1 FOR UPDATE)
       UPDATE accounts a
          SET failed_login_count = next.count,
              locked_until = CASE WHEN next.count >= $2 THEN now() + make_interval(mins => $3)
                                  WHEN a.locked_until <= now() THEN NULL ELSE a.locked_until END,
              updated_at = now()
         FROM next WHERE a.id = next.id
       RETURNING a.failed_login_count, a.locked_until`,
      [id, max, minutes],
    );
    const row = rows[0] ?? { failed_login_count: 0, locked_until: null };
    return { failedLoginCount: row.failed_login_count, lockedUntil: row.locked_until ? new Date(row.locked_until) : null };
  }

  get lockoutMinutes(): number {
    return this.config.get('AUTH_LOCKOUT_MINUTES');
  }

  async recordLoginSuccess(manager: EntityManager, id: string): Promise<void> {
    await manager.update(Account, { id }, { failedLoginCount: 0, lockedUntil: null, lastLoginAt: () => 'now()' });
  }

  /** Sets or clears a citizen's binding; region_code follows the bound village (for the admins' region scope). */
  async setBinding(
    manager: EntityManager,
    accountId: string,
    binding: { householdId: string; memberId: string; villageCode: string | null } | null,
  ): Promise<void> {
    await manager.update(
      Account,
      { id: accountId },
      binding
        ? { householdId: binding.householdId, memberId: binding.memberId, regionCode: binding.villageCode, boundAt: () => 'now()' }
        : { householdId: null, memberId: null, regionCode: null, boundAt: null },
    );
  }

  /** How many other accounts are bound to this member (the family-phones limit). */
  countBoundToMember(manager: EntityManager, memberId: string, exceptAccountId: string): Promise<number> {
    return manager
      .getRepository(Account)
      .createQueryBuilder('a')
      .where('a.member_id = :memberId', { memberId })
      .andWhere('a.id <> :exceptAccountId', { exceptAccountId })
      .andWhere('a.is_active')
      .getCount();
  }

  // ---------------------------------------------------------------- rules

  private async prepareNew(input: CreateAccountInput): Promise<Partial<Account>> {
    const role = input.role;
    if (!Object.values(Role).includes(role)) throw AccountsException.invalid('role', '角色不是允许的取值');
    const regionCode = role === Role.CITIZEN ? null : (input.regionCode ?? null);
    if (role === Role.CITIZEN && input.regionCode) {
      throw AccountsException.invalid('regionCode', '群众账户不设地区，绑定家庭后自动确定');
    }
    this.assertRegionFitsRole(role, regionCode);
    let username: string | null = null;
    if (input.username !== undefined && input.username !== null) {
      username = input.username.trim().toLowerCase();
      if (!USERNAME_PATTERN.test(username)) throw AccountsException.invalid('username', USERNAME_MESSAGE);
    }
    if (input.password !== undefined && input.password !== null && !this.passwords.isAcceptable(input.password)) {
      throw AccountsException.invalid('password', PASSWORD_MESSAGE);
    }
    if (role !== Role.CITIZEN && !username) throw AccountsException.invalid('username', '干部账户必须有用户名');
    const displayName = input.displayName?.trim();
    if (!displayName) throw AccountsException.invalid('displayName', '姓名不能为空');
    const department = input.department ?? null;
    if (department && role !== Role.DEPARTMENT_OPERATOR) {
      throw AccountsException.invalid('department', '只有行业部门账户设置所属部门');
    }
    if (department && !Object.values(Department).includes(department)) {
      throw AccountsException.invalid('department', '所属部门不是允许的取值');
    }
    return {
      username,
      displayName,
      role,
      regionCode,
      department,
      passwordHash: input.password ? await this.passwords.hash(input.password) : null,
      wecomUserid: input.wecomUserid ?? null,
      ...this.phoneColumns(input.phone ?? null),
    };
  }

  private phoneColumns(phone: string | null): Pick<Account, 'phoneEncrypted' | 'phoneHash'> {
    if (phone === null || phone === '') return { phoneEncrypted: null, phoneHash: null };
    const result = validateMobile(phone);
    if (!result.valid) throw AccountsException.invalid('phone', result.reason);
    return { phoneEncrypted: this.crypto.encrypt(result.normalized), phoneHash: this.crypto.lookupHash(result.normalized) };
  }

  private assertRegionFitsRole(role: Role, regionCode: string | null): void {
    const lengths = REGION_LENGTHS_BY_ROLE[role];
    if (role === Role.CITIZEN) return;
    const levels = lengths.map((length) => `${LEVEL_NAMES[length]}（${length}位）`).join('或');
    if (!regionCode) throw AccountsException.invalid('regionCode', `${RoleLabel[role]}账户必须选择地区`);
    if (!/^[0-9]+$/.test(regionCode) || !lengths.includes(regionCode.length)) {
      throw AccountsException.invalid('regionCode', `${RoleLabel[role]}的地区应为${levels}代码`);
    }
  }

  private async assertRegionExists(regionCode: string): Promise<void> {
    if (!(await this.regions.findOne(regionCode))) {
      throw AccountsException.invalid('regionCode', `地区代码 ${regionCode} 不存在`);
    }
  }

  /** The account if the administrator may manage it, else 404 (not 403: ids outside the region are not probed). */
  private async findManageable(user: AuthUser, id: string): Promise<Account> {
    const account = /^[0-9a-f-]{36}$/i.test(id) ? await this.findById(id) : null;
    if (!account) throw notFound('账户');
    const prefix = regionPrefixOf(user);
    const visible = account.regionCode ? account.regionCode.startsWith(prefix) : prefix.length <= 2;
    if (!visible) throw notFound('账户');
    return account;
  }

  /** Friendly answers for the usual clash; the unique indexes still decide a race (uniqueViolation). */
  private async assertUnique(manager: EntityManager, values: Partial<Account>, exceptId?: string): Promise<void> {
    const clash = async (where: FindOptionsWhere<Account>) => {
      const found = await manager.findOne(Account, { where, select: { id: true } });
      return found !== null && found.id !== exceptId;
    };
    if (values.username && (await clash({ username: values.username }))) throw AccountsException.usernameTaken();
    if (values.wecomUserid && (await clash({ wecomUserid: values.wecomUserid }))) throw AccountsException.wecomUseridTaken();
  }

  private uniqueViolation(error: unknown): AccountsException | null {
    if (!(error instanceof QueryFailedError)) return null;
    const driver = error.driverError as { code?: string; constraint?: string };
    if (driver?.code !== UNIQUE_VIOLATION) return null;
    if (driver.constraint === 'UQ_accounts_username') return AccountsException.usernameTaken();
    if (driver.constraint === 'UQ_accounts_wecom_userid') return AccountsException.wecomUseridTaken();
    return null;
  }
}
