import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import iconv from 'iconv-lite';
import { Department } from '@jiuzhu/shared';
import { createTestApp, TestApp } from '../../../../test/helpers/test-app.js';
import { JobsService } from '../../jobs/jobs.service.js';
import { ExchangeIntakeService } from '../exchange-intake.service.js';
import { ExchangePipelineService } from '../exchange-pipeline.service.js';
import { createRegistry, csv, MEDICAL_HEADER, MONTH, Registry, Senders, sendCsv, settled, upload, xlsx } from './exchange-fixtures.js';

const require = createRequire(import.meta.url);
const ExcelJS = require('exceljs') as typeof import('exceljs');

describe('exchange intake: files and JSON rows in, validated, staged, matched, reported back', () => {
  let t: TestApp;
  let registry: Registry;
  let senders: Senders;
  const workDir = mkdtempSync(join(tmpdir(), 'jiuzhu-exchange-test-'));

  beforeAll(async () => {
    t = await createTestApp();
    ({ registry, senders } = await createRegistry(t));
  });
  afterAll(async () => t.close());

  const medicalRow = (p: { idNumber: string; name: string }, selfPaid: number | string, visit = '住院') => [p.idNumber, p.name, visit, '2025-06-01', '2025-06-10', 30000, selfPaid];
  const counts = async (sql: string, params: unknown[] = []) => Number((await t.dataSource.query(sql, params))[0].n);

  it('takes a CSV with good, bad and unmatched rows: counts, the error report (json, csv, xlsx) and the unmatched list', async () => {
    const good = registry.ordinary.idNumber;
    const wrongCheck = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    const text = csv(MEDICAL_HEADER, [
      medicalRow(registry.ordinary, 1200),
      medicalRow(registry.monitored, '800.50'),
      [wrongCheck, '坏号码', '住院', '2025-06-01', '', 100, 10], // wrong check digit
      [registry.poor.idNumber, '陈国强', '急诊', '2025/13/01', '', 'abc', 5], // enum, date and number wrong
      medicalRow(registry.stranger, 300),
      ['', '', '', '', '', '', ''], // an empty line is skipped, not an error
    ]);
    const res = await upload(t, { token: senders.medical.token }, { dataset: 'MEDICAL_SELF_PAID', month: MONTH }, text);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ status: 'QUEUED', dataset: 'MEDICAL_SELF_PAID', datasetName: '医疗费用个人自付', department: 'MEDICAL_INSURANCE', month: MONTH, format: 'CSV', encoding: 'utf-8' });
    const done = await settled(t, { token: senders.medical.token }, res.body.id);
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('DONE');
    expect(done.body.counts).toEqual({ received: 5, valid: 3, invalid: 2, matched: 2, unmatched: 1, warnings: 0 });
    expect(done.body.progress.rowsProcessed).toBe(5);
    expect(done.body.progress.bytesProcessed).toBe(done.body.progress.totalBytes);
    expect(done.body.finishedAt).toBeTruthy();

    // staged rows hold the ID number only encrypted and hashed
    const staged: { id_encrypted: string; id_masked: string; fields: any }[] = await t.dataSource.query(`SELECT id_encrypted, id_masked, fields FROM exchange_records WHERE batch_id = $1`, [res.body.id]);
    expect(staged).toHaveLength(3);
    expect(staged.every((r) => r.id_encrypted.startsWith('v1:') && !JSON.stringify(r).includes(registry.ordinary.idNumber))).toBe(true);
    expect(staged.map((r) => r.fields.selfPaid).sort()).toEqual([1200, 300, 800.5].sort());

    const errors = await t.request('GET', `/api/v1/exchange/batches/${res.body.id}/errors`, { token: senders.medical.token });
    expect(errors.status).toBe(200);
    expect(errors.body.total).toBe(4);
    expect(errors.body.items.map((e: any) => [e.rowNumber, e.column])).toEqual([
      [4, '身份证号'],
      [5, '就诊类型'],
      [5, '入院日期'],
      [5, '医疗总费用'],
    ]);
    expect(errors.body.items[0].reason).toContain('校验');
    expect(errors.body.items[1].reason).toBe('就诊类型：应为 住院、门诊 之一');
    expect(errors.body.items[0].row['身份证号']).toBe(`${wrongCheck.slice(0, 4)}**********${wrongCheck.slice(-4)}`);

    const csvReport = await t.request('GET', `/api/v1/exchange/batches/${res.body.id}/errors`, { token: senders.medical.token, query: { format: 'csv' } });
    expect(csvReport.status).toBe(200);
    expect(String(csvReport.headers['content-type'])).toContain('text/csv');
    const lines = String(csvReport.body).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe(['行号', '出错的列', '错误原因', ...MEDICAL_HEADER].join(','));
    expect(lines).toHaveLength(5);
    expect(lines[1].startsWith('4,身份证号,')).toBe(true);

    const xlsxReport = await t.app.inject({
      method: 'GET',
      url: `/api/v1/exchange/batches/${res.body.id}/errors?format=xlsx`,
      headers: { authorization: `Bearer ${senders.medical.token}` },
    });
    expect(xlsxReport.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsxReport.rawPayload as never);
    const sheet = book.worksheets[0];
    expect(sheet.rowCount).toBe(5);
    expect(sheet.getRow(2).getCell(1).value).toBe(4);
    expect(sheet.getRow(3).getCell(3).value).toBe('就诊类型：应为 住院、门诊 之一');

    const unmatched = await t.request('GET', `/api/v1/exchange/batches/${res.body.id}/unmatched`, { token: senders.medical.token });
    expect(unmatched.status).toBe(200);
    expect(unmatched.body.total).toBe(1);
    expect(unmatched.body.items).toEqual([{ rowNumber: 6, idNumber: `${registry.stranger.idNumber.slice(0, 4)}**********${registry.stranger.idNumber.slice(-4)}`, name: '王*名' }]);
    const unmatchedCsv = await t.request('GET', `/api/v1/exchange/batches/${res.body.id}/unmatched`, { token: senders.medical.token, query: { format: 'csv' } });
    expect(String(unmatchedCsv.body)).toContain('6,5301**********');

    const list = await t.request('GET', '/api/v1/exchange/batches', { token: senders.medical.token, query: { dataset: 'MEDICAL_SELF_PAID', status: 'DONE' } });
    expect(list.status).toBe(200);
    expect(list.body.items.map((b: any) => b.id)).toContain(res.body.id);
    // another department does not see it
    expect((await t.request('GET', `/api/v1/exchange/batches/${res.body.id}`, { token: senders.education.token })).status).toBe(404);
    expect((await t.request('GET', '/api/v1/exchange/batches', { token: senders.education.token })).body.total).toBe(0);
  });

  it('reads a GBK-encoded CSV (detected) and keeps the Chinese right', async () => {
    const text = csv(MEDICAL_HEADER, [medicalRow(registry.ordinary2, 500, '门诊'), medicalRow({ idNumber: registry.stranger.idNumber, name: '欧阳娜娜' }, 100, '门诊')]);
    const bytes = iconv.encode(text, 'gbk');
    expect(bytes.equals(Buffer.from(text, 'utf8'))).toBe(false);
    const res = await upload(t, { token: senders.medical.token }, { dataset: 'MEDICAL_SELF_PAID', month: '2025-05' }, bytes, '医保.csv');
    expect(res.status).toBe(202);
    expect(res.body.encoding).toBe('gb18030');
    const done = await settled(t, { token: senders.medical.token }, res.body.id);
    expect(done.body.counts).toMatchObject({ received: 2, valid: 2, invalid: 0, matched: 1, unmatched: 1 });
    const rows: { name: string; fields: any }[] = await t.dataSource.query(`SELECT name, fields FROM exchange_records WHERE batch_id = $1 ORDER BY row_number`, [res.body.id]);
    expect(rows.map((r) => [r.name, r.fields.visitType])).toEqual([
      ['李春生', '门诊'],
      ['欧阳娜娜', '门诊'],
    ]);
  });

  it('reads an xlsx workbook (dates and numbers as Excel keeps them; an ID stored as a number is a bad row)', async () => {
    const content = await xlsx(MEDICAL_HEADER, [
      [registry.ordinary.idNumber, '张建国', '住院', new Date(Date.UTC(2025, 4, 3)), new Date(Date.UTC(2025, 4, 9)), 20000, 4500.5],
      [530129197003150000, '数字号', '住院', '2025-05-01', '', 100, 10],
      [registry.stranger.idNumber, '王无名', '门诊', 45800, '', 100, 10],
    ]);
    const res = await upload(t, { token: senders.medical.token }, { dataset: 'MEDICAL_SELF_PAID', month: '2025-04' }, content, '医保.xlsx');
    expect(res.status).toBe(202);
    expect(res.body.format).toBe('XLSX');
    const done = await settled(t, { token: senders.medical.token }, res.body.id);
    expect(done.body.counts).toMatchObject({ received: 3, valid: 2, invalid: 1, matched: 1, unmatched: 1 });
    const rows: { fields: any }[] = await t.dataSource.query(`SELECT fields FROM exchange_records WHERE batch_id = $1 ORDER BY row_number`, [res.body.id]);
    expect(rows[0].fields).toMatchObject({ admissionDate: '2025-05-03', dischargeDate: '2025-05-09', selfPaid: 4500.5 });
    expect(rows[1].fields.admissionDate).toBe('2025-05-23'); // Excel serial day 45800
    const errors = await t.request('GET', `/api/v1/exchange/batches/${res.body.id}/errors`, { token: senders.medical.token });
    expect(errors.body.items[0]).toMatchObject({ rowNumber: 3, column: '身份证号' });
    expect(errors.body.items[0].reason).toContain('数字');
  });

  it('takes JSON rows keyed by header or column key, with the sender batch id', async () => {
    const res = await t.request('POST', '/api/v1/exchange/batches', {
      token: senders.medical.token,
      body: {
        dataset: 'MEDICAL_SELF_PAID',
        month: '2025-03',
        batchId: 'YB-2025-03-001',
        rows: [
          { 身份证号: registry.ordinary.idNumber, 姓名: '张建国', 就诊类型: '住院', 入院日期: '2025-03-01', 医疗总费用: 1000, 自付费用: 100 },
          { idNumber: registry.stranger.idNumber, name: '王无名', visitType: '门诊', admissionDate: '2025-03-02', totalCost: 50, selfPaid: 5 },
          { idNumber: registry.poor.idNumber, name: '陈国强', visitType: '住院', admissionDate: '2025-03-02', totalCost: 50 },
        ],
      },
    });
    expect(res.body.details ?? []).toEqual([]);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ format: 'JSON', batchId: 'YB-2025-03-001' });
    const done = await settled(t, { token: senders.medical.token }, res.body.id);
    expect(done.body.counts).toMatchObject({ received: 3, valid: 2, invalid: 1, matched: 1, unmatched: 1 });
    const errors = await t.request('GET', `/api/v1/exchange/batches/${res.body.id}/errors`, { token: senders.medical.token });
    expect(errors.body.items).toEqual([expect.objectContaining({ rowNumber: 4, column: '自付费用', reason: '自付费用不能为空' })]);

    // the same sender batch id again: the same batch, nothing doubled
    const again = await t.request('POST', '/api/v1/exchange/batches', {
      token: senders.medical.token,
      body: { dataset: 'MEDICAL_SELF_PAID', month: '2025-03', batchId: 'YB-2025-03-001', rows: [{ 身份证号: registry.ordinary.idNumber, 姓名: '张建国', 就诊类型: '门诊', 入院日期: '2025-03-05', 医疗总费用: 1, 自付费用: 1 }] },
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: res.body.id, replayed: true, status: 'DONE' });
    expect(await counts(`SELECT count(*) AS n FROM exchange_records WHERE batch_id = $1`, [res.body.id])).toBe(2);

    const bad = await t.request('POST', '/api/v1/exchange/batches', { token: senders.medical.token, body: { dataset: 'MEDICAL_SELF_PAID', month: '2025-3', rows: [] } });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: any) => d.field).sort()).toEqual(['month', 'rows']);
  });

  it('answers a re-sent file with the same batch (200, replayed) and doubles nothing', async () => {
    const text = csv(MEDICAL_HEADER, [medicalRow(registry.ordinary, 10), medicalRow(registry.poor, 20)]);
    const first = await upload(t, { token: senders.medical.token }, { dataset: 'MEDICAL_SELF_PAID', month: '2025-02' }, text);
    expect(first.status).toBe(202);
    await settled(t, { token: senders.medical.token }, first.body.id);
    const before = await counts(`SELECT count(*) AS n FROM exchange_records`);
    const batchesBefore = await counts(`SELECT count(*) AS n FROM exchange_batches`);
    const second = await upload(t, { token: senders.medical.token }, { dataset: 'MEDICAL_SELF_PAID', month: '2025-02' }, text, 'renamed.csv');
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ id: first.body.id, replayed: true, status: 'DONE', counts: { received: 2, matched: 2 } });
    await t.app.get(JobsService).whenIdle();
    expect(await counts(`SELECT count(*) AS n FROM exchange_records`)).toBe(before);
    expect(await counts(`SELECT count(*) AS n FROM exchange_batches`)).toBe(batchesBefore);
    // an administrator may resend it too (any department): still the same batch
    const byAdmin = await upload(t, { token: senders.admin.token }, { dataset: 'MEDICAL_SELF_PAID', month: '2025-02' }, text);
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body.id).toBe(first.body.id);
  });

  it('refuses another department\'s dataset (403) and lists only the sender\'s datasets, with a template', async () => {
    const text = csv(['身份证号', '姓名', '学校', '学段', '辍学日期'], [[registry.poor.idNumber, '陈国强', '羊街中学', '初中', '2025-06-01']]);
    const res = await upload(t, { token: senders.medical.token }, { dataset: 'SCHOOL_DROPOUT', month: MONTH }, text);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('EXCHANGE_DATASET_NOT_ALLOWED');
    const village = await upload(t, { token: senders.village.token }, { dataset: 'SCHOOL_DROPOUT', month: MONTH }, text);
    expect(village.status).toBe(403);

    const datasets = await t.request('GET', '/api/v1/exchange/datasets', { token: senders.medical.token });
    expect(datasets.status).toBe(200);
    expect(datasets.body.items.map((d: any) => d.code)).toEqual(['MEDICAL_SELF_PAID']);
    expect(datasets.body.items[0].columns.map((c: any) => c.header)).toEqual(MEDICAL_HEADER);
    const all = await t.request('GET', '/api/v1/exchange/datasets', { token: senders.admin.token });
    expect(all.body.items).toHaveLength(10);

    const template = await t.app.inject({ method: 'GET', url: '/api/v1/exchange/datasets/MEDICAL_SELF_PAID/template.xlsx', headers: { authorization: `Bearer ${senders.medical.token}` } });
    expect(template.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(template.rawPayload as never);
    expect((book.worksheets[0].getRow(1).values as unknown[]).slice(1)).toEqual(MEDICAL_HEADER);
    expect(book.worksheets[1].name).toBe('填写说明');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/exchange/datasets/SCHOOL_DROPOUT/template.xlsx', headers: { authorization: `Bearer ${senders.medical.token}` } })).statusCode).toBe(403);
  });

  it('takes a department system\'s API key: scoped to datasets and a region; rows of households outside it are bad rows; revoked keys are refused', async () => {
    const created = await t.request('POST', '/api/v1/exchange/api-keys', {
      token: senders.admin.token,
      body: { name: '羊街镇医保结算系统', department: Department.MEDICAL_INSURANCE, regionCode: '530129103' },
    });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^jzk_/);
    expect(created.body).toMatchObject({ datasets: ['MEDICAL_SELF_PAID'], regionCode: '530129103', revokedAt: null });
    const key = created.body.key as string;
    const stored: { key_hash: string }[] = await t.dataSource.query(`SELECT key_hash FROM exchange_api_keys WHERE id = $1`, [created.body.id]);
    expect(stored[0].key_hash).not.toContain(key.slice(4));

    const text = csv(MEDICAL_HEADER, [medicalRow(registry.ordinary, 100), medicalRow(registry.villageB, 200), medicalRow(registry.stranger, 300)]);
    const res = await upload(t, { apiKey: key }, { dataset: 'MEDICAL_SELF_PAID', month: '2025-01' }, text);
    expect(res.status).toBe(202);
    const done = await settled(t, { apiKey: key }, res.body.id);
    expect(done.body.counts).toMatchObject({ received: 3, valid: 2, invalid: 1, matched: 1, unmatched: 1 });
    const errors = await t.request('GET', `/api/v1/exchange/batches/${res.body.id}/errors`, { headers: { 'x-api-key': key } });
    expect(errors.body.items).toEqual([expect.objectContaining({ rowNumber: 3, column: null, reason: expect.stringContaining('地区范围') })]);
    expect(errors.body.items[0].row['自付费用']).toBe('200');

    const other = await upload(t, { apiKey: key }, { dataset: 'SCHOOL_COST', month: '2025-01' }, csv(['身份证号', '姓名', '学年', '资助后自付费用'], [[registry.poor.idNumber, '陈国强', '2025-2026', 100]]));
    expect(other.status).toBe(403);
    // a key is not a login: other routes refuse it
    expect((await t.request('GET', '/api/v1/households', { headers: { 'x-api-key': key } })).status).toBe(401);

    const list = await t.request('GET', '/api/v1/exchange/api-keys', { token: senders.admin.token });
    expect(list.body.items[0]).not.toHaveProperty('key');
    const revoked = await t.request('POST', `/api/v1/exchange/api-keys/${created.body.id}/revoke`, { token: senders.admin.token });
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).toBeTruthy();
    const refused = await t.request('GET', '/api/v1/exchange/batches', { headers: { 'x-api-key': key } });
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('AUTH_API_KEY_INVALID');
    const audit: { action: string }[] = await t.dataSource.query(`SELECT action FROM audit_logs WHERE entity_type = 'exchange-api-key' ORDER BY id`);
    expect(audit.map((a) => a.action)).toEqual(['exchange-api-key.create', 'exchange-api-key.revoke']);
  });

  it('survives a stop mid-batch: the next attempt (a restart) clears what was staged, and the counts end right with nothing doubled', async () => {
    const pipeline = t.app.get(ExchangePipelineService);
    const people = [registry.ordinary, registry.poor, registry.monitored, registry.stranger, registry.ordinary2];
    const rows = Array.from({ length: 9 }, (_, i) => medicalRow(people[i % people.length], 100 + i));
    rows.splice(4, 0, ['123', '坏行', '住院', '2025-06-01', '', 1, 1]);
    const path = join(workDir, 'restart.csv');
    writeFileSync(path, csv(MEDICAL_HEADER, rows));
    pipeline.chunkRows = 3;
    let stagedAtCrash = -1;
    pipeline.hooks.afterChunk = async (batchId, rowsStaged) => {
      if (rowsStaged < 6) return;
      stagedAtCrash = await counts(`SELECT count(*) AS n FROM exchange_records WHERE batch_id = $1`, [batchId]);
      throw new Error('simulated crash');
    };
    try {
      await expect(t.app.get(ExchangeIntakeService).ingestFile(path, { dataset: 'MEDICAL_SELF_PAID', month: '2024-12' })).rejects.toThrow('simulated crash');
    } finally {
      pipeline.hooks = {};
      pipeline.chunkRows = 20_000;
    }
    expect(stagedAtCrash).toBe(5);
    const [left] = await t.dataSource.query(`SELECT id, status FROM exchange_batches WHERE month = '2024-12'`);
    expect(left.status).toBe('PARSING');

    // the server starts again: unfinished batches are queued and finish
    expect(await pipeline.resumeUnfinished()).toEqual([left.id]);
    const done = await settled(t, { token: senders.admin.token }, left.id);
    expect(done.body.status).toBe('DONE');
    expect(done.body.counts).toEqual({ received: 10, valid: 9, invalid: 1, matched: 7, unmatched: 2, warnings: 0 });
    expect(await counts(`SELECT count(*) AS n FROM exchange_records WHERE batch_id = $1`, [left.id])).toBe(9);
    expect(await counts(`SELECT count(DISTINCT row_number) AS n FROM exchange_records WHERE batch_id = $1`, [left.id])).toBe(9);
    expect(await counts(`SELECT count(*) AS n FROM exchange_row_errors WHERE batch_id = $1`, [left.id])).toBe(1);
  });

  it('runs a batch end to end from a file path without HTTP (ingestFile, for the benchmark)', async () => {
    const path = join(workDir, 'ingest.csv');
    writeFileSync(path, csv(MEDICAL_HEADER, [medicalRow(registry.ordinary, 1), medicalRow(registry.stranger, 2)]));
    const batch = await t.app.get(ExchangeIntakeService).ingestFile(path, { dataset: 'MEDICAL_SELF_PAID', month: '2024-11' });
    expect(batch).toMatchObject({ status: 'DONE', counts: { received: 2, valid: 2, matched: 1, unmatched: 1 } });
  });
});
