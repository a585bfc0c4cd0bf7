import { MigrationInterface, QueryRunner } from 'typeorm';

// Data, not schema: the first datasets of the data-sharing center and the warning rules of DOMAIN.md "Department data
// and warnings". Administrators change rules through /api/v1/warning-rules; a new dataset is a new data migration.

type Column = {
  key: string;
  header: string;
  type: 'idNumber' | 'string' | 'integer' | 'decimal' | 'date' | 'month' | 'enum' | 'boolean';
  required: boolean;
  values?: string[];
  max?: number;
  note?: string;
};

const id = (note?: string): Column => ({ key: 'idNumber', header: '身份证号', type: 'idNumber', required: true, ...(note ? { note } : {}) });
const name: Column = { key: 'name', header: '姓名', type: 'string', required: true, max: 50 };

const DATASETS: { code: string; department: string; name: string; description: string; columns: Column[] }[] = [
  {
    code: 'MEDICAL_SELF_PAID',
    department: 'MEDICAL_INSURANCE',
    name: '医疗费用个人自付',
    description: '每次住院或门诊结算一行：经基本医保、大病保险、医疗救助报销后个人负担的费用。',
    columns: [
      id(),
      name,
      { key: 'visitType', header: '就诊类型', type: 'enum', required: true, values: ['住院', '门诊'] },
      { key: 'admissionDate', header: '入院日期', type: 'date', required: true, note: '门诊填就诊日期' },
      { key: 'dischargeDate', header: '出院日期', type: 'date', required: false },
      { key: 'totalCost', header: '医疗总费用', type: 'decimal', required: true },
      { key: 'selfPaid', header: '自付费用', type: 'decimal', required: true, note: '各项报销后个人负担' },
    ],
  },
  {
    code: 'DISABILITY_CERTIFICATE',
    department: 'DISABLED_FEDERATION',
    name: '残疾人证办理',
    description: '本月新办、等级变更或换领的残疾人证，每证一行。',
    columns: [
      id('可填18位身份证号或20/22位残疾人证号'),
      name,
      { key: 'category', header: '残疾类别', type: 'enum', required: true, values: ['视力残疾', '听力残疾', '言语残疾', '肢体残疾', '智力残疾', '精神残疾', '多重残疾'] },
      { key: 'grade', header: '残疾等级', type: 'enum', required: true, values: ['一级', '二级', '三级', '四级'] },
      { key: 'issueDate', header: '发证日期', type: 'date', required: true },
      { key: 'changeType', header: '变更类型', type: 'enum', required: true, values: ['新办', '升级', '换领'] },
    ],
  },
  {
    code: 'SCHOOL_DROPOUT',
    department: 'EDUCATION',
    name: '学生辍学',
    description: '控辍保学：本月新发现的辍学学生。',
    columns: [
      id(),
      name,
      { key: 'school', header: '学校', type: 'string', required: true, max: 100 },
      { key: 'stage', header: '学段', type: 'enum', required: true, values: ['小学', '初中', '高中', '中职', '高职', '大学'] },
      { key: 'dropoutDate', header: '辍学日期', type: 'date', required: true },
    ],
  },
  {
    code: 'SCHOOL_COST',
    department: 'EDUCATION',
    name: '学生资助后自付费用',
    description: '每名学生每学年一行：各项资助后家庭仍需负担的费用。',
    columns: [
      id(),
      name,
      { key: 'schoolYear', header: '学年', type: 'string', required: true, max: 20, note: '如 2025-2026' },
      { key: 'selfPaidAfterAid', header: '资助后自付费用', type: 'decimal', required: true },
    ],
  },
  {
    code: 'HOUSE_SAFETY',
    department: 'HOUSING',
    name: '农房安全鉴定',
    description: '农村住房安全性鉴定结果，按户主一行。',
    columns: [
      id('户主的身份证号'),
      name,
      { key: 'appraisalDate', header: '鉴定日期', type: 'date', required: true },
      { key: 'grade', header: '鉴定等级', type: 'enum', required: true, values: ['A', 'B', 'C', 'D'] },
    ],
  },
  {
    code: 'ACCIDENT_VICTIM',
    department: 'PUBLIC_SECURITY',
    name: '意外事故伤亡人员',
    description: '交通等意外事故中受伤、致残或死亡的人员。',
    columns: [
      id(),
      name,
      { key: 'accidentDate', header: '事故日期', type: 'date', required: true },
      { key: 'outcome', header: '伤亡情况', type: 'enum', required: true, values: ['受伤', '致残', '死亡'] },
      { key: 'mainEarner', header: '是否主要劳动力', type: 'boolean', required: true, note: '是 或 否' },
    ],
  },
  {
    code: 'SOCIAL_ASSISTANCE_GRANT',
    department: 'CIVIL_AFFAIRS',
    name: '社会救助审批',
    description: '低保、特困供养、临时救助的审批结果，每人每项一行。',
    columns: [
      id(),
      name,
      { key: 'assistanceType', header: '救助类型', type: 'enum', required: true, values: ['低保', '特困', '临时救助'] },
      { key: 'approvedMonth', header: '批准月份', type: 'month', required: true },
    ],
  },
  {
    code: 'DISASTER',
    department: 'EMERGENCY',
    name: '受灾人员',
    description: '自然灾害受灾人员及损失。',
    columns: [
      id(),
      name,
      { key: 'disasterType', header: '灾害类型', type: 'enum', required: true, values: ['洪涝灾害', '地质灾害', '干旱灾害', '生物灾害', '气象灾害', '地震灾害', '其他灾害'] },
      { key: 'disasterDate', header: '受灾日期', type: 'date', required: true },
      { key: 'loss', header: '损失金额', type: 'decimal', required: false },
    ],
  },
  {
    code: 'JOB_LOSS',
    department: 'HUMAN_RESOURCES',
    name: '失业登记',
    description: '本月办理失业登记的人员。',
    columns: [
      id(),
      name,
      { key: 'registeredDate', header: '失业登记日期', type: 'date', required: true },
      { key: 'formerEmployer', header: '原单位', type: 'string', required: false, max: 100 },
    ],
  },
  {
    code: 'WATER_SUPPLY_CUT',
    department: 'WATER',
    name: '供水中断',
    description: '农村供水工程停水影响的户，按户主一行。',
    columns: [
      id('户主的身份证号'),
      name,
      { key: 'cutFrom', header: '断水开始日期', type: 'date', required: true },
      { key: 'expectedRestore', header: '预计恢复日期', type: 'date', required: false },
    ],
  },
];

