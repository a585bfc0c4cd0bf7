import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { maskName, validateIdNumber } from '@jiuzhu/shared';
import { Clock } from '../../common/clock.js';
import { AuditService } from '../audit/audit.service.js';
import { CryptoService } from '../crypto/crypto.service.js';
import { QualityCheckCode, wellFormedHash } from './quality-checks.js';

const BATCH = 1000;
const FIRST_UUID = '00000000-0000-0000-0000-000000000000';

interface MemberRow {
  id: string;
  household_id: string;
  household_number: string;
  region_code: string;
  name: string;
  relation: string;
  sex: string;
  birth_date: string;
  id_number_encrypted: string;
  id_number_hash: string;
}

interface BadMember {
  memberId: string;
  name: string;
  relation: string;
  reasons: string[];
}

/**
 * ID_NUMBER_INVALID: the one check that needs the plain ID numbers. Validity (GB 11643 check digit, the disability
 * certificate's category and grade) was checked when each number was written, so this pass finds what came in
 * around the API (imports, hand edits, a changed key). It reads the county's members in batches (keyset on the
 * members index), decrypts one at a time and keeps no plain number; only when a run asks for it, audited. Members
 * whose ciphertext or hash is missing are ID_NUMBER_MISSING's, not re-checked here.
 */
@Injectable()
export class QualityIdRecheckService {
  constructor(
    private readonly crypto: CryptoService,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  /** Re-checks every member of the county under `prefix`, adds the findings to the run; returns how many it decrypted. */
  async recheckCounty(manager: EntityManager, run: { id: string; requestedBy: string | null }, countyCode: string, prefix: string): Promise<number> {
    const today = this.clock.now();
    let after = { household: FIRST_UUID, member: FIRST_UUID };
    let decrypted = 0;
    let invalid = 0;
    for (;;) {
      const rows: MemberRow[] = await manager.query(
        `SELECT m.id, m.household_id, h.household_number, h.region_code, m.name, m.relation, m.sex,
                to_char(m.birth_date, 'YYYY-MM-DD') AS birth_date, m.id_number_encrypted, m.id_number_hash
           FROM members m JOIN households h ON h.county_code = m.county_code AND h.id = m.household_id
          WHERE m.county_code = $1 AND h.region_code LIKE $2 AND (m.household_id, m.id) > ($3::uuid, $4::uuid)
            AND m.id_number_encrypted LIKE 'v1:%' AND ${wellFormedHash('m.id_number_hash')}
          ORDER BY m.household_id, m.id
          LIMIT ${BATCH}`,
        [countyCode, `${prefix}%`, after.household, after.member],
      );
      if (!rows.length) break;
      const bad = new Map<string, { regionCode: string; householdNumber: string; members: BadMember[] }>();
      for (const row of rows) {
        decrypted++;
        const reasons = this.reasonsOf(row, today);
        if (!reasons.length) continue;
        invalid++;
        const entry = bad.get(row.household_id) ?? { regionCode: row.region_code, householdNumber: row.household_number, members: [] };
        entry.members.push({ memberId: row.id, name: maskName(row.name), relation: row.relation, reasons });
        bad.set(row.household_id, entry);
      }
      if (bad.size) await this.insertFindings(manager, run.id, countyCode, bad);
      const last = rows[rows.length - 1];
      after = { household: last.household_id, member: last.id };
      if (rows.length < BATCH) break;
    }
    await this.audit.record(manager, {
      actor: null,
      action: 'quality.id-recheck',
      entityType: 'quality_run',
      entityId: run.id,
      regionCode: prefix,
      after: { requestedBy: run.requestedBy, decrypted, invalid },
    });
    return decrypted;
  }

  private reasonsOf(row: MemberRow, today: Date): string[] {
    let plain: string;
    try {
      plain = this.crypto.decrypt(row.id_number_encrypted);
    } catch {
      return ['证件号码无法解密（密文损坏或密钥不符）'];
    }
    const result = validateIdNumber(plain, { today });
    if (!result.valid) return [result.reason];
    const reasons: string[] = [];
    const residentId = result.kind === 'RESIDENT_ID' ? result.normalized : result.residentId;
    if (this.crypto.lookupHash(residentId) !== row.id_number_hash) reasons.push('检索码与证件号码不符（无法按证件号码查到此人）');
    if (result.birthDate !== row.birth_date) reasons.push(`登记的出生日期与证件号码不符（证件为${result.birthDate}）`);
    if (result.sex !== row.sex) reasons.push('登记的性别与证件号码不符');
    return reasons;
  }

  /** One finding per household; a household split over two batches has its members merged. */
  private async insertFindings(
    manager: EntityManager,
    runId: string,
    countyCode: string,
    bad: Map<string, { regionCode: string; householdNumber: string; members: BadMember[] }>,
  ): Promise<void> {
    const entries = [...bad.entries()];
    await manager.query(
      `INSERT INTO quality_findings (run_id, county_code, region_code, household_id, household_number, check_code, details, created_at)
       SELECT $1, $2, x.region_code, x.household_id, x.household_number, $3, x.details, $4
         FROM unnest($5::varchar[], $6::uuid[], $7::varchar[], $8::jsonb[]) AS x(region_code, household_id, household_number, details)
       ON CONFLICT ON CONSTRAINT "UQ_quality_findings_county_run_household_check" DO UPDATE
         SET details = jsonb_build_object('members', (quality_findings.details->'members') || (EXCLUDED.details->'members'))`,
      [
        runId,
        countyCode,
        QualityCheckCode.ID_NUMBER_INVALID,
        this.clock.now(),
        entries.map(([, e]) => e.regionCode),
        entries.map(([id]) => id),
        entries.map(([, e]) => e.householdNumber),
        entries.map(([, e]) => JSON.stringify({ members: e.members })),
      ],
    );
  }
}
