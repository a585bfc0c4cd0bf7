import { DatasetColumnType, HouseholdType, LabourCapacity, Relation } from '@jiuzhu/shared';
import type { ErrorDetail } from '../../common/errors/app.exception.js';
import type { DatasetColumn } from '../exchange/entities/exchange-dataset.entity.js';

/**
 * The condition of a warning rule: a small JSON language, checked against the dataset's columns when a rule is saved
 * and compiled to SQL with parameters (never a value concatenated) when a batch is matched.
 *
 *   { "all": [{ "field": "自付费用", "op": ">", "value": 6000 }, { "field": "visitType", "op": "=", "value": "住院" }],
 *     "householdIs": "MONITORED" }
 *
 * - all: every clause holds; any: at least one holds (both may be given; an empty condition fires on every
 *   matched record).
 * - a clause names a column by key or by its Chinese header; ops: > >= < <= = != (numbers, dates, months, text),
 *   in / notIn (a list), isTrue / isFalse (是/否 columns), present (the optional cell was filled).
 *   The value "$month" stands for the batch's data month (month columns: "approved this month").
 * - householdIs: MONITORED (a 监测对象), NOT_MONITORED, OUT_OF_POVERTY (脱贫户), MONITORED_OR_OUT_OF_POVERTY, ANY.
 * - memberIs: MAIN_LABOUR (the person has 普通 or 技能 labour capacity), HEAD (户主), ANY.
 */
export type ClauseOp = '>' | '>=' | '<' | '<=' | '=' | '!=' | 'in' | 'notIn' | 'isTrue' | 'isFalse' | 'present';

export interface RuleClause {
  field: string;
  op: ClauseOp;
  value?: number | string | string[];
}

export enum HouseholdClass {
  ANY = 'ANY',
  MONITORED = 'MONITORED',
  NOT_MONITORED = 'NOT_MONITORED',
  OUT_OF_POVERTY = 'OUT_OF_POVERTY',
  MONITORED_OR_OUT_OF_POVERTY = 'MONITORED_OR_OUT_OF_POVERTY',
}

export enum MemberClass {
  ANY = 'ANY',
  MAIN_LABOUR = 'MAIN_LABOUR',
  HEAD = 'HEAD',
}

export interface RuleCondition {
  all?: RuleClause[];
  any?: RuleClause[];
  householdIs?: HouseholdClass;
  memberIs?: MemberClass;
}

export const HouseholdClassLabel: Record<HouseholdClass, string> = {
  [HouseholdClass.ANY]: '所有户',
  [HouseholdClass.MONITORED]: '监测户',
  [HouseholdClass.NOT_MONITORED]: '非监测户',
  [HouseholdClass.OUT_OF_POVERTY]: '脱贫户',
  [HouseholdClass.MONITORED_OR_OUT_OF_POVERTY]: '脱贫户或监测户',
};

export const MemberClassLabel: Record<MemberClass, string> = {
  [MemberClass.ANY]: '任何成员',
  [MemberClass.MAIN_LABOUR]: '主要劳动力',
  [MemberClass.HEAD]: '户主',
};

const OPS_BY_TYPE: Record<DatasetColumnType, ClauseOp[]> = {
  [DatasetColumnType.ID_NUMBER]: [],
  [DatasetColumnType.STRING]: ['=', '!=', 'in', 'notIn', 'present'],
  [DatasetColumnType.ENUM]: ['=', '!=', 'in', 'notIn', 'present'],
  [DatasetColumnType.INTEGER]: ['>', '>=', '<', '<=', '=', '!=', 'present'],
  [DatasetColumnType.DECIMAL]: ['>', '>=', '<', '<=', '=', '!=', 'present'],
  [DatasetColumnType.DATE]: ['>', '>=', '<', '<=', '=', '!=', 'present'],
  [DatasetColumnType.MONTH]: ['>', '>=', '<', '<=', '=', '!=', 'present'],
  [DatasetColumnType.BOOLEAN]: ['isTrue', 'isFalse', 'present'],
};

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
export const BATCH_MONTH = '$month';

/**
 * Checks a condition against the dataset's columns: every problem as a detail (field paths like
 * condition.all[0].value), and the condition with every field named by its key.
 */
