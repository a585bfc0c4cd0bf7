import { MigrationInterface, QueryRunner } from 'typeorm';

// Data, not schema: Yunnan's values from DOMAIN.md and the State Council's holiday schedules. Admins change them
// through /api/v1/settings/*; a new year's schedule is a new data migration (or admin input), never an edit here.

/** 防返贫监测线 of Yunnan (yuan per person per year). 2023 has no row: the 2022 line stays in force for it. */
const MONITORING_LINES: [region: string, year: number, amount: number, note: string][] = [
  ['53', 2022, 7000, '云南省 2022 年防返贫监测线'],
  ['53', 2024, 8700, '云南省 2024 年防返贫监测线'],
  ['53', 2025, 8700, '云南省 2025 年防返贫监测线'],
];

/** Province defaults of the workflow deadlines (DOMAIN.md "The six-step identification procedure"). */
const WORKFLOW_SETTINGS: [key: string, value: number][] = [
  ['decisionDays', 15],
  ['analysisWorkingDays', 2],
  ['minNoticeDays', 5],
  ['escalateAfterDays', 10],
  ['ticketAckWorkingDays', 1],
];

type Kind = 'HOLIDAY' | 'WORKDAY';
const days = (name: string, kind: Kind, from: string, to: string = from): [string, Kind, string][] => {
  const out: [string, Kind, string][] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) {
    out.push([d.toISOString().slice(0, 10), kind, name]);
  }
  return out;
};

/**
 * 国务院办公厅关于2025年部分节假日安排的通知 (国办发明电〔2024〕12号, 2024-11-12) and
 * 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04): every day off, and the weekend days worked instead.
 */
const CALENDAR: [date: string, kind: Kind, name: string][] = [
  // 2025
  ...days('元旦', 'HOLIDAY', '2025-01-01'),
  ...days('春节', 'HOLIDAY', '2025-01-28', '2025-02-04'),
  ...days('春节调休上班', 'WORKDAY', '2025-01-26'),
  ...days('春节调休上班', 'WORKDAY', '2025-02-08'),
  ...days('清明节', 'HOLIDAY', '2025-04-04', '2025-04-06'),
  ...days('劳动节', 'HOLIDAY', '2025-05-01', '2025-05-05'),
  ...days('劳动节调休上班', 'WORKDAY', '2025-04-27'),
  ...days('端午节', 'HOLIDAY', '2025-05-31', '2025-06-02'),
  ...days('国庆节、中秋节', 'HOLIDAY', '2025-10-01', '2025-10-08'),
  ...days('国庆节调休上班', 'WORKDAY', '2025-09-28'),
  ...days('国庆节调休上班', 'WORKDAY', '2025-10-11'),
  // 2026
  ...days('元旦', 'HOLIDAY', '2026-01-01', '2026-01-03'),
  ...days('元旦调休上班', 'WORKDAY', '2026-01-04'),
  ...days('春节', 'HOLIDAY', '2026-02-15', '2026-02-23'),
  ...days('春节调休上班', 'WORKDAY', '2026-02-14'),
  ...days('春节调休上班', 'WORKDAY', '2026-02-28'),
  ...days('清明节', 'HOLIDAY', '2026-04-04', '2026-04-06'),
  ...days('劳动节', 'HOLIDAY', '2026-05-01', '2026-05-05'),
  ...days('劳动节调休上班', 'WORKDAY', '2026-05-09'),
  ...days('端午节', 'HOLIDAY', '2026-06-19', '2026-06-21'),
  ...days('中秋节', 'HOLIDAY', '2026-09-25', '2026-09-27'),
  ...days('国庆节', 'HOLIDAY', '2026-10-01', '2026-10-07'),
  ...days('国庆节调休上班', 'WORKDAY', '2026-09-20'),
  ...days('国庆节调休上班', 'WORKDAY', '2026-10-10'),
];

export class SettingsSeed1795309070252 implements MigrationInterface {
  name = 'SettingsSeed1795309070252';

  /** Reference tables this migration fills: the test harness empties them and runs `up` again between files. */
  static readonly referenceTables = ['monitoring_lines', 'workflow_settings', 'calendar_days'];

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const [region, year, amount, note] of MONITORING_LINES) {
      await queryRunner.query(`INSERT INTO "monitoring_lines" ("region_code", "year", "amount", "note") VALUES ($1, $2, $3, $4)`, [
        region,
        year,
        amount,
        note,
      ]);
    }
    for (const [key, value] of WORKFLOW_SETTINGS) {
      await queryRunner.query(`INSERT INTO "workflow_settings" ("region_code", "key", "value") VALUES ('53', $1, $2)`, [key, value]);
    }
    await queryRunner.query(
      `INSERT INTO "calendar_days" ("date", "kind", "name")
       SELECT d::date, k, n FROM unnest($1::text[], $2::text[], $3::text[]) AS t(d, k, n)`,
      [CALENDAR.map((c) => c[0]), CALENDAR.map((c) => c[1]), CALENDAR.map((c) => c[2])],
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "calendar_days" WHERE "date" = ANY($1::date[])`, [CALENDAR.map((c) => c[0])]);
    await queryRunner.query(`DELETE FROM "workflow_settings" WHERE "region_code" = '53'`);
    await queryRunner.query(`DELETE FROM "monitoring_lines" WHERE "region_code" = '53' AND "year" = ANY($1::int[])`, [
      MONITORING_LINES.map((m) => m[1]),
    ]);
  }
}
