import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import {
  HealthStatus,
  HouseholdType,
  LabourCapacity,
  MAX_RISK_TYPES,
  MonitoringType,
  REGION_CODE_LENGTH,
  Relation,
  RegionLevel,
  RiskType,
  Role,
  SafetyNetStatus,
  validateIdNumber,
  validateMobile,
} from '@jiuzhu/shared';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { bulkInsert } from '../../database/bulk-insert.js';
import { assertInScope, isInScope, narrowRegion } from '../../common/auth/region-scope.js';
import { ErrorDetail, forbidden, notFound, validationFailed } from '../../common/errors/app.exception.js';
import { Page, pageOf } from '../../common/http/pagination.js';
import { AuditService } from '../audit/audit.service.js';
import { CryptoService } from '../crypto/crypto.service.js';
import { RegionsService } from '../regions/regions.service.js';
import type {
  HouseholdDetailDto,
  HouseholdSummaryDto,
  MemberDto,
  MemberIdNumberDto,
} from './dto/household.dto.js';
import type { CreateHouseholdDto, HouseholdListQueryDto, UpdateHouseholdDto } from './dto/household-input.dto.js';
import type { MemberInputDto, UpdateMemberDto } from './dto/member-input.dto.js';
import { Household } from './entities/household.entity.js';
import { Member } from './entities/member.entity.js';
import { HouseholdsErrorCode, HouseholdsException } from './households.exception.js';
import {
  HouseholdPlain,
  householdAuditSnapshot,
  mapHousehold,
  mapHouseholdDetail,
  mapMember,
  MemberPlain,
  memberAuditSnapshot,
} from './households.mapper.js';

/** Roles that may see a member's whole ID number (each view is audited). */
export const ID_NUMBER_VIEWER_ROLES: readonly Role[] = Object.freeze([
  Role.VILLAGE_CADRE,
  Role.TOWNSHIP_REVIEWER,
  Role.COUNTY_OFFICER,
  Role.ADMIN,
]);

/** A name search needs this many characters (code points): 2 would list every 李某 of a county. */
export const MIN_NAME_SEARCH_LENGTH = 3;

const HOUSEHOLD = '户';
const MEMBER = '成员';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOUSEHOLD_SEQUENCE_DIGITS = 4;
const GRID_CODE_LENGTH = REGION_CODE_LENGTH[RegionLevel.GRID];
const ID_HASH_INDEX = 'UQ_members_id_number_hash';

// member fields a PATCH may not set to null (IsOptional lets null through)
const REQUIRED_MEMBER_FIELDS = [
  'name',
  'idNumber',
  'relation',
  'sex',
  'birthDate',
  'medicalInsurance',
  'seriousIllnessInsurance',
  'pensionInsurance',
  'safetyNet',
  'publicWelfareJob',
] as const;
const REQUIRED_HOUSEHOLD_FIELDS = ['regionCode', 'address', 'householdType', 'riskTypes', 'noLabourCapacity', 'relocated'] as const;

/** The ID number as stored: normalised, its keyed hash (of the resident ID inside it), and what it says. */
interface Identity {
  normalized: string;
  hash: string;
  birthDate: string;
  sex: Member['sex'];
}

/** A member input checked and ready to write. */
interface PreparedMember {
  id: string;
  identity: Identity;
  phone: string | null;
  health: HealthStatus | null;
  values: Partial<Member>;
}

type Search =
  | { kind: 'name'; prefix: string }
  | { kind: 'idNumber'; hash: string }
  | { kind: 'phone'; hash: string }
  | { kind: 'householdNumber'; value: string };

/** One household of a bulk import: the fields of POST /households, plus the monitoring type of existing records. */
export interface HouseholdImport {
  regionCode: string;
  address: string;
  phone?: string | null;
  householdType: HouseholdType;
  monitoringType?: MonitoringType | null;
  riskTypes?: RiskType[];
  noLabourCapacity?: boolean;
  relocated?: boolean;
  members: MemberInputDto[];
}

/** What the cases module reads of a household (HouseholdsService.caseFactsOf). */
export interface HouseholdCaseFacts {
  id: string;
  countyCode: string;
  /** the grid */
  regionCode: string;
  householdNumber: string;
  headName: string | null;
  memberCount: number;
  monitoringType: MonitoringType | null;
  noLabourCapacity: boolean;
  /** a member with ordinary or skilled labour capacity, and the household not 整户无劳动能力 */
  hasLabour: boolean;
}

export interface ImportResult {
  households: number;
  members: number;
  householdIds: string[];
}

/** A member as the citizen binding sees it (the accounts module masks the name). */
export interface BoundMemberSummary {
  householdId: string;
  householdNumber: string;
  memberId: string;
  memberName: string;
  /** the household's grid */
  regionCode: string;
}

interface BindingRow {
  member_id: string;
  name: string;
  household_id: string;
  region_code: string;
  household_number: string;
}

const BINDING_SELECT = `SELECT m.id AS member_id, m.name, h.id AS household_id, h.region_code, h.household_number
  FROM members m JOIN households h ON h.county_code = m.county_code AND h.id = m.household_id`;