export function checkCondition(raw: unknown, columns: DatasetColumn[]): { condition: RuleCondition; errors: ErrorDetail[] } {
  const errors: ErrorDetail[] = [];
  const condition: RuleCondition = {};
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return { condition, errors: [{ field: 'condition', message: '条件必须是对象，如 {"all":[{"field":"自付费用","op":">","value":6000}]}' }] };
  }
  const input = raw as Record<string, unknown>;
  for (const key of Object.keys(input)) {
    if (!['all', 'any', 'householdIs', 'memberIs'].includes(key)) errors.push({ field: `condition.${key}`, message: `条件中不认识“${key}”（可用 all、any、householdIs、memberIs）` });
  }
  const byName = new Map<string, DatasetColumn>();
  for (const column of columns) {
    if (column.type === DatasetColumnType.ID_NUMBER || column.key === 'name') continue;
    byName.set(column.key, column);
    byName.set(column.header, column);
  }
  for (const group of ['all', 'any'] as const) {
    const clauses = input[group];
    if (clauses === undefined) continue;
    if (!Array.isArray(clauses)) {
      errors.push({ field: `condition.${group}`, message: `${group} 必须是列表` });
      continue;
    }
    condition[group] = [];
    clauses.forEach((clause, i) => {
      const at = `condition.${group}[${i}]`;
      const checked = checkClause(clause, byName, at, errors);
      if (checked) condition[group]!.push(checked);
    });
  }
  if (input.householdIs !== undefined) {
    if (!Object.values(HouseholdClass).includes(input.householdIs as HouseholdClass)) {
      errors.push({ field: 'condition.householdIs', message: `户类别应为 ${Object.values(HouseholdClass).join('、')} 之一` });
    } else condition.householdIs = input.householdIs as HouseholdClass;
  }
  if (input.memberIs !== undefined) {
    if (!Object.values(MemberClass).includes(input.memberIs as MemberClass)) {
      errors.push({ field: 'condition.memberIs', message: `成员类别应为 ${Object.values(MemberClass).join('、')} 之一` });
    } else condition.memberIs = input.memberIs as MemberClass;
  }
  return { condition, errors };
}

function checkClause(raw: unknown, byName: Map<string, DatasetColumn>, at: string, errors: ErrorDetail[]): RuleClause | null {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    errors.push({ field: at, message: '每个条件必须是 {field, op, value} 对象' });
    return null;
  }
  const { field, op, value } = raw as { field?: unknown; op?: unknown; value?: unknown };
  const column = typeof field === 'string' ? byName.get(field) : undefined;
  if (!column) {
    errors.push({ field: `${at}.field`, message: `数据集中没有可用于条件的列“${String(field ?? '')}”` });
    return null;
  }
  const ops = OPS_BY_TYPE[column.type];
  if (typeof op !== 'string' || !ops.includes(op as ClauseOp)) {
    errors.push({ field: `${at}.op`, message: `列“${column.header}”可用的比较为 ${ops.join(' ')}` });
    return null;
  }
  const clause: RuleClause = { field: column.key, op: op as ClauseOp };
  if (op === 'isTrue' || op === 'isFalse' || op === 'present') return clause;
  const bad = (message: string) => {
    errors.push({ field: `${at}.value`, message: `列“${column.header}”：${message}` });
    return null;
  };
  if (op === 'in' || op === 'notIn') {
    if (!Array.isArray(value) || !value.length || !value.every((v) => typeof v === 'string')) return bad('in/notIn 的值必须是非空的文字列表');
    if (column.type === DatasetColumnType.ENUM) {
      const unknown = value.filter((v) => !column.values?.includes(v));
      if (unknown.length) return bad(`不在取值范围内：${unknown.join('、')}（可选 ${(column.values ?? []).join('、')}）`);
    }
    clause.value = [...value];
    return clause;
  }
  switch (column.type) {
    case DatasetColumnType.INTEGER:
    case DatasetColumnType.DECIMAL:
      if (typeof value !== 'number' || !Number.isFinite(value)) return bad('值必须是数字');
      break;
    case DatasetColumnType.DATE:
      if (typeof value !== 'string' || !DATE.test(value)) return bad('值必须是日期 YYYY-MM-DD');
      break;
    case DatasetColumnType.MONTH:
      if (typeof value !== 'string' || (value !== BATCH_MONTH && !MONTH.test(value))) return bad('值必须是月份 YYYY-MM，或 "$month"（本批数据月份）');
      break;
    case DatasetColumnType.ENUM:
      if (typeof value !== 'string' || !column.values?.includes(value)) return bad(`值应为 ${(column.values ?? []).join('、')} 之一`);
      break;
    default:
      if (typeof value !== 'string') return bad('值必须是文字');
  }
  clause.value = value as number | string;
  return clause;
}

/** Adds a parameter, answers its placeholder. */
export type Bind = (value: unknown) => string;

