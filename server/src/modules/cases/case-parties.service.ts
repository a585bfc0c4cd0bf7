import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { MonitoringType, RegionLevel, RiskType, Role, validateIdNumber, validateMobile } from '@jiuzhu/shared';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { isInScope } from '../../common/auth/region-scope.js';
import { ErrorDetail } from '../../common/errors/app.exception.js';
import { AccountDirectoryService, type AccountCard } from '../accounts/account-directory.service.js';
import { CryptoService } from '../crypto/crypto.service.js';
import { HouseholdsService, type HouseholdCaseFacts } from '../households/households.service.js';
import { RegionsService } from '../regions/regions.service.js';

/** Roles that work cases in the field (may lead a case or be one of its surveyors). */
export const CASE_WORKER_ROLES: readonly Role[] = Object.freeze([
  Role.GRID_WORKER,
  Role.VILLAGE_CADRE,
  Role.TOWNSHIP_REVIEWER,
  Role.COUNTY_OFFICER,
]);

/** A person a case is about whose household may not be registered (a proxy request, a hotline call). */
export interface ProposedSubject {
  name: string;
  /** village (12) or grid (15) */
  regionCode: string;
  address?: string | null;
  phone?: string | null;
  idNumber?: string | null;
}

/** Where a case lives and whom it is about, ready to write. */
export interface ResolvedSubject {
  householdId: string | null;
  regionCode: string;
  countyCode: string;
  subjectName: string | null;
  proposedAddress: string | null;
  subjectPhoneEncrypted: string | null;
  subjectIdNumberEncrypted: string | null;
  subjectIdNumberHash: string | null;
}

/** A cadre's region covers a place when either code contains the other (a grid worker of a grid in the village). */
const covers = (accountRegion: string | null, caseRegion: string) =>
  !!accountRegion && (caseRegion.startsWith(accountRegion) || accountRegion.startsWith(caseRegion));

/**
 * Who a case is about (a registered household, or a named person in a village) and who works it (the lead cadre,
 * the surveyors), checked against the registry, the regions and the caller's scope.
 */
@Injectable()
export class CasePartiesService {
  constructor(
    private readonly households: HouseholdsService,
    private readonly regions: RegionsService,
    private readonly accounts: AccountDirectoryService,
    private readonly crypto: CryptoService,
  ) {}

  /** The registered household (scope-checked for cadres by the caller), as the case records it. */
  async fromHousehold(manager: EntityManager, householdId: string): Promise<{ facts: HouseholdCaseFacts; subject: ResolvedSubject } | null> {
    const facts = await this.households.caseFactsOf(manager, householdId);
    if (!facts) return null;
    return { facts, subject: this.householdSubject(facts) };
  }

  /**
   * A named person in a village or grid. With an ID number whose registry name matches, the case is linked to that
   * household. Errors are pushed under `field` (e.g. 'subject' or 'proposedHousehold').
   */
  async fromProposed(
    manager: EntityManager,
    user: AuthUser,
    input: ProposedSubject,
    field: string,
    errors: ErrorDetail[],
  ): Promise<ResolvedSubject | null> {
    const region = await this.regions.findOne(input.regionCode, manager);
    if (!region || (region.level !== RegionLevel.VILLAGE && region.level !== RegionLevel.GRID)) {
      errors.push({ field: `${field}.regionCode`, message: '所选村（网格）不存在' });
      return null;
    }
    if (user.role !== Role.CITIZEN && !isInScope(user, input.regionCode)) {
      errors.push({ field: `${field}.regionCode`, message: '所选村（网格）不在您的辖区内' });
      return null;
    }
    const idNumber = input.idNumber ? validateIdNumber(input.idNumber) : null;
    const normalizedId = idNumber?.valid ? idNumber.normalized : null;
    if (normalizedId) {
      const member = await this.households.findMemberForBinding(manager, input.name, normalizedId);
      if (member) {
        if (user.role !== Role.CITIZEN && !isInScope(user, member.regionCode)) {
          errors.push({ field: `${field}.idNumber`, message: '此人登记在您辖区以外的户，请由所在地办理' });
          return null;
        }
        const linked = await this.fromHousehold(manager, member.householdId);
        if (linked) return linked.subject;
      }
    }
    const phone = input.phone ? validateMobile(input.phone) : null;
    const residentId = idNumber?.valid ? (idNumber.kind === 'RESIDENT_ID' ? idNumber.normalized : idNumber.residentId) : null;
    return {
      householdId: null,
      regionCode: input.regionCode,
      countyCode: input.regionCode.slice(0, 6),
      subjectName: input.name,
      proposedAddress: input.address ?? null,
      subjectPhoneEncrypted: this.crypto.encrypt(phone?.valid ? phone.normalized : null),
      subjectIdNumberEncrypted: this.crypto.encrypt(normalizedId),
      subjectIdNumberHash: this.crypto.lookupHash(residentId),
    };
  }

  /** 县级确定: the household becomes a monitoring object (type, risks, identification month), in the caller's transaction. */
  applyMonitoringDecision(
    manager: EntityManager,
    user: AuthUser,
    householdId: string,
    decision: { monitoringType: MonitoringType; riskTypes: RiskType[]; identifiedMonth: string },
  ): Promise<void> {
    return this.households.applyMonitoringDecision(manager, user, householdId, decision);
  }

  householdSubject(facts: HouseholdCaseFacts): ResolvedSubject {
    return {
      householdId: facts.id,
      regionCode: facts.regionCode,
      countyCode: facts.countyCode,
      subjectName: facts.headName,
      proposedAddress: null,
      subjectPhoneEncrypted: null,
      subjectIdNumberEncrypted: null,
      subjectIdNumberHash: null,
    };
  }

  /** A contact phone, normalised: ciphertext and keyed hash. */
  phone(raw: string | null | undefined): { encrypted: string | null; hash: string | null } {
    const phone = raw ? validateMobile(raw) : null;
    const value = phone?.valid ? phone.normalized : null;
    return { encrypted: this.crypto.encrypt(value), hash: this.crypto.lookupHash(value) };
  }

  /** Cadres who may work a case in `regionCode` (active, a field role, their region covering it); errors per index. */
  async caseWorkers(
    manager: EntityManager,
    ids: string[],
    regionCode: string,
    field: (index: number) => string,
    errors: ErrorDetail[],
  ): Promise<AccountCard[]> {
    const cards = await this.accounts.describe(manager, ids);
    const found: AccountCard[] = [];
    ids.forEach((id, index) => {
      const card = cards.get(id);
      if (!card || !card.isActive || !CASE_WORKER_ROLES.includes(card.role) || !covers(card.regionCode, regionCode)) {
        errors.push({ field: field(index), message: '须为负责该村（网格）的在岗干部' });
      } else {
        found.push(card);
      }
    });
    return found;
  }
}