const RULES: { code: string; dataset: string; name: string; condition: object; severity: string; riskType: string }[] = [
  {
    code: 'MEDICAL_SELF_PAID_MONITORED',
    dataset: 'MEDICAL_SELF_PAID',
    name: '监测户单次住院自付超过6000元',
    condition: { all: [{ field: 'visitType', op: '=', value: '住院' }, { field: 'selfPaid', op: '>', value: 6000 }], householdIs: 'MONITORED' },
    severity: 'HIGH',
    riskType: 'ILLNESS',
  },
  {
    code: 'MEDICAL_SELF_PAID_OTHER',
    dataset: 'MEDICAL_SELF_PAID',
    name: '其他农户单次住院自付超过10000元',
    condition: { all: [{ field: 'visitType', op: '=', value: '住院' }, { field: 'selfPaid', op: '>', value: 10000 }], householdIs: 'NOT_MONITORED' },
    severity: 'HIGH',
    riskType: 'ILLNESS',
  },
  {
    code: 'HOUSE_UNSAFE',
    dataset: 'HOUSE_SAFETY',
    name: '住房鉴定为C级或D级危房',
    condition: { all: [{ field: 'grade', op: 'in', value: ['C', 'D'] }] },
    severity: 'HIGH',
    riskType: 'HOUSING_SAFETY',
  },
  {
    code: 'SCHOOL_DROPOUT_POOR',
    dataset: 'SCHOOL_DROPOUT',
    name: '脱贫户或监测户学生辍学',
    condition: { householdIs: 'MONITORED_OR_OUT_OF_POVERTY' },
    severity: 'HIGH',
    riskType: 'SCHOOLING',
  },
  {
    code: 'SCHOOL_COST_HIGH',
    dataset: 'SCHOOL_COST',
    name: '资助后自付学费超过10000元',
    condition: { all: [{ field: 'selfPaidAfterAid', op: '>', value: 10000 }] },
    severity: 'MEDIUM',
    riskType: 'SCHOOLING',
  },
  {
    code: 'ACCIDENT_MAIN_EARNER',
    dataset: 'ACCIDENT_VICTIM',
    name: '主要劳动力因意外受伤、致残或死亡',
    condition: { all: [{ field: 'outcome', op: 'in', value: ['受伤', '致残', '死亡'] }, { field: 'mainEarner', op: 'isTrue' }] },
    severity: 'HIGH',
    riskType: 'ACCIDENT',
  },
  {
    code: 'SOCIAL_ASSISTANCE_NEW',
    dataset: 'SOCIAL_ASSISTANCE_GRANT',
    name: '新纳入低保、特困或临时救助',
    condition: { all: [{ field: 'assistanceType', op: 'in', value: ['低保', '特困', '临时救助'] }, { field: 'approvedMonth', op: '=', value: '$month' }] },
    severity: 'MEDIUM',
    riskType: 'OTHER',
  },
  {
    code: 'DISABILITY_NEW_OR_WORSE',
    dataset: 'DISABILITY_CERTIFICATE',
    name: '新办残疾人证或残疾等级升级',
    condition: { all: [{ field: 'changeType', op: 'in', value: ['新办', '升级'] }] },
    severity: 'MEDIUM',
    riskType: 'DISABILITY',
  },
  {
    code: 'DISASTER_HIT',
    dataset: 'DISASTER',
    name: '家庭遭受自然灾害',
    condition: {},
    severity: 'MEDIUM',
    riskType: 'NATURAL_DISASTER',
  },
  {
    code: 'JOB_LOSS_MAIN_EARNER',
    dataset: 'JOB_LOSS',
    name: '主要劳动力失业',
    condition: { memberIs: 'MAIN_LABOUR' },
    severity: 'MEDIUM',
    riskType: 'UNSTABLE_EMPLOYMENT',
  },
  {
    code: 'WATER_CUT',
    dataset: 'WATER_SUPPLY_CUT',
    name: '饮水中断',
    condition: {},
    severity: 'MEDIUM',
    riskType: 'DRINKING_WATER',
  },
];