/**
 * The condition as a SQL boolean over the staged record `r` (fields jsonb), the household `h` and the member `m`,
 * every value (and every field name) a parameter.
 */
export function compileCondition(condition: RuleCondition, columns: DatasetColumn[], bind: Bind, month: string): string {
  const typeOf = new Map(columns.map((c) => [c.key, c.type]));
  const clause = (c: RuleClause): string => {
    const type = typeOf.get(c.field);
    if (!type) throw new Error(`rule field ${c.field} is not a column of the dataset`);
    const text = `(r.fields->>${bind(c.field)})`;
    if (c.op === 'present') return `${text} IS NOT NULL`;
    if (c.op === 'isTrue') return `${text}::boolean IS TRUE`;
    if (c.op === 'isFalse') return `${text}::boolean IS FALSE`;
    if (c.op === 'in') return `${text} = ANY(${bind(c.value)}::text[])`;
    if (c.op === 'notIn') return `NOT (${text} = ANY(${bind(c.value)}::text[]))`;
    const op = c.op === '!=' ? '<>' : c.op;
    if (!['>', '>=', '<', '<=', '=', '<>'].includes(op)) throw new Error(`unknown op ${c.op}`);
    switch (type) {
      case DatasetColumnType.INTEGER:
      case DatasetColumnType.DECIMAL:
        return `${text}::numeric ${op} ${bind(c.value)}::numeric`;
      case DatasetColumnType.DATE:
        return `${text}::date ${op} ${bind(c.value)}::date`;
      case DatasetColumnType.MONTH:
        return `${text} ${op} ${bind(c.value === BATCH_MONTH ? month : c.value)}::text`;
      default:
        return `${text} ${op} ${bind(c.value)}::text`;
    }
  };
  const parts: string[] = [];
  if (condition.all?.length) parts.push(...condition.all.map(clause));
  if (condition.any?.length) parts.push(`(${condition.any.map(clause).join(' OR ')})`);
  switch (condition.householdIs ?? HouseholdClass.ANY) {
    case HouseholdClass.MONITORED:
      parts.push('h.monitoring_type IS NOT NULL');
      break;
    case HouseholdClass.NOT_MONITORED:
      parts.push('h.monitoring_type IS NULL');
      break;
    case HouseholdClass.OUT_OF_POVERTY:
      parts.push(`h.household_type = ${bind(HouseholdType.OUT_OF_POVERTY)}`);
      break;
    case HouseholdClass.MONITORED_OR_OUT_OF_POVERTY:
      parts.push(`(h.monitoring_type IS NOT NULL OR h.household_type = ${bind(HouseholdType.OUT_OF_POVERTY)})`);
      break;
  }
  switch (condition.memberIs ?? MemberClass.ANY) {
    case MemberClass.MAIN_LABOUR:
      parts.push(`m.labour_capacity = ANY(${bind([LabourCapacity.ORDINARY, LabourCapacity.SKILLED])}::text[])`);
      break;
    case MemberClass.HEAD:
      parts.push(`m.relation = ${bind(Relation.HEAD)}`);
      break;
  }
  return parts.length ? parts.join(' AND ') : 'TRUE';
}

/** The condition in words, for lists and the rule editor. */
export function describeCondition(condition: RuleCondition, columns: DatasetColumn[]): string {
  const header = new Map(columns.map((c) => [c.key, c.header]));
  const words: Record<ClauseOp, string> = { '>': '大于', '>=': '不小于', '<': '小于', '<=': '不大于', '=': '为', '!=': '不为', in: '为', notIn: '不为', isTrue: '为“是”', isFalse: '为“否”', present: '已填写' };
  const clause = (c: RuleClause) => {
    const name = header.get(c.field) ?? c.field;
    if (c.op === 'isTrue' || c.op === 'isFalse' || c.op === 'present') return `${name}${words[c.op]}`;
    const value = Array.isArray(c.value) ? c.value.join('、') : c.value === BATCH_MONTH ? '本批数据月份' : String(c.value);
    return `${name}${words[c.op]}${value}`;
  };
  const parts: string[] = [];
  if (condition.householdIs && condition.householdIs !== HouseholdClass.ANY) parts.push(HouseholdClassLabel[condition.householdIs]);
  if (condition.memberIs && condition.memberIs !== MemberClass.ANY) parts.push(`本人为${MemberClassLabel[condition.memberIs]}`);
  if (condition.all?.length) parts.push(condition.all.map(clause).join('且'));
  if (condition.any?.length) parts.push(`（${condition.any.map(clause).join('或')}）`);
  return parts.length ? parts.join('，') : '所有比对上的记录';
}
