import { DatasetColumnType, maskIdNumber, validateIdNumber } from '@jiuzhu/shared';
import type { DatasetColumn } from './entities/exchange-dataset.entity.js';
import type { RowProblem } from './entities/exchange-row-error.entity.js';

/** A cell as a reader hands it over: CSV gives text, xlsx numbers, dates and booleans too. */
export type CellValue = string | number | boolean | Date | null;

/** How the file's columns map onto the dataset's: the index of each column key, or what is wrong with the header. */
export interface HeaderMapping {
  /** column key → index in the row */
  indexOf: Map<string, number>;
  missing: DatasetColumn[];
  unknown: string[];
  duplicate: string[];
}

/** Header text as compared: no BOM, no surrounding or full-width spaces, no trailing "*" (required marks). */
export function cleanHeader(raw: unknown): string {
  return String(raw ?? '')
    .replace(/^\uFEFF/, '')
    .replace(/[\s\u3000]+/g, '')
    .replace(/[*＊]+$/, '');
}

/**
 * Maps a header row (the Chinese headers, or the column keys) onto the dataset's columns. Blank header cells are
 * ignored (trailing separators, empty Excel columns); a column named twice, a header the dataset does not know and a
 * required column that is absent are reported, so the whole file can be refused with every problem named.
 */
export function mapHeader(headers: unknown[], columns: DatasetColumn[]): HeaderMapping {
  const resolve = columnResolver(columns);
  const indexOf = new Map<string, number>();
  const unknown: string[] = [];
  const duplicate: string[] = [];
  headers.forEach((raw, index) => {
    const header = cleanHeader(raw);
    if (!header) return;
    const column = resolve(header);
    if (!column) {
      unknown.push(String(raw).trim());
      return;
    }
    if (indexOf.has(column.key)) {
      duplicate.push(column.header);
      return;
    }
    indexOf.set(column.key, index);
  });
  const missing = columns.filter((column) => column.required && !indexOf.has(column.key));
  return { indexOf, missing, unknown, duplicate };
}

/** The column a header (Chinese, cleaned) or a column key (any case) names. */
export function columnResolver(columns: DatasetColumn[]): (name: unknown) => DatasetColumn | undefined {
  const byName = new Map<string, DatasetColumn>();
  for (const column of columns) {
    byName.set(cleanHeader(column.header), column);
    byName.set(column.key.toLowerCase(), column);
  }
  return (name) => {
    const header = cleanHeader(name);
    return byName.get(header) ?? byName.get(header.toLowerCase());
  };
}

/** A good row, ready to stage: the ID number normalised (never stored in clear), the name, the other fields typed. */
export interface ValidRow {
  idNumber: string;
  /** the 18-character resident ID the registry hashes (a disability certificate number holds it) */
  residentId: string;
  name: string;
  fields: Record<string, string | number | boolean>;
}

export type RowResult = { ok: true; row: ValidRow } | { ok: false; problems: RowProblem[] };

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** 'YYYY-MM-DD' if the parts are a real calendar date. */
function calendarDate(year: number, month: number, day: number): string | null {
  if (!(year >= 1900 && year <= 2100)) return null;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** Excel's serial day number (1900 system) → 'YYYY-MM-DD'. */
function excelSerialDate(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 100_000) return null;
  const date = new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000);
  return date.toISOString().slice(0, 10);
}

/** A date as departments write it: 2025-06-01, 2025/6/1, 2025.6.1, 20250601, 2025年6月1日, an Excel date or serial. */
export function parseDate(value: CellValue): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  if (typeof value === 'number') return excelSerialDate(value);
  const text = String(value).trim();
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?Z?)?$/.exec(text);
  if (!m) m = /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/.exec(text);
  if (!m) m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  return m ? calendarDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/** A month: 2025-06, 2025/6, 202506, 2025年6月, or a date (its month). */
export function parseMonth(value: CellValue): string | null {
  if (value instanceof Date || typeof value === 'number') return parseDate(value)?.slice(0, 7) ?? null;
  const text = String(value).trim();
  const m = /^(\d{4})[-/.年]?(\d{1,2})月?$/.exec(text);
  if (m) {
    const month = Number(m[2]);
    return Number(m[1]) >= 1900 && month >= 1 && month <= 12 ? `${m[1]}-${pad(month)}` : null;
  }
  return parseDate(value)?.slice(0, 7) ?? null;
}

const TRUE_WORDS = new Set(['是', 'y', 'yes', 'true', '1', '√']);
const FALSE_WORDS = new Set(['否', 'n', 'no', 'false', '0', '×']);

