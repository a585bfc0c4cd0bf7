import { CaseKind, CaseStatus, DEVELOPMENTAL_MEASURE_TYPES, LabourCapacity, MeasureType, RiskType } from '@jiuzhu/shared';

/**
 * The data-quality checks 账账相符、账实相符 (DOMAIN.md "Data quality"). Each is one set-based SQL statement over the
 * registry of one county (and region prefix) that yields (household_id, region_code, household_number, details)
 * rows; the runner inserts them as findings. `details` may hold only masked or non-personal values (masked names,
 * relations, counts, amounts, types, dates). ID_NUMBER_INVALID is the exception: it needs the plain ID numbers, so it is a
 * streamed decrypting pass (QualityIdRecheckService), run only when asked for.
 *
 * Where the data lives today (docs/data-quality.md): help measures are the first measures of the county decision
 * that identified the household (cases.county_decision of its latest IDENTIFIED identification case); income is the
 * latest field survey of any of its cases (cases.survey). A help-plans module will replace the first, yearly income
 * collection will add to the second.
 */
export enum QualityCheckCode {
  ID_NUMBER_MISSING = 'ID_NUMBER_MISSING',
  ID_NUMBER_DUPLICATE = 'ID_NUMBER_DUPLICATE',
  ID_NUMBER_INVALID = 'ID_NUMBER_INVALID',
  WATER_RISK_WITHOUT_MEASURE = 'WATER_RISK_WITHOUT_MEASURE',
  HOUSING_RISK_WITHOUT_MEASURE = 'HOUSING_RISK_WITHOUT_MEASURE',
  ILLNESS_WITHOUT_MEDICAL_COST = 'ILLNESS_WITHOUT_MEDICAL_COST',
  LABOUR_RISK_WITH_WORKERS = 'LABOUR_RISK_WITH_WORKERS',
  NO_DEVELOPMENTAL_MEASURE = 'NO_DEVELOPMENTAL_MEASURE',
  JOB_MEASURE_WITHOUT_WAGE = 'JOB_MEASURE_WITHOUT_WAGE',
}

/** Adds a value to a parameter list and returns its placeholder ($n). */
export type Bind = (value: unknown) => string;

export interface CheckContext {
  bind: Bind;
  countyCode: string;
  /** the region prefix inside the county (the county itself, or a township, village or grid of it) */
  prefix: string;
  /** 'YYYY-MM': households identified in this month or earlier have been monitored 6 months or more */
  monitoredSinceCutoff: string;
}

export interface QualityCheck {
  code: QualityCheckCode;
  /** 问题: the short name in lists and the export */
  title: string;
  /** what to fix, for the cadre */
  fix: string;
  /** the data the check reads */
  basis: string;
  /** what the check waits for to be complete (null: complete today) */
  waitsFor: string | null;
  /** decrypts ID numbers: only when a run asks for it (recheckIdNumbers), audited */
  decrypts: boolean;
  /** the SELECT of (household_id, region_code, household_number, details); absent for the decrypting check */
  select?: (ctx: CheckContext) => string;
}

/** "can work" (DOMAIN.md 劳动技能): 普通 and 技能 labour, as the county decision's developmental-measure rule. */
export const WORKING_CAPACITIES: readonly LabourCapacity[] = [LabourCapacity.ORDINARY, LabourCapacity.SKILLED];
export const MONITORED_MONTHS = 6;

/** shared/src/masking maskName in SQL: 张 → 张, 张三 → 张*, 张三丰 → 张*丰 (char_length counts code points). */
export const maskNameSql = (column: string) =>
  `CASE WHEN char_length(${column}) <= 1 THEN ${column} WHEN char_length(${column}) = 2 THEN left(${column}, 1) || '*' ` +
  `ELSE left(${column}, 1) || repeat('*', char_length(${column}) - 2) || right(${column}, 1) END`;

const scope = ({ bind, countyCode, prefix }: CheckContext) =>
  `h.county_code = ${bind(countyCode)} AND h.region_code LIKE ${bind(`${prefix}%`)}`;

const hasRisk = (ctx: CheckContext, risk: RiskType) => `h.risk_types @> ${ctx.bind(JSON.stringify([risk]))}::jsonb`;

/**
 * The household's help measures: the first measures of its latest identification (`plan.decision`). A join over
 * the county's cases, not a lateral per household: the planner hashes the county's cases once.
 */
const PLAN = (ctx: CheckContext) => `LEFT JOIN (
    SELECT DISTINCT ON (c.household_id) c.household_id, c.county_decision AS decision FROM cases c
     WHERE c.county_code = ${ctx.bind(ctx.countyCode)} AND c.household_id IS NOT NULL
       AND c.kind = ${ctx.bind(CaseKind.IDENTIFICATION)} AND c.status = ${ctx.bind(CaseStatus.IDENTIFIED)}
     ORDER BY c.household_id, c.closed_at DESC NULLS LAST, c.id) plan ON plan.household_id = h.id`;

