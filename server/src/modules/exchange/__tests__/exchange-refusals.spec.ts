import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createTestApp, TestApp } from '../../../../test/helpers/test-app.js';
import { ExchangeIntakeService } from '../exchange-intake.service.js';
import { createRegistry, csv, fields, MEDICAL_HEADER, MONTH, Registry, Senders, upload } from './exchange-fixtures.js';

// a small limit for this file only (each spec file runs in its own process)
process.env.EXCHANGE_MAX_BYTES = '4096';

describe('exchange intake: deliveries refused whole, nothing stored', () => {
  let t: TestApp;
  let registry: Registry;
  let senders: Senders;
  /** files other spec files of this run stored before this one (the storage directory is shared by the run) */
  let before: string[];

  beforeAll(async () => {
    t = await createTestApp();
    ({ registry, senders } = await createRegistry(t));
    before = storedFiles();
  });
  afterAll(async () => t.close());

  function storedFiles(): string[] {
    try {
      const dir = t.app.get(ExchangeIntakeService).directory;
      return readdirSync(dir, { recursive: true }).map(String).filter((f) => !f.startsWith('tmp') && /\.(csv|xlsx|json)$/.test(f)).sort();
    } catch {
      return [];
    }
  }

  const send = (content: Buffer | string, extra: Record<string, string> = {}, name = 'data.csv') =>
    upload(t, { token: senders.medical.token }, { dataset: 'MEDICAL_SELF_PAID', month: MONTH, ...extra }, content, name);
  const row = () => [registry.ordinary.idNumber, '张建国', '住院', '2025-06-01', '', 100, 10];

  const cases: [string, () => Buffer | string, string, string[]][] = [
    ['missing columns', () => csv(['身份证号', '姓名', '就诊类型', '入院日期'], [[registry.ordinary.idNumber, '张建国', '住院', '2025-06-01']]), 'EXCHANGE_BAD_COLUMNS', ['缺少列', '医疗总费用', '自付费用']],
    ['unknown columns', () => csv([...MEDICAL_HEADER, '备注'], [[registry.ordinary.idNumber, '张建国', '住院', '2025-06-01', '', 100, 10, 'x']]), 'EXCHANGE_BAD_COLUMNS', ['无法识别的列', '备注']],
    ['a column twice', () => csv([...MEDICAL_HEADER, '姓名'], [[registry.ordinary.idNumber, '张建国', '住院', '2025-06-01', '', 100, 10, '张']]), 'EXCHANGE_BAD_COLUMNS', ['重复的列', '姓名']],
    ['an empty file', () => '', 'EXCHANGE_EMPTY_FILE', ['文件是空的']],
    ['a header without rows', () => csv(MEDICAL_HEADER, []), 'EXCHANGE_EMPTY_FILE', ['没有数据行']],
    ['a picture', () => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'EXCHANGE_NOT_A_TABLE', ['不是 CSV']],
    ['an old .xls', () => Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'EXCHANGE_NOT_A_TABLE', ['.xls']],
    ['a broken xlsx', () => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]), 'EXCHANGE_NOT_A_TABLE', ['xlsx']],
  ];
  for (const [what, content, code, words] of cases) {
    it(`refuses ${what} with 400 and says why`, async () => {
      const res = await send(content());
      expect(res.status).toBe(400);
      expect(res.body.code).toBe(code);
      for (const word of words) expect(res.body.message).toContain(word);
      expect(fields(res.body).every((f) => f === 'file')).toBe(true);
    });
  }

  it('refuses a file over EXCHANGE_MAX_BYTES with 413 and the same error body', async () => {
    const rows = Array.from({ length: 200 }, row);
    const res = await send(csv(MEDICAL_HEADER, rows));
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'EXCHANGE_FILE_TOO_LARGE', details: [{ field: 'file' }] });
    expect(res.body.message).toContain('MB');
  });

  it('refuses an unknown dataset, a bad month, no file', async () => {
    const unknown = await upload(t, { token: senders.medical.token }, { dataset: 'NO_SUCH_DATA', month: MONTH }, csv(MEDICAL_HEADER, [row()]));
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('EXCHANGE_DATASET_UNKNOWN');
    const month = await send(csv(MEDICAL_HEADER, [row()]), { month: '2025-13' });
    expect(month.status).toBe(400);
    expect(fields(month.body)).toEqual(['month']);
    const none = await t.request('POST', '/api/v1/exchange/batches', { token: senders.medical.token });
    expect(none.status).toBe(400);
    expect(none.body.code).toBe('EXCHANGE_NO_FILE');
  });

  it('stored nothing for any of them', async () => {
    expect(Number((await t.dataSource.query(`SELECT count(*) AS n FROM exchange_batches`))[0].n)).toBe(0);
    expect(storedFiles()).toEqual(before);
    expect(readdirSync(join(t.app.get(ExchangeIntakeService).directory, 'tmp'))).toEqual([]);
  });
});