/** Text of a cell (numbers as written, dates as YYYY-MM-DD), '' for empty. */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  return String(value).trim();
}

function parseNumber(value: CellValue): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  const text = String(value).trim().replace(/[,，\s]/g, '').replace(/^[¥￥]/, '').replace(/元$/, '');
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : null;
}

/** One column's value: the typed value, or the reason (Chinese) it is refused. */
function convert(column: DatasetColumn, raw: CellValue, today: Date): { value: string | number | boolean } | { reason: string } {
  switch (column.type) {
    case DatasetColumnType.STRING: {
      const text = cellText(raw);
      if (column.max && Array.from(text).length > column.max) return { reason: `不能超过${column.max}个字` };
      return { value: text };
    }
    case DatasetColumnType.INTEGER:
    case DatasetColumnType.DECIMAL: {
      const n = parseNumber(raw);
      if (n === null) return { reason: '应为数字' };
      if (column.type === DatasetColumnType.INTEGER && !Number.isInteger(n)) return { reason: '应为整数' };
      if (n < (column.min ?? 0)) return { reason: `不能小于${column.min ?? 0}` };
      if (column.max !== undefined && n > column.max) return { reason: `不能大于${column.max}` };
      return { value: n };
    }
    case DatasetColumnType.DATE: {
      const date = parseDate(raw);
      return date ? { value: date } : { reason: '不是有效日期（应如 2025-06-01）' };
    }
    case DatasetColumnType.MONTH: {
      const month = parseMonth(raw);
      return month ? { value: month } : { reason: '不是有效月份（应如 2025-06）' };
    }
    case DatasetColumnType.ENUM: {
      const text = cellText(raw);
      return column.values?.includes(text) ? { value: text } : { reason: `应为 ${(column.values ?? []).join('、')} 之一` };
    }
    case DatasetColumnType.BOOLEAN: {
      if (typeof raw === 'boolean') return { value: raw };
      const text = cellText(raw).toLowerCase();
      if (TRUE_WORDS.has(text)) return { value: true };
      if (FALSE_WORDS.has(text)) return { value: false };
      return { reason: '应为“是”或“否”' };
    }
    case DatasetColumnType.ID_NUMBER: {
      if (typeof raw === 'number') return { reason: '身份证号被存成了数字（末几位已丢失），请把该列设为文本后重新导出' };
      const text = cellText(raw).replace(/\s/g, '');
      const result = validateIdNumber(text, { today });
      if (!result.valid) return { reason: result.reason };
      return { value: result.normalized };
    }
  }
  return { reason: '列类型未知' };
}

/**
 * Checks one row against the dataset's columns (required, types, the ID number's GB 11643 check digit, enum values,
 * dates): the row to stage, or every problem with its column header.
 */
export function validateRow(columns: DatasetColumn[], mapping: HeaderMapping, cells: CellValue[], today: Date): RowResult {
  const problems: RowProblem[] = [];
  const fields: Record<string, string | number | boolean> = {};
  let idNumber = '';
  let residentId = '';
  let name = '';
  for (const column of columns) {
    const index = mapping.indexOf.get(column.key);
    const raw = index === undefined ? null : (cells[index] ?? null);
    if (raw === null || cellText(raw) === '') {
      if (column.required) problems.push({ column: column.header, reason: `${column.header}不能为空` });
      continue;
    }
    const converted = convert(column, raw, today);
    if ('reason' in converted) {
      problems.push({ column: column.header, reason: `${column.header}：${converted.reason}` });
      continue;
    }
    if (column.type === DatasetColumnType.ID_NUMBER) {
      idNumber = converted.value as string;
      residentId = idNumber.slice(0, 18);
    } else if (column.key === 'name') {
      name = converted.value as string;
    } else {
      fields[column.key] = converted.value;
    }
  }
  if (problems.length) return { ok: false, problems };
  return { ok: true, row: { idNumber, residentId, name, fields } };
}

/** The row as sent (header → text) with the ID number masked, for the error report. */
export function maskedRow(columns: DatasetColumn[], mapping: HeaderMapping, cells: CellValue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const column of columns) {
    const index = mapping.indexOf.get(column.key);
    if (index === undefined) continue;
    const text = cellText(cells[index] ?? null);
    out[column.header] = column.type === DatasetColumnType.ID_NUMBER ? maskIdNumber(text) : Array.from(text).slice(0, 200).join('');
  }
  return out;
}

/** The dataset's one ID-number column. */
export function idColumnOf(columns: DatasetColumn[]): DatasetColumn {
  const column = columns.find((c) => c.type === DatasetColumnType.ID_NUMBER);
  if (!column) throw new Error('dataset has no idNumber column');
  return column;
}