const MEASURES = `COALESCE(plan.decision->'measures', '[]'::jsonb)`;
const MEASURE_TYPES = `(SELECT COALESCE(jsonb_agg(DISTINCT x->>'type'), '[]'::jsonb) FROM jsonb_array_elements(${MEASURES}) x)`;
const hasMeasure = (ctx: CheckContext, types: readonly MeasureType[]) =>
  `EXISTS (SELECT 1 FROM jsonb_array_elements(${MEASURES}) x WHERE x->>'type' = ANY(${ctx.bind(types)}::text[]))`;
/** the China date of the decision that set the plan */
const PLAN_DATE = `to_char(((plan.decision->>'at')::timestamptz AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM-DD')`;

/** The household's latest income record: the latest field survey of any of its cases (`s.survey`). */
const SURVEY = (ctx: CheckContext) => `LEFT JOIN (
    SELECT DISTINCT ON (c.household_id) c.household_id, c.survey FROM cases c
     WHERE c.county_code = ${ctx.bind(ctx.countyCode)} AND c.household_id IS NOT NULL AND c.survey IS NOT NULL
     ORDER BY c.household_id, c.survey->>'visitDate' DESC, c.survey->>'at' DESC) s ON s.household_id = h.id`;
const incomeItem = (item: 'wage' | 'compliantOutOfPocket') => `(s.survey->'income'->>'${item}')::numeric`;

/** Member counts of the household (`mem`). */
const MEMBERS = (ctx: CheckContext) => `CROSS JOIN LATERAL (
    SELECT count(*)::int AS members,
           (count(*) FILTER (WHERE m.labour_capacity = ANY(${ctx.bind(WORKING_CAPACITIES)}::text[])))::int AS workers,
           (count(*) FILTER (WHERE m.public_welfare_job))::int AS welfare_jobs
      FROM members m WHERE m.county_code = h.county_code AND m.household_id = h.id) mem`;

/**
 * While the registry's unique index on the hash stands (valid), no two members can share one: the duplicate check
 * is then a one-time filter that reads nothing. It probes member by member where the index cannot exist (data
 * loaded around it, or the scale-out plan, where a unique key must include county_code).
 */
const UNIQUE_HASH_INDEX_STANDS = `EXISTS (SELECT 1 FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
    WHERE ic.relname = 'UQ_members_id_number_hash' AND i.indisunique AND i.indisvalid)`;

const memberJson = (m: string) => `jsonb_build_object('memberId', ${m}.id, 'name', ${maskNameSql(`${m}.name`)}, 'relation', ${m}.relation)`;
/** a keyed hash as the crypto module writes it: 64 lower-case hex digits (a negated class: PostgreSQL runs `{64}` slowly) */
export const wellFormedHash = (column: string) => `(length(${column}) = 64 AND ${column} !~ '[^0-9a-f]')`;

