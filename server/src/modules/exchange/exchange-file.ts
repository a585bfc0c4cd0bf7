import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import iconv from 'iconv-lite';
import type { CellValue } from './dataset-schema.js';

// exceljs is CommonJS without named ESM exports
const require = createRequire(import.meta.url);
const ExcelJS = require('exceljs') as typeof import('exceljs');

export type FileKind = 'CSV' | 'XLSX';

/** What the first bytes say: a CSV/XLSX we can read, or why not (Chinese, for the 400). */
export type SniffResult = { kind: FileKind } | { refused: string };

export const SNIFF_BYTES = 4096;

const startsWith = (head: Buffer, bytes: number[]) => bytes.every((b, i) => head[i] === b);

/** By content, never by name: a zip is taken for xlsx (opening it proves it), text without NUL bytes for CSV. */
export function sniffFile(head: Buffer): SniffResult {
  if (!head.length) return { refused: '文件是空的' };
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return { kind: 'XLSX' };
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0])) return { refused: '这是旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 或 CSV 后再上传' };
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) {
    return { refused: '文件是 UTF-16 编码的文本，请另存为 UTF-8 或 GBK 编码的 CSV 后再上传' };
  }
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46]) || startsWith(head, [0xff, 0xd8, 0xff]) || startsWith(head, [0x89, 0x50, 0x4e, 0x47])) {
    return { refused: '文件不是 CSV 或 Excel（.xlsx）表格' };
  }
  if (head.includes(0)) return { refused: '文件不是 CSV 或 Excel（.xlsx）表格' };
  return { kind: 'CSV' };
}

/**
 * Watches bytes go by and tells at the end whether all of them were valid UTF-8 (else the CSV is read as GB18030,
 * the superset of GBK that department exports use).
 */
export class Utf8Check {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private valid = true;

  update(chunk: Buffer): void {
    if (!this.valid) return;
    try {
      this.decoder.decode(chunk, { stream: true });
    } catch {
      this.valid = false;
    }
  }

  get isUtf8(): boolean {
    if (!this.valid) return false;
    try {
      this.decoder.decode();
      return true;
    } catch {
      return false;
    }
  }
}

export const encodingOf = (isUtf8: boolean) => (isUtf8 ? 'utf-8' : 'gb18030');

/** The separator of the first line: comma, tab or semicolon, whichever appears most (comma on a tie). */
function delimiterOf(firstLine: string): string {
  const counts = [',', '\t', ';'].map((d) => [d, firstLine.split(d).length - 1] as const);
  const best = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return best[1] > 0 ? best[0] : ',';
}

async function firstLineOf(path: string, encoding: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const text = iconv.decode(buffer.subarray(0, bytesRead), encoding);
    return text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  } finally {
    await handle.close();
  }
}

/** A row as read: its number in the file (the header is row 1) and its cells. */
export interface FileRow {
  rowNumber: number;
  cells: CellValue[];
}

export interface ReadOptions {
  kind: FileKind | 'JSON';
  encoding?: string | null;
  /** told the bytes read so far (progress) */
  onBytes?: (bytesRead: number) => void;
}

/**
 * Every row of the file, the header first, as a stream: CSV through iconv (UTF-8 or GB18030) and csv-parse, xlsx
 * through exceljs's streaming WorkbookReader (first worksheet), JSON rows from the stored document. Empty rows are
 * skipped but counted, so row numbers are the ones the department sees in Excel.
 */
export async function* readRows(path: string, options: ReadOptions): AsyncGenerator<FileRow> {
  if (options.kind === 'JSON') {
    yield* readJsonRows(path);
    return;
  }
  let bytesRead = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytesRead += chunk.length;
      options.onBytes?.(bytesRead);
      callback(null, chunk);
    },
  });
  const source = createReadStream(path, { highWaterMark: 256 * 1024 });
  if (options.kind === 'CSV') {
    const encoding = options.encoding ?? 'utf-8';
    const delimiter = delimiterOf(await firstLineOf(path, encoding));
    const parser = parseCsv({
      bom: true,
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    });
    const decoded = source.pipe(counter).pipe(iconv.decodeStream(encoding));
    decoded.on('error', (error) => parser.destroy(error));
    source.on('error', (error) => parser.destroy(error));
    decoded.pipe(parser);
    let rowNumber = 0;
    for await (const record of parser as AsyncIterable<string[]>) {
      rowNumber++;
      if (record.every((cell) => cell.trim() === '')) continue;
      yield { rowNumber, cells: record };
    }
    return;
  }
  source.pipe(counter);
  source.on('error', (error) => counter.destroy(error));
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(counter, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  for await (const worksheet of reader) {
    for await (const row of worksheet) {
      const values = (row as unknown as { values: unknown[] }).values ?? [];
      const cells: CellValue[] = [];
      for (let i = 1; i < values.length; i++) cells.push(xlsxCell(values[i]));
      if (cells.every((cell) => cell === null || (typeof cell === 'string' && cell.trim() === ''))) continue;
      yield { rowNumber: (row as unknown as { number: number }).number, cells };
    }
    // the first worksheet only; the rest of the zip is not needed
    source.destroy();
    return;
  }
}

/** exceljs cell values (rich text, formulas, hyperlinks, errors) as plain values. */
function xlsxCell(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: string };
    if (Array.isArray(v.richText)) return v.richText.map((part) => part.text).join('');
    if ('result' in v) return xlsxCell(v.result);
    if (v.text !== undefined) return xlsxCell(v.text);
    if (v.error) return null;
  }
  return String(value);
}

/** The stored JSON rows: { columns: [...headers], rows: [[...cells]] }, row numbers from 2 as if the header were row 1. */
async function* readJsonRows(path: string): AsyncGenerator<FileRow> {
  const document = JSON.parse(await readFile(path, 'utf8')) as { columns: string[]; rows: CellValue[][] };
  yield { rowNumber: 1, cells: document.columns };
  let rowNumber = 1;
  for (const cells of document.rows) {
    rowNumber++;
    yield { rowNumber, cells };
  }
}

/** The header and whether at least one data row follows (the checks done before a batch is accepted). */
export async function readHeader(path: string, options: ReadOptions): Promise<{ header: CellValue[] | null; hasData: boolean }> {
  let header: CellValue[] | null = null;
  const rows = readRows(path, options);
  try {
    for await (const row of rows) {
      if (!header) {
        header = row.cells;
        continue;
      }
      return { header, hasData: true };
    }
    return { header, hasData: false };
  } finally {
    await rows.return(undefined);
  }
}

export { ExcelJS };

/** Where a batch's bytes are kept, under the exchange folder of the files store: `<sha256 prefix>/<sha256>.<format>`. */
export function storedFilePath(root: string, batch: { sha256: string; format: string }): string {
  return join(root, batch.sha256.slice(0, 2), `${batch.sha256}.${batch.format.toLowerCase()}`);
}