const toBoundMember = (row: BindingRow): BoundMemberSummary => ({
  householdId: row.household_id,
  householdNumber: row.household_number,
  memberId: row.member_id,
  memberName: row.name,
  regionCode: row.region_code,
});

const likeEscape = (value: string) => value.replace(/[\\%_]/g, '\\$&');
// Chinese names written with different middle dots (·•・) are the same name
const normaliseName = (name: string) => name.replace(/\s+/g, '').replace(/[•・‧∙]/g, '·');

/**
 * The household registry (DOMAIN.md "Households and members"). Every method takes the caller first and scopes by
 * the grid code prefix; every write runs in one transaction with its audit row; responses go through the mapper.
 */
@Injectable()
export class HouseholdsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly crypto: CryptoService,
    private readonly regions: RegionsService,
    private readonly audit: AuditService,
  ) {}

  // ---------------------------------------------------------------- queries

  /**
   * GET /households: the caller's region (or a narrower `region`), filtered by type, monitoring type and `q`.
   * `q` is a member's name (at least 3 characters, matched from the start), or an exact ID number, mobile
   * number or household number.
   */
  async list(user: AuthUser, query: HouseholdListQueryDto): Promise<Page<HouseholdSummaryDto>> {
    const { page, pageSize, offset } = pageOf(query);
    const prefix = narrowRegion(user, query.region);
    const qb = this.dataSource
      .getRepository(Household)
      .createQueryBuilder('h')
      .where('h.region_code LIKE :prefix', { prefix: `${prefix}%` });
    if (query.type) qb.andWhere('h.household_type = :type', { type: query.type });
    if (query.monitoringType) qb.andWhere('h.monitoring_type = :monitoringType', { monitoringType: query.monitoringType });
    const search = query.q ? this.parseSearch(query.q) : null;
    const memberMatches = (condition: string) =>
      `EXISTS (SELECT 1 FROM members m WHERE m.county_code = h.county_code AND m.household_id = h.id AND ${condition})`;
    if (search?.kind === 'name') qb.andWhere(memberMatches('m.name LIKE :name'), { name: `${likeEscape(search.prefix)}%` });
    if (search?.kind === 'idNumber') qb.andWhere(memberMatches('m.id_number_hash = :hash'), { hash: search.hash });
    if (search?.kind === 'phone') {
      qb.andWhere(`(h.phone_hash = :hash OR ${memberMatches('m.phone_hash = :hash')})`, { hash: search.hash });
    }
    if (search?.kind === 'householdNumber') qb.andWhere('h.household_number = :number', { number: search.value });
    const [rows, total] = await qb
      .orderBy('h.region_code', 'ASC')
      .addOrderBy('h.household_number', 'ASC')
      .skip(offset)
      .take(pageSize)
      .getManyAndCount();
    return { items: await this.summaries(rows), total, page, pageSize };
  }

  /** GET /households/:id with its members (head first). */
  async getDetail(user: AuthUser, id: string): Promise<HouseholdDetailDto> {
    const manager = this.dataSource.manager;
    const household = await this.loadHousehold(user, id, manager);
    return this.detail(user, household, manager);
  }

  /** One household as a list shows it, for other modules (cases, warnings); 404 outside the caller's region. */
  async getSummary(user: AuthUser, id: string, manager?: EntityManager): Promise<HouseholdSummaryDto> {
    const household = await this.loadHousehold(user, id, manager ?? this.dataSource.manager);
    const [summary] = await this.summaries([household], manager);
    return summary;
  }

  /** GET .../members/:memberId/id-number: the whole ID number, for the roles that need it; every view is audited. */
  async viewIdNumber(user: AuthUser, householdId: string, memberId: string): Promise<MemberIdNumberDto> {
    if (!ID_NUMBER_VIEWER_ROLES.includes(user.role)) throw forbidden('您的角色不能查看完整证件号码');
    return this.dataSource.transaction(async (manager) => {
      const household = await this.loadHousehold(user, householdId, manager);
      const member = await this.loadMember(household, memberId, manager);
      const idNumber = this.crypto.decrypt(member.idNumberEncrypted);
      await this.audit.record(manager, {
        actor: user,
        action: 'member.view-id',
        entityType: 'member',
        entityId: member.id,
        regionCode: household.regionCode,
        after: { householdId: household.id, householdNumber: household.householdNumber, name: member.name },
      });
      return { memberId: member.id, idNumber };
    });
  }

  // ---------------------------------------------------------------- writes

  /** POST /households: a household with its members, in one transaction, audited. */
  async create(user: AuthUser, dto: CreateHouseholdDto): Promise<HouseholdDetailDto> {
    return this.writing(async (manager) => {
      const { householdIds } = await this.register(manager, user, [dto], (_, field) => field);
      const created = await this.withMembers(await this.reload(householdIds[0], manager), manager);
      await this.audit.record(manager, {
        actor: user,
        action: 'household.create',
        entityType: 'household',
        entityId: created.plain.entity.id,
        regionCode: created.plain.entity.regionCode,
        after: householdAuditSnapshot(created.plain, created.members),
      });
      return mapHouseholdDetail(created.plain, created.members, user.role);
    });
  }

  /** PATCH /households/:id with the version read: `UPDATE ... WHERE version = :v`, 409 when stale. */
  async update(user: AuthUser, id: string, dto: UpdateHouseholdDto): Promise<HouseholdDetailDto> {
    return this.writing(async (manager) => {
      const household = await this.loadHousehold(user, id, manager);
      const errors: ErrorDetail[] = [];
      for (const field of REQUIRED_HOUSEHOLD_FIELDS) {
        if (dto[field] === null) errors.push({ field, message: '不能为空' });
      }
      if (dto.regionCode && dto.regionCode !== household.regionCode) {
        if (dto.regionCode.slice(0, 6) !== household.countyCode) {
          errors.push({ field: 'regionCode', message: '不能迁到其他县的网格（请在迁入县重新登记）' });
        } else if (!(await this.isUsableGrid(user, dto.regionCode, manager))) {
          errors.push({ field: 'regionCode', message: '网格不存在或不在您的辖区内' });
        }
      }
      let newHead: Member | null = null;
      if (dto.headMemberId !== undefined && dto.headMemberId !== household.headMemberId) {
        newHead = UUID.test(dto.headMemberId)
          ? await manager.getRepository(Member).findOneBy({ countyCode: household.countyCode, householdId: household.id, id: dto.headMemberId })
          : null;
        if (!newHead) errors.push({ field: 'headMemberId', message: '新户主须是本户成员' });
        if (!dto.formerHeadRelation) errors.push({ field: 'formerHeadRelation', message: '变更户主时须填写原户主与新户主的关系' });
        else if (dto.formerHeadRelation === Relation.HEAD) errors.push({ field: 'formerHeadRelation', message: '原户主不能仍为户主' });
      } else if (dto.formerHeadRelation) {
        errors.push({ field: 'formerHeadRelation', message: '只有变更户主时才填写原户主的关系' });
      }
      if (errors.length) throw validationFailed(errors);

      const before = householdAuditSnapshot((await this.withMembers(household, manager)).plain);
      const changes: Partial<Household> = {};
      if (dto.regionCode !== undefined) changes.regionCode = dto.regionCode;
      if (dto.address !== undefined) changes.address = dto.address;
      if (dto.phone !== undefined) Object.assign(changes, this.encryptedPhone(dto.phone));
      if (dto.householdType !== undefined) changes.householdType = dto.householdType;
      if (dto.riskTypes !== undefined) changes.riskTypes = dto.riskTypes;
      if (dto.noLabourCapacity !== undefined) changes.noLabourCapacity = dto.noLabourCapacity;
      if (dto.relocated !== undefined) changes.relocated = dto.relocated;
      if (newHead) changes.headMemberId = newHead.id;
      await this.updateHouseholdAtVersion(manager, household, dto.version, changes);
      if (newHead) {
        // demote first: at most one HEAD per household at any moment (UQ_members_one_head)
        await this.setRelation(manager, household, household.headMemberId, dto.formerHeadRelation!);
        await this.setRelation(manager, household, newHead.id, Relation.HEAD);
      }
      const updated = await this.withMembers(await this.reload(household.id, manager), manager);
      await this.audit.record(manager, {
        actor: user,
        action: 'household.update',
        entityType: 'household',
        entityId: household.id,
        regionCode: updated.plain.entity.regionCode,
        before,
        after: { ...householdAuditSnapshot(updated.plain), changedFields: changedFields(dto) },
      });
      return mapHouseholdDetail(updated.plain, updated.members, user.role);
    });
  }

  /** POST /households/:id/members: one more member (never a second head). */
  async addMember(user: AuthUser, householdId: string, dto: MemberInputDto): Promise<MemberDto> {
    return this.writing(async (manager) => {
      const household = await this.loadHousehold(user, householdId, manager, true);
      const errors: ErrorDetail[] = [];
      const prepared = this.prepareMember(dto, '', errors);
      if (dto.relation === Relation.HEAD) {
        errors.push({ field: 'relation', message: '本户已有户主；变更户主请修改户信息中的户主' });
      }
      if (errors.length || !prepared) throw validationFailed(errors);
      await this.assertIdNumbersFree(manager, [{ hash: prepared.identity.hash, field: 'idNumber' }]);
      await manager
        .createQueryBuilder()
        .insert()
        .into(Member)
        .values({ ...prepared.values, id: prepared.id, countyCode: household.countyCode, householdId: household.id, version: 1 })
        .updateEntity(false)
        .execute();
      const member = this.plainMember(await this.loadMember(household, prepared.id, manager));
      await this.audit.record(manager, {
        actor: user,
        action: 'member.create',
        entityType: 'member',
        entityId: member.entity.id,
        regionCode: household.regionCode,
        after: { householdId: household.id, ...memberAuditSnapshot(member) },
      });
      return mapMember(member, user.role);
    });
  }

  /** PATCH /households/:id/members/:memberId with the member's version. */
  async updateMember(user: AuthUser, householdId: string, memberId: string, dto: UpdateMemberDto): Promise<MemberDto> {
    return this.writing(async (manager) => {
      const household = await this.loadHousehold(user, householdId, manager);
      const current = this.plainMember(await this.loadMember(household, memberId, manager));
      const errors: ErrorDetail[] = [];
      for (const field of REQUIRED_MEMBER_FIELDS) {
        if (dto[field] === null) errors.push({ field, message: '不能为空' });
      }
      const isHead = current.entity.relation === Relation.HEAD;
      if (dto.relation !== undefined && dto.relation !== current.entity.relation && (isHead || dto.relation === Relation.HEAD)) {
        errors.push({ field: 'relation', message: '变更户主请修改户信息中的户主，不能直接修改成员关系' });
      }
      // sex and birth date always follow the ID number; given alone they must agree with the one on file
      const prepared = this.prepareMember(
        { ...currentInput(current), ...definedOnly(dto), idNumber: dto.idNumber ?? current.idNumber },
        '',
        errors,
      );
      if (errors.length || !prepared) throw validationFailed(errors);
      if (prepared.identity.hash !== current.entity.idNumberHash) {
        await this.assertIdNumbersFree(manager, [{ hash: prepared.identity.hash, field: 'idNumber' }]);
      }
      const result = await manager
        .createQueryBuilder()
        .update(Member)
        .set({ ...prepared.values, version: () => 'version + 1' })
        .where('county_code = :county AND id = :id AND version = :version', {
          county: household.countyCode,
          id: memberId,
          version: dto.version,
        })
        .execute();
      if (!result.affected) throw HouseholdsException.memberVersionConflict();
      const updated = this.plainMember(await this.loadMember(household, memberId, manager));
      await this.audit.record(manager, {
        actor: user,
        action: 'member.update',
        entityType: 'member',
        entityId: memberId,
        regionCode: household.regionCode,
        before: { householdId: household.id, ...memberAuditSnapshot(current) },
        after: { householdId: household.id, ...memberAuditSnapshot(updated), changedFields: changedFields(dto) },
      });
      return mapMember(updated, user.role);
    });
  }

  /** DELETE /households/:id/members/:memberId (the head cannot be removed: change the head first). */
  async removeMember(user: AuthUser, householdId: string, memberId: string): Promise<void> {
    await this.writing(async (manager) => {
      const household = await this.loadHousehold(user, householdId, manager, true);
      const member = this.plainMember(await this.loadMember(household, memberId, manager));
      if (member.entity.relation === Relation.HEAD || member.entity.id === household.headMemberId) {
        throw new HouseholdsException(
          HouseholdsErrorCode.CANNOT_REMOVE_HEAD,
          '不能移除户主；请先在户信息中变更户主',
          HttpStatus.CONFLICT,
        );
      }
      await manager.getRepository(Member).delete({ countyCode: household.countyCode, id: memberId });
      await this.audit.record(manager, {
        actor: user,
        action: 'member.delete',
        entityType: 'member',
        entityId: memberId,
        regionCode: household.regionCode,
        before: { householdId: household.id, ...memberAuditSnapshot(member) },
      });
    });
  }

  // ---------------------------------------------------------------- for other modules

  /**
   * Registers many households at once on the caller's transaction (the demo seed, bulk imports): the same checks
   * as POST /households, multi-row INSERTs, household numbers continuing each grid's sequence, one audit row.
   */
  async importMany(manager: EntityManager, actor: AuthUser | null, households: HouseholdImport[]): Promise<ImportResult> {
    const result = await this.register(manager, actor, households, (h, field) => `households.${h}.${field}`);
    const counties = [...new Set(households.map((h) => h.regionCode.slice(0, 6)))];
    await this.audit.record(manager, {
      actor,
      action: 'household.import',
      entityType: 'household',
      regionCode: counties.length === 1 ? counties[0] : null,
      after: { households: result.householdIds.length, members: result.members, counties },
    });
    return { households: result.householdIds.length, ...result };
  }

  /**
   * For the auth module's citizen binding: the member with this ID number (keyed hash of the normalised number)
   * whose name matches; null otherwise. Runs on the caller's manager (inside their transaction).
   */
  async findMemberForBinding(manager: EntityManager, name: string, idNumber: string): Promise<BoundMemberSummary | null> {
    const identity = this.identify(idNumber);
    if (!identity || typeof name !== 'string') return null;
    const rows: BindingRow[] = await manager.query(`${BINDING_SELECT} WHERE m.id_number_hash = $1`, [identity.hash]);
    const row = rows[0];
    if (!row || normaliseName(row.name) !== normaliseName(name)) return null;
    return toBoundMember(row);
  }

  /** For GET /me of a bound citizen: the member, if still in that household; null when gone (deleted, moved). */
  async describeMemberForBinding(
    manager: EntityManager | null,
    householdId: string,
    memberId: string,
  ): Promise<BoundMemberSummary | null> {
    if (!UUID.test(householdId) || !UUID.test(memberId)) return null;
    const rows: BindingRow[] = await (manager ?? this.dataSource.manager).query(
      `${BINDING_SELECT} WHERE h.id = $1 AND m.id = $2`,
      [householdId, memberId],
    );
    return rows[0] ? toBoundMember(rows[0]) : null;
  }

  /**
   * The phone on the household record of a bound member, decrypted, for the citizen's own request form. The caller
   * (GET /me/contact) audits the view; null when the member is gone or the household has no phone.
   */
  async householdPhoneOfMember(
    manager: EntityManager | null,
    householdId: string,
    memberId: string,
  ): Promise<{ phone: string | null; regionCode: string } | null> {
    if (!UUID.test(householdId) || !UUID.test(memberId)) return null;
    const rows: { phone_encrypted: string | null; region_code: string }[] = await (manager ?? this.dataSource.manager).query(
      `SELECT h.phone_encrypted, h.region_code
         FROM members m JOIN households h ON h.county_code = m.county_code AND h.id = m.household_id
        WHERE h.id = $1 AND m.id = $2`,
      [householdId, memberId],
    );
    if (!rows[0]) return null;
    return { phone: this.crypto.decrypt(rows[0].phone_encrypted), regionCode: rows[0].region_code };
  }

  /**
   * For the cases module's county decision 县级确定 (and risk elimination): sets or clears the monitoring type and
   * the identified risks, inside the caller's transaction, audited. The registry API itself never sets them.
   */
  async applyMonitoringDecision(
    manager: EntityManager,
    actor: AuthUser,
    householdId: string,
    decision: { monitoringType: MonitoringType | null; riskTypes?: RiskType[]; identifiedMonth?: string | null },
  ): Promise<void> {
    const household = await this.loadHousehold(actor, householdId, manager);
    if (decision.riskTypes && decision.riskTypes.length > MAX_RISK_TYPES) {
      throw validationFailed([{ field: 'riskTypes', message: `风险类型最多${MAX_RISK_TYPES}项` }]);
    }
    const before = householdAuditSnapshot((await this.withMembers(household, manager)).plain);
    await this.updateHouseholdAtVersion(manager, household, household.version, {
      monitoringType: decision.monitoringType,
      ...(decision.riskTypes ? { riskTypes: decision.riskTypes } : {}),
      ...(decision.identifiedMonth !== undefined ? { identifiedMonth: decision.identifiedMonth } : {}),
    });
    await this.audit.record(manager, {
      actor,
      action: 'household.monitoring',
      entityType: 'household',
      entityId: household.id,
      regionCode: household.regionCode,
      before,
      after: householdAuditSnapshot((await this.withMembers(await this.reload(household.id, manager), manager)).plain),
    });
  }

  /**
   * For the cases module: what a case needs to know of a household (head name, size, labour), or null when it does
   * not exist. Not scoped: the caller has already checked that the case, and so its household, is theirs.
   */
  async caseFactsOf(manager: EntityManager, householdId: string): Promise<HouseholdCaseFacts | null> {
    if (!UUID.test(householdId)) return null;
    const rows: {
      id: string;
      county_code: string;
      region_code: string;
      household_number: string;
      monitoring_type: MonitoringType | null;
      no_labour_capacity: boolean;
      head_name: string | null;
      member_count: number;
      labour_count: number;
    }[] = await manager.query(
      `SELECT h.id, h.county_code, h.region_code, h.household_number, h.monitoring_type, h.no_labour_capacity,
              max(m.name) FILTER (WHERE m.relation = $2) AS head_name, count(m.id)::int AS member_count,
              count(m.id) FILTER (WHERE m.labour_capacity = ANY($3::varchar[]))::int AS labour_count
         FROM households h LEFT JOIN members m ON m.county_code = h.county_code AND m.household_id = h.id
        WHERE h.id = $1
        GROUP BY h.id`,
      [householdId, Relation.HEAD, [LabourCapacity.ORDINARY, LabourCapacity.SKILLED]],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id,
      countyCode: row.county_code,
      regionCode: row.region_code,
      householdNumber: row.household_number,
      headName: row.head_name,
      memberCount: row.member_count,
      monitoringType: row.monitoring_type,
      noLabourCapacity: row.no_labour_capacity,
      // DOMAIN.md: a household "with labour" has a member who can work and is not flagged 整户无劳动能力
      hasLabour: !row.no_labour_capacity && row.labour_count > 0,
    };
  }

  // ---------------------------------------------------------------- helpers

  /** Runs a write in one transaction; a concurrent duplicate ID number (unique index) becomes the same 409. */
  private async writing<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (error) {
      const driver = error instanceof QueryFailedError ? (error.driverError as { code?: string; constraint?: string }) : null;
      if (driver?.code === '23505' && driver.constraint === ID_HASH_INDEX) throw HouseholdsException.idNumberTaken(['idNumber']);
      if (driver?.code === '23503') {
        throw new HouseholdsException(
          HouseholdsErrorCode.RECORD_REFERENCED,
          '该记录已被其他业务（如案件）引用，不能删除',
          HttpStatus.CONFLICT,
        );
      }
      throw error;
    }
  }

  private async loadHousehold(user: AuthUser, id: string, manager: EntityManager, lock = false): Promise<Household> {
    if (!UUID.test(id)) throw notFound(HOUSEHOLD);
    const qb = manager.getRepository(Household).createQueryBuilder('h').where('h.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write');
    const household = await qb.getOne();
    if (!household) throw notFound(HOUSEHOLD);
    assertInScope(user, household.regionCode, HOUSEHOLD);
    return household;
  }

  private async reload(id: string, manager: EntityManager): Promise<Household> {
    return manager.getRepository(Household).findOneByOrFail({ id });
  }

  private async loadMember(household: Household, memberId: string, manager: EntityManager): Promise<Member> {
    const member = UUID.test(memberId)
      ? await manager.getRepository(Member).findOneBy({ countyCode: household.countyCode, householdId: household.id, id: memberId })
      : null;
    if (!member) throw notFound(MEMBER);
    return member;
  }

  /** A grid that exists and lies in the caller's scope (where a household may move to). */
  private async isUsableGrid(user: AuthUser, code: string, manager: EntityManager): Promise<boolean> {
    if (!isInScope(user, code)) return false;
    const rows = await manager.query(`SELECT 1 FROM regions WHERE code = $1 AND level = $2`, [code, RegionLevel.GRID]);
    return rows.length > 0;
  }

  /**
   * Checks and inserts households with their members (POST /households and bulk imports): every member input,
   * one head each, no ID number twice in the batch or already registered, grids that exist in the caller's scope
   * (locked FOR NO KEY UPDATE: numbering in a grid is serialised without blocking foreign-key checks). Household
   * numbers continue each grid's sequence. `field(h, name)` names the request field of household h for errors.
   */
  private async register(
    manager: EntityManager,
    actor: AuthUser | null,
    inputs: (Omit<HouseholdImport, 'members'> & { members: MemberInputDto[] })[],
    field: (household: number, name: string) => string,
  ): Promise<{ householdIds: string[]; members: number }> {
    const errors: ErrorDetail[] = [];
    const firstWithHash = new Map<string, { h: number; i: number }>();
    const prepared = inputs.map((input, h) => {
      const members = input.members.map((member, i) => this.prepareMember(member, field(h, `members.${i}`), errors));
      if (input.members.filter((m) => m.relation === Relation.HEAD).length !== 1) {
        errors.push({ field: field(h, 'members'), message: '须登记恰好一名户主（与户主关系为“户主”）' });
      }
      members.forEach((member, i) => {
        if (!member) return;
        const first = firstWithHash.get(member.identity.hash);
        if (!first) firstWithHash.set(member.identity.hash, { h, i });
        else {
          const message = first.h === h ? `与第${first.i + 1}位成员的证件号码相同` : '与本批其他户成员的证件号码相同';
          errors.push({ field: field(h, `members.${i}.idNumber`), message });
        }
      });
      return members as PreparedMember[];
    });
    const grids = [...new Set(inputs.map((input) => input.regionCode))].sort();
    const inScope = actor ? grids.filter((code) => isInScope(actor, code)) : grids;
    const found: { code: string }[] = await manager.query(
      `SELECT code FROM regions WHERE code = ANY($1::varchar[]) AND level = $2 ORDER BY code FOR NO KEY UPDATE`,
      [inScope, RegionLevel.GRID],
    );
    const usable = new Set(found.map((r) => r.code));
    inputs.forEach((input, h) => {
      if (!usable.has(input.regionCode)) errors.push({ field: field(h, 'regionCode'), message: '网格不存在或不在您的辖区内' });
    });
    if (errors.length) throw validationFailed(errors);
    await this.assertIdNumbersFree(
      manager,
      prepared.flatMap((members, h) => members.map((m, i) => ({ hash: m.identity.hash, field: field(h, `members.${i}.idNumber`) }))),
    );

    const highest: { grid: string; highest: string }[] = await manager.query(
      `SELECT left(household_number, $3) AS grid, max(household_number) AS highest FROM households
        WHERE county_code = ANY($1::varchar[]) AND left(household_number, $3) = ANY($2::varchar[])
          AND length(household_number) = $3 + $4
        GROUP BY 1`,
      [[...new Set(grids.map((g) => g.slice(0, 6)))], grids, GRID_CODE_LENGTH, HOUSEHOLD_SEQUENCE_DIGITS],
    );
    const nextInGrid = new Map(highest.map((r) => [r.grid, Number(r.highest.slice(GRID_CODE_LENGTH)) + 1]));
    const householdRows: Partial<Household>[] = [];
    const memberRows: Partial<Member>[] = [];
    inputs.forEach((input, h) => {
      const sequence = nextInGrid.get(input.regionCode) ?? 1;
      if (sequence >= 10 ** HOUSEHOLD_SEQUENCE_DIGITS) {
        throw new HouseholdsException(HouseholdsErrorCode.GRID_FULL, '该网格的户编号已用完，请新建网格', HttpStatus.CONFLICT);
      }
      nextInGrid.set(input.regionCode, sequence + 1);
      const id = randomUUID();
      const countyCode = input.regionCode.slice(0, 6);
      const members = prepared[h];
      householdRows.push({
        id,
        countyCode,
        householdNumber: input.regionCode + String(sequence).padStart(HOUSEHOLD_SEQUENCE_DIGITS, '0'),
        regionCode: input.regionCode,
        address: input.address,
        headMemberId: members[input.members.findIndex((m) => m.relation === Relation.HEAD)].id,
        ...this.encryptedPhone(input.phone ?? null),
        householdType: input.householdType,
        monitoringType: input.monitoringType ?? null,
        riskTypes: input.riskTypes ?? [],
        noLabourCapacity: input.noLabourCapacity ?? false,
        relocated: input.relocated ?? false,
        version: 1,
      });
      for (const member of members) memberRows.push({ ...member.values, id: member.id, countyCode, householdId: id, version: 1 });
    });
    await bulkInsert(manager, Household, householdRows);
    await bulkInsert(manager, Member, memberRows);
    return { householdIds: householdRows.map((h) => h.id!), members: memberRows.length };
  }

  private async assertIdNumbersFree(manager: EntityManager, wanted: { hash: string; field: string }[]): Promise<void> {
    const rows: { id_number_hash: string }[] = await manager.query(
      'SELECT id_number_hash FROM members WHERE id_number_hash = ANY($1::varchar[])',
      [wanted.map((w) => w.hash)],
    );
    if (!rows.length) return;
    const taken = new Set(rows.map((r) => r.id_number_hash));
    throw HouseholdsException.idNumberTaken(wanted.filter((w) => taken.has(w.hash)).map((w) => w.field));
  }

  private async updateHouseholdAtVersion(
    manager: EntityManager,
    household: Household,
    version: number,
    changes: Partial<Household>,
  ): Promise<void> {
    const result = await manager
      .createQueryBuilder()
      .update(Household)
      .set({ ...changes, version: () => 'version + 1' })
      .where('county_code = :county AND id = :id AND version = :version', {
        county: household.countyCode,
        id: household.id,
        version,
      })
      .execute();
    if (!result.affected) throw HouseholdsException.householdVersionConflict();
  }

  private async setRelation(manager: EntityManager, household: Household, memberId: string | null, relation: Relation) {
    if (!memberId) return;
    await manager
      .createQueryBuilder()
      .update(Member)
      .set({ relation, version: () => 'version + 1' })
      .where('county_code = :county AND household_id = :household AND id = :id', {
        county: household.countyCode,
        household: household.id,
        id: memberId,
      })
      .execute();
  }

  private identify(raw: string): Identity | null {
    const result = validateIdNumber(raw);
    if (!result.valid) return null;
    // a disability certificate number holds the resident ID: one person, one hash, whichever number was entered
    const residentId = result.kind === 'RESIDENT_ID' ? result.normalized : result.residentId;
    return { normalized: result.normalized, hash: this.crypto.lookupHash(residentId), birthDate: result.birthDate, sex: result.sex };
  }

  private encryptedPhone(phone: string | null): Pick<Household, 'phoneEncrypted' | 'phoneHash'> {
    const normalized = phone ? validateMobile(phone) : null;
    const value = normalized?.valid ? normalized.normalized : null;
    return { phoneEncrypted: this.crypto.encrypt(value), phoneHash: this.crypto.lookupHash(value) };
  }

  /** Checks one member input (errors under `${field}.x`) and turns it into column values. */
  private prepareMember(input: MemberInputDto, field: string, errors: ErrorDetail[]): PreparedMember | null {
    const at = (name: string) => (field ? `${field}.${name}` : name);
    const identity = this.identify(input.idNumber);
    if (!identity) {
      errors.push({ field: at('idNumber'), message: '证件号码无效' });
      return null;
    }
    // callers throw when `errors` is not empty; the member is still returned so duplicates are checked too
    if (input.sex && input.sex !== identity.sex) errors.push({ field: at('sex'), message: '性别与证件号码不符' });
    if (input.birthDate && input.birthDate !== identity.birthDate) {
      errors.push({ field: at('birthDate'), message: `出生日期与证件号码不符（证件为${identity.birthDate}）` });
    }
    const phone = input.phone ? validateMobile(input.phone) : null;
    const phoneValue = phone?.valid ? phone.normalized : null;
    const health = input.health ?? null;
    return {
      id: randomUUID(),
      identity,
      phone: phoneValue,
      health,
      values: {
        name: input.name,
        idNumberEncrypted: this.crypto.encrypt(identity.normalized),
        idNumberHash: identity.hash,
        relation: input.relation,
        sex: identity.sex,
        birthDate: identity.birthDate,
        ethnicity: input.ethnicity ?? null,
        education: input.education ?? null,
        schooling: input.schooling ?? null,
        healthEncrypted: this.crypto.encrypt(health),
        labourCapacity: input.labourCapacity ?? null,
        workPlace: input.workPlace ?? null,
        workMonths: input.workMonths ?? null,
        medicalInsurance: input.medicalInsurance ?? false,
        seriousIllnessInsurance: input.seriousIllnessInsurance ?? false,
        pensionInsurance: input.pensionInsurance ?? false,
        safetyNet: input.safetyNet ?? SafetyNetStatus.NONE,
        publicWelfareJob: input.publicWelfareJob ?? false,
        phoneEncrypted: this.crypto.encrypt(phoneValue),
        phoneHash: this.crypto.lookupHash(phoneValue),
      },
    };
  }

  private plainMember(member: Member): MemberPlain {
    return {
      entity: member,
      idNumber: this.crypto.decrypt(member.idNumberEncrypted),
      phone: this.crypto.decrypt(member.phoneEncrypted),
      health: this.crypto.decrypt(member.healthEncrypted) as HealthStatus | null,
    };
  }

  private async detail(user: AuthUser, household: Household, manager: EntityManager): Promise<HouseholdDetailDto> {
    const { plain, members } = await this.withMembers(household, manager);
    return mapHouseholdDetail(plain, members, user.role);
  }

  private async withMembers(household: Household, manager: EntityManager): Promise<{ plain: HouseholdPlain; members: MemberPlain[] }> {
    const rows = await manager
      .getRepository(Member)
      .createQueryBuilder('m')
      .where('m.county_code = :county AND m.household_id = :id', { county: household.countyCode, id: household.id })
      .orderBy(`m.relation = '${Relation.HEAD}'`, 'DESC')
      .addOrderBy('m.birth_date', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .getMany();
    const members = rows.map((m) => this.plainMember(m));
    const regionName = (await this.regions.pathNamesOf([household.regionCode], manager)).get(household.regionCode) ?? '';
    return {
      plain: {
        entity: household,
        phone: this.crypto.decrypt(household.phoneEncrypted),
        regionName,
        headName: rows.find((m) => m.id === household.headMemberId)?.name ?? null,
        memberCount: rows.length,
      },
      members,
    };
  }

  /** List rows: head names and member counts in one query, region names in one more. */
  private async summaries(households: Household[], manager?: EntityManager): Promise<HouseholdSummaryDto[]> {
    if (!households.length) return [];
    const m = manager ?? this.dataSource.manager;
    const counts: { household_id: string; member_count: number; head_name: string | null }[] = await m.query(
      `SELECT household_id, count(*)::int AS member_count, max(name) FILTER (WHERE relation = $3) AS head_name
         FROM members WHERE county_code = ANY($1::varchar[]) AND household_id = ANY($2::uuid[])
        GROUP BY household_id`,
      [[...new Set(households.map((h) => h.countyCode))], households.map((h) => h.id), Relation.HEAD],
    );
    const byHousehold = new Map(counts.map((c) => [c.household_id, c]));
    const regionNames = await this.regions.pathNamesOf(households.map((h) => h.regionCode), m);
    return households.map((h) =>
      mapHousehold({
        entity: h,
        phone: this.crypto.decrypt(h.phoneEncrypted),
        regionName: regionNames.get(h.regionCode) ?? '',
        headName: byHousehold.get(h.id)?.head_name ?? null,
        memberCount: byHousehold.get(h.id)?.member_count ?? 0,
      }),
    );
  }

  /** What `q` means: a whole ID number, mobile or household number (exact), else a name prefix of 3+ characters. */
  private parseSearch(raw: string): Search {
    const q = raw.trim();
    const compact = q.replace(/[\s-]/g, '');
    if (/^[0-9]{17}[0-9Xx]$|^[0-9]{17}[0-9Xx][0-9]{2}([0-9]{2})?$/.test(compact)) {
      const identity = this.identify(compact);
      if (!identity) {
        const result = validateIdNumber(compact);
        throw validationFailed([{ field: 'q', message: result.valid ? '证件号码无效' : result.reason }]);
      }
      return { kind: 'idNumber', hash: identity.hash };
    }
    if (/^[0-9]{19}$/.test(compact)) return { kind: 'householdNumber', value: compact };
    if (/^(\+?86)?1[3-9][0-9]{9}$/.test(compact)) {
      const phone = validateMobile(compact);
      if (phone.valid) return { kind: 'phone', hash: this.crypto.lookupHash(phone.normalized) };
    }
    if (/^[0-9+]+$/.test(compact)) {
      throw validationFailed([
        { field: 'q', message: '按号码查询须输入完整的证件号码（18/20/22位）、手机号码（11位）或户编号（19位）' },
      ]);
    }
    if (Array.from(q).length < MIN_NAME_SEARCH_LENGTH) {
      throw new HouseholdsException(
        HouseholdsErrorCode.SEARCH_TOO_SHORT,
        `按姓名查询至少输入${MIN_NAME_SEARCH_LENGTH}个字；两个字的姓名请用完整的身份证号码查询，或按网格浏览`,
        HttpStatus.BAD_REQUEST,
        [{ field: 'q', message: `至少${MIN_NAME_SEARCH_LENGTH}个字` }],
      );
    }
    return { kind: 'name', prefix: q };
  }
}

/** The stored member as an input, so a PATCH can be checked like a new member. */
function currentInput(member: MemberPlain): MemberInputDto {
  const m = member.entity;
  return {
    name: m.name,
    idNumber: member.idNumber,
    relation: m.relation,
    ethnicity: m.ethnicity,
    education: m.education,
    schooling: m.schooling,
    health: member.health,
    labourCapacity: m.labourCapacity,
    workPlace: m.workPlace,
    workMonths: m.workMonths,
    medicalInsurance: m.medicalInsurance,
    seriousIllnessInsurance: m.seriousIllnessInsurance,
    pensionInsurance: m.pensionInsurance,
    safetyNet: m.safetyNet,
    publicWelfareJob: m.publicWelfareJob,
    phone: member.phone,
  };
}

function definedOnly<T extends object>(dto: T): Partial<T> {
  return Object.fromEntries(Object.entries(dto).filter(([key, value]) => value !== undefined && key !== 'version')) as Partial<T>;
}

/** Names of the fields a PATCH sent (values stay out of the audit row's list). */
function changedFields(dto: object): string[] {
  return Object.entries(dto)
    .filter(([key, value]) => value !== undefined && key !== 'version')
    .map(([key]) => key);
}