export class ExchangeSeed1795319063798 implements MigrationInterface {
  name = 'ExchangeSeed1795319063798';

  /** Reference tables this migration fills: the test harness empties them and runs `up` again between files. */
  static readonly referenceTables = ['exchange_datasets', 'warning_rules'];

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const d of DATASETS) {
      await queryRunner.query(
        `INSERT INTO "exchange_datasets" ("code", "department", "name", "description", "columns") VALUES ($1, $2, $3, $4, $5::jsonb)`,
        [d.code, d.department, d.name, d.description, JSON.stringify(d.columns)],
      );
    }
    for (const r of RULES) {
      await queryRunner.query(
        `INSERT INTO "warning_rules" ("code", "dataset", "name", "condition", "severity", "risk_type", "region_code", "valid_from")
         VALUES ($1, $2, $3, $4::jsonb, $5, $6, '', '2020-01-01')`,
        [r.code, r.dataset, r.name, JSON.stringify(r.condition), r.severity, r.riskType],
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "warning_rules" WHERE "code" = ANY($1::varchar[])`, [RULES.map((r) => r.code)]);
    await queryRunner.query(`DELETE FROM "exchange_datasets" WHERE "code" = ANY($1::varchar[])`, [DATASETS.map((d) => d.code)]);
  }
}