export const QUALITY_CHECKS: readonly QualityCheck[] = Object.freeze([
  {
    code: QualityCheckCode.ID_NUMBER_MISSING,
    title: '证件号码缺失或损坏',
    fix: '该成员的证件号码没有保存或已损坏（无法检索）。请核对身份证或残疾人证原件，在户信息中重新录入证件号码。',
    basis: '成员证件号码的密文和检索码（不解密）',
    waitsFor: null,
    decrypts: false,
    select: (ctx) => `
      SELECT h.id AS household_id, h.region_code, h.household_number,
             jsonb_build_object('members', jsonb_agg(${memberJson('m')} ORDER BY m.id)) AS details
        FROM members m JOIN households h ON h.county_code = m.county_code AND h.id = m.household_id
       WHERE m.county_code = ${ctx.bind(ctx.countyCode)} AND ${scope(ctx)}
         AND (NOT ${wellFormedHash('m.id_number_hash')} OR m.id_number_encrypted NOT LIKE 'v1:%')
       GROUP BY h.id, h.region_code, h.household_number`,
  },
  {
    code: QualityCheckCode.ID_NUMBER_DUPLICATE,
    title: '证件号码在全省重复',
    fix: '同一人在全省只能登记在一户。请与另一户所在村核实此人实际所在的户，删除错误的登记或办理成员迁移。',
    basis: '成员证件号码的检索码（残疾人证号按其中的身份证号计算，同一人无论以哪种证件登记都能查出）',
    waitsFor: null,
    decrypts: false,
    select: (ctx) => `
      SELECT d.household_id, d.region_code, d.household_number,
             jsonb_build_object('members', jsonb_agg(jsonb_build_object('memberId', d.member_id, 'name', d.name,
               'relation', d.relation, 'otherHouseholdNumbers', d.others) ORDER BY d.member_id)) AS details
        FROM (
          SELECT h.id AS household_id, h.region_code, h.household_number, m.id AS member_id, ${maskNameSql('m.name')} AS name, m.relation,
                 (SELECT jsonb_agg(DISTINCT oh.household_number)
                    FROM members o JOIN households oh ON oh.county_code = o.county_code AND oh.id = o.household_id
                   WHERE o.id_number_hash = m.id_number_hash AND o.id <> m.id
                     AND left(o.county_code, 2) = left(m.county_code, 2)) AS others
            FROM members m JOIN households h ON h.county_code = m.county_code AND h.id = m.household_id
           WHERE m.county_code = ${ctx.bind(ctx.countyCode)} AND ${scope(ctx)} AND ${wellFormedHash('m.id_number_hash')}
             AND NOT ${UNIQUE_HASH_INDEX_STANDS}
        ) d
       WHERE d.others IS NOT NULL
       GROUP BY d.household_id, d.region_code, d.household_number`,
  },
  {
    code: QualityCheckCode.ID_NUMBER_INVALID,
    title: '证件号码校验不通过',
    fix: '证件号码不符合 GB 11643 校验规则（残疾人证号还核对残疾类别和等级），或与登记的出生日期、性别不符。请核对证件原件后更正。',
    basis: '成员证件号码（解密后逐条核对，只在发起检查时勾选“复核证件号码”才进行，并记入审计日志）',
    waitsFor: null,
    decrypts: true,
  },
  {
    code: QualityCheckCode.WATER_RISK_WITHOUT_MEASURE,
    title: '因安全饮水风险无饮水安全保障措施',
    fix: '风险类型有“因安全饮水”的户，应有“饮水安全保障”帮扶措施。请补充措施；风险已不存在的，请更正风险类型。',
    basis: '户的风险类型；帮扶措施（县级确定时的首批措施）',
    waitsFor: '帮扶计划（一户一策）模块：上线后改为读取该户当前的全部帮扶措施',
    decrypts: false,
    select: (ctx) => `
      SELECT h.id AS household_id, h.region_code, h.household_number,
             jsonb_build_object('measureTypes', ${MEASURE_TYPES}, 'planFound', plan.decision IS NOT NULL) AS details
        FROM households h ${PLAN(ctx)}
       WHERE ${scope(ctx)} AND ${hasRisk(ctx, RiskType.DRINKING_WATER)}
         AND NOT ${hasMeasure(ctx, [MeasureType.DRINKING_WATER])}`,
  },
  {
    code: QualityCheckCode.HOUSING_RISK_WITHOUT_MEASURE,
    title: '因安全住房风险无住房保障或搬迁措施',
    fix: '风险类型有“因安全住房”的户，应有“住房安全保障”或“搬迁”帮扶措施。请补充措施；风险已不存在的，请更正风险类型。',
    basis: '户的风险类型；帮扶措施（县级确定时的首批措施）',
    waitsFor: '帮扶计划（一户一策）模块：上线后改为读取该户当前的全部帮扶措施',
    decrypts: false,
    select: (ctx) => `
      SELECT h.id AS household_id, h.region_code, h.household_number,
             jsonb_build_object('measureTypes', ${MEASURE_TYPES}, 'planFound', plan.decision IS NOT NULL) AS details
        FROM households h ${PLAN(ctx)}
       WHERE ${scope(ctx)} AND ${hasRisk(ctx, RiskType.HOUSING_SAFETY)}
         AND NOT ${hasMeasure(ctx, [MeasureType.HOUSING_SAFETY, MeasureType.RELOCATION])}`,
  },
  {
    code: QualityCheckCode.ILLNESS_WITHOUT_MEDICAL_COST,
    title: '因病风险但无合规自付医疗支出（疑似）',
    fix: '风险类型有“因病”的户，通常有合规自付医疗支出。请入户核实：补录合规自付支出，或更正风险类型。',
    basis: '户的风险类型；最近一次实地调查的合规自付支出（没有调查记录的也列出）',
    waitsFor: '医保部门数据（数据共享中心）：接入后，有医保自付记录的户不再列出',
    decrypts: false,
    select: (ctx) => `
      SELECT h.id AS household_id, h.region_code, h.household_number,
             jsonb_build_object('surveyDate', s.survey->>'visitDate', 'compliantOutOfPocket', ${incomeItem('compliantOutOfPocket')}) AS details
        FROM households h ${SURVEY(ctx)}
       WHERE ${scope(ctx)} AND ${hasRisk(ctx, RiskType.ILLNESS)}
         AND COALESCE(${incomeItem('compliantOutOfPocket')}, 0) <= 0`,
  },
  {
    code: QualityCheckCode.LABOUR_RISK_WITH_WORKERS,
    title: '缺劳动力但超过四分之一成员有劳动能力（疑似）',
    fix: '风险类型为“缺劳动力”，但登记的有劳动能力（普通或技能劳动力）成员超过家庭人数的四分之一。请核实成员的劳动技能，更正劳动能力或风险类型。',
    basis: '户的风险类型；成员的劳动技能',
    waitsFor: null,
    decrypts: false,
    select: (ctx) => `
      SELECT h.id AS household_id, h.region_code, h.household_number,
             jsonb_build_object('members', mem.members, 'workers', mem.workers) AS details
        FROM households h ${MEMBERS(ctx)}
       WHERE ${scope(ctx)} AND ${hasRisk(ctx, RiskType.LACK_OF_LABOUR)} AND mem.workers * 4 > mem.members`,
  },
  {
    code: QualityCheckCode.NO_DEVELOPMENTAL_MEASURE,
    title: `有劳动能力的监测户${MONITORED_MONTHS}个月以上无开发式帮扶措施`,
    fix: '有劳动能力的监测对象应至少有一项开发式帮扶措施（产业、就业、金融、公益岗位）。请为该户落实并录入措施。',
    basis: '监测类型和识别月份；整户无劳动能力标记和成员劳动技能；帮扶措施（县级确定时的首批措施）',
    waitsFor: '帮扶计划（一户一策）模块：上线后改为读取该户当前的全部帮扶措施；没有识别月份的监测户暂不检查',
    decrypts: false,
    select: (ctx) => `
      SELECT h.id AS household_id, h.region_code, h.household_number,
             jsonb_build_object('identifiedMonth', h.identified_month, 'workers', mem.workers,
                                'measureTypes', ${MEASURE_TYPES}, 'planFound', plan.decision IS NOT NULL) AS details
        FROM households h ${PLAN(ctx)} ${MEMBERS(ctx)}
       WHERE ${scope(ctx)} AND h.monitoring_type IS NOT NULL
         AND h.identified_month IS NOT NULL AND h.identified_month <= ${ctx.bind(ctx.monitoredSinceCutoff)}
         AND NOT h.no_labour_capacity AND mem.workers > 0
         AND NOT ${hasMeasure(ctx, DEVELOPMENTAL_MEASURE_TYPES)}`,
  },
  {
    code: QualityCheckCode.JOB_MEASURE_WITHOUT_WAGE,
    title: '有公益岗位或就业帮扶但工资性收入为0',
    fix: '该户有公益岗位或就业帮扶（或有成员登记在公益岗位），但最近的收入记录中工资性收入为0。请核实岗位是否落实、工资是否发放，并更新家庭收入。',
    basis: '帮扶措施（县级确定时的首批措施）和成员的公益岗位标记；最近一次实地调查的工资性收入',
    waitsFor:
      '措施开始后的收入数据：现在只有实地调查记录收入，确定措施之后再次调查（如风险消除走访）才能据此判断；帮扶计划模块和年度收入采集上线后改用其数据',
    decrypts: false,
    // a survey before the decision cannot show the job's wage: the measure counts only with a survey on or after it
    select: (ctx) => `
      SELECT h.id AS household_id, h.region_code, h.household_number,
             jsonb_build_object('surveyDate', s.survey->>'visitDate', 'wage', ${incomeItem('wage')},
                                'welfareJobMembers', mem.welfare_jobs,
                                'jobMeasure', ${hasMeasure(ctx, [MeasureType.PUBLIC_WELFARE_JOB, MeasureType.EMPLOYMENT])}) AS details
        FROM households h ${PLAN(ctx)} ${SURVEY(ctx)} ${MEMBERS(ctx)}
       WHERE ${scope(ctx)} AND s.survey IS NOT NULL AND COALESCE(${incomeItem('wage')}, 0) <= 0
         AND (mem.welfare_jobs > 0
              OR (${hasMeasure(ctx, [MeasureType.PUBLIC_WELFARE_JOB, MeasureType.EMPLOYMENT])}
                  AND s.survey->>'visitDate' >= ${PLAN_DATE}))`,
  },
] satisfies QualityCheck[]);

export const QUALITY_CHECK_BY_CODE: ReadonlyMap<string, QualityCheck> = new Map(QUALITY_CHECKS.map((c) => [c.code, c]));

/** 'YYYY-MM' plus n months (n may be negative). */
export function addMonths(month: string, n: number): string {
  const [year, m] = month.split('-').map(Number);
  const index = year * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * The codes that start with `prefix`, as a range [prefix, upper) the btree index can scan (codes are digits only,
 * all at least as long as the prefix); upper is null when there is no bound ('' or all nines).
 */
export function codeRange(prefix: string): { lower: string; upper: string | null } {
  if (!prefix) return { lower: '', upper: null };
  const next = (BigInt(prefix) + 1n).toString().padStart(prefix.length, '0');
  return { lower: prefix, upper: next.length > prefix.length ? null : next };
}
