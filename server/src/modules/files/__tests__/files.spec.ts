import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Role } from '@jiuzhu/shared';
import type { AuthUser } from '../../../common/auth/auth-user.js';
import { createAccount, createCitizen, CreatedAccount, CreatedCitizen } from '../../../../test/factories/accounts.js';
import { createTestApp, TestApp } from '../../../../test/helpers/test-app.js';
import { FilesService } from '../files.service.js';
import { multipart, type Part } from '../../../../test/helpers/multipart.js';

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]), randomBytes(2000)]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(500)]);
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x24, 0, 0, 0]), Buffer.from('WEBPVP8 '), randomBytes(300)]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const TEXT = Buffer.from('这不是图片，只是改了扩展名的文本。\n');
const EXE = Buffer.concat([Buffer.from('MZ'), randomBytes(200)]);

describe('files: upload, attach, download', () => {
  let t: TestApp;
  let files: FilesService;
  let dir: string;
  let ownDir: string;
  let owner: CreatedCitizen;
  let stranger: CreatedCitizen;
  let village: CreatedAccount;
  let otherVillage: CreatedAccount;
  let county: CreatedAccount;
  const saved = { FILES_DIR: process.env.FILES_DIR, FILE_MAX_BYTES: process.env.FILE_MAX_BYTES, FILE_MAX_COUNT: process.env.FILE_MAX_COUNT };
  const ownerUser = (): AuthUser => ({ accountId: owner.accountId, role: Role.CITIZEN, regionCode: null });

  const upload = (token: string, parts: Part[], fields?: Record<string, string>) => {
    const { body, headers } = multipart(parts, fields);
    return t.request('POST', '/api/v1/files', { token, body, headers });
  };

  beforeAll(async () => {
    // FILES_DIR set for the whole run (scripts/run-tests.mjs) wins over one set here
    ownDir = mkdtempSync(join(tmpdir(), 'jiuzhu-files-'));
    process.env.FILES_DIR = ownDir;
    process.env.FILE_MAX_BYTES = String(64 * 1024);
    process.env.FILE_MAX_COUNT = '3';
    t = await createTestApp();
    files = t.app.get(FilesService);
    dir = files.directory;
    owner = await createCitizen(t);
    stranger = await createCitizen(t);
    village = await createAccount(t, { role: Role.VILLAGE_CADRE, regionCode: '530102001001' });
    otherVillage = await createAccount(t, { role: Role.VILLAGE_CADRE, regionCode: '530102001002' });
    county = await createAccount(t, { role: Role.COUNTY_OFFICER, regionCode: '530102' });
  });
  afterAll(async () => {
    await t.close();
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
    rmSync(ownDir, { recursive: true, force: true });
  });

  it('takes JPEG, PNG, WebP and PDF, typed by their content whatever their names say', async () => {
    const res = await upload(owner.token, [
      { name: '房屋照片.jpg', content: JPEG, type: 'image/jpeg' },
      { name: 'scan.bin', content: PNG },
      { name: 'photo.webp', content: WEBP, type: 'image/webp' },
    ]);
    expect(res.status).toBe(201);
    expect(res.body).toEqual([
      { id: expect.any(String), mime: 'image/jpeg', size: JPEG.length, name: '房屋照片.jpg' },
      { id: expect.any(String), mime: 'image/png', size: PNG.length, name: 'scan.bin' },
      { id: expect.any(String), mime: 'image/webp', size: WEBP.length, name: 'photo.webp' },
    ]);
    const pdf = await upload(owner.token, [{ name: '诊断证明.pdf', content: PDF, type: 'application/pdf' }]);
    expect(pdf.status).toBe(201);
    expect(pdf.body[0]).toMatchObject({ mime: 'application/pdf', name: '诊断证明.pdf' });
    // stored once per content, named by sha256, nothing left in tmp/
    expect(readdirSync(join(dir, 'tmp'))).toEqual([]);
    const again = await upload(owner.token, [{ name: 'same.jpg', content: JPEG }]);
    expect(again.status).toBe(201);
    const rows: { sha256: string }[] = await t.dataSource.query(`SELECT DISTINCT sha256 FROM stored_files`);
    expect(rows).toHaveLength(4);
    const audit = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_logs WHERE action = 'file.upload' AND actor_account_id = $1`, [owner.accountId]);
    expect(audit[0].n).toBe(3);
  });

  it('refuses a text file or an .exe renamed .jpg with a 400 naming it, and keeps nothing of that upload', async () => {
    const before = (await t.dataSource.query(`SELECT count(*)::int AS n FROM stored_files`))[0].n;
    const res = await upload(owner.token, [
      { name: 'ok.jpg', content: JPEG, type: 'image/jpeg' },
      { name: '假照片.jpg', content: TEXT, type: 'image/jpeg' },
      { name: 'setup.jpg', content: EXE, type: 'image/jpeg' },
    ]);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('FILE_TYPE_NOT_ALLOWED');
    expect(res.body.message).toMatch(/假照片\.jpg/);
    expect(res.body.details.map((d: { field: string; name: string }) => [d.field, d.name])).toEqual([
      ['files[1]', '假照片.jpg'],
      ['files[2]', 'setup.jpg'],
    ]);
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM stored_files`))[0].n).toBe(before);
    expect(readdirSync(join(dir, 'tmp'))).toEqual([]);
  });

  it('refuses a file over FILE_MAX_BYTES (413) and more than FILE_MAX_COUNT files (400), in Chinese', async () => {
    const big = await upload(owner.token, [{ name: 'big.jpg', content: Buffer.concat([JPEG, randomBytes(70 * 1024)]) }]);
    expect(big.status).toBe(413);
    expect(big.body.code).toBe('FILE_TOO_LARGE');
    expect(big.body.message).toMatch(/^文件过大：每个文件不能超过 64 KB/);
    const many = await upload(owner.token, [1, 2, 3, 4].map((i) => ({ name: `p${i}.png`, content: PNG })));
    expect(many.status).toBe(400);
    expect(many.body.code).toBe('FILE_TOO_MANY');
    expect(many.body.message).toMatch(/最多上传 3 个/);
    const none = await upload(owner.token, [], { note: 'no file' });
    expect(none.status).toBe(400);
    expect(none.body.code).toBe('FILE_REQUIRED');
    const json = await t.request('POST', '/api/v1/files', { token: owner.token, body: { files: [] } });
    expect(json.status).toBe(400);
    expect(readdirSync(join(dir, 'tmp'))).toEqual([]);
  });

  it('needs a login', async () => {
    const res = await upload('', [{ name: 'a.jpg', content: JPEG }]);
    expect(res.status).toBe(401);
  });

  it("attaches only the caller's own unattached uploads, naming each bad id", async () => {
    const mine = (await upload(owner.token, [{ name: 'a.jpg', content: JPEG }, { name: 'b.png', content: PNG }])).body;
    const theirs = (await upload(stranger.token, [{ name: 'c.jpg', content: JPEG }])).body;
    const target = { entityType: 'claim', entityId: randomUUID(), regionCode: '530102001001' };
    const attempt = (ids: string[]) => t.dataSource.transaction((m) => files.attach(m, ownerUser(), ids, target));

    await expect(attempt([mine[0].id, theirs[0].id, 'not-a-uuid', mine[0].id])).rejects.toMatchObject({
      status: 400,
      details: [
        { field: 'fileIds[1]', message: expect.stringMatching(/不是您上传/) },
        { field: 'fileIds[2]', message: expect.any(String) },
        { field: 'fileIds[3]', message: expect.stringMatching(/重复/) },
      ],
    });
    const attached = await attempt([mine[1].id, mine[0].id]);
    expect(attached.map((f) => [f.id, f.attachedEntityType, f.regionCode, f.countyCode])).toEqual([
      [mine[1].id, 'claim', '530102001001', '530102'],
      [mine[0].id, 'claim', '530102001001', '530102'],
    ]);
    await expect(attempt([mine[0].id])).rejects.toMatchObject({ status: 400, details: [{ field: 'fileIds[0]', message: expect.stringMatching(/已用于/) }] });
    const listed = await files.listAttached(null, 'claim', target.entityId);
    expect(listed.map((f) => f.id).sort()).toEqual([mine[0].id, mine[1].id].sort());
  });

  it('serves a file to its owner, to cadres whose region covers it (audited), and to nobody else (404)', async () => {
    const [file] = (await upload(owner.token, [{ name: '证明.pdf', content: PDF }])).body;
    const get = (token: string) => t.request('GET', `/api/v1/files/${file.id}`, { token });

    const own = await get(owner.token);
    expect(own.status).toBe(200);
    expect(own.headers['content-type']).toBe('application/pdf');
    expect(own.body).toBe(PDF.toString());
    expect(String(own.headers['content-disposition'])).toContain(encodeURIComponent('证明.pdf'));
    // before it is attached to a record no cadre sees it
    expect((await get(village.token)).status).toBe(404);
    await t.dataSource.transaction((m) => files.attach(m, ownerUser(), [file.id], { entityType: 'case', entityId: randomUUID(), regionCode: '530102001001' }));

    expect((await get(village.token)).status).toBe(200);
    expect((await get(county.token)).status).toBe(200);
    expect((await get(otherVillage.token)).status).toBe(404);
    expect((await get(stranger.token)).status).toBe(404);
    expect((await t.request('GET', `/api/v1/files/${randomUUID()}`, { token: owner.token })).status).toBe(404);
    expect((await t.request('GET', '/api/v1/files/nonsense', { token: owner.token })).status).toBe(404);
    const views: { actor_account_id: string }[] = await t.dataSource.query(
      `SELECT actor_account_id FROM audit_logs WHERE action = 'file.view' AND entity_id = $1 ORDER BY id`,
      [file.id],
    );
    expect(views.map((v) => v.actor_account_id)).toEqual([village.account.id, county.account.id]);
  });

  it('forgets uploads never attached after a day', async () => {
    const [file] = (await upload(stranger.token, [{ name: 'left.png', content: Buffer.concat([PNG, randomBytes(10)]) }])).body;
    await t.dataSource.query(`UPDATE stored_files SET created_at = now() - interval '2 days' WHERE id = $1`, [file.id]);
    expect(await files.purgeUnattached()).toBeGreaterThanOrEqual(1);
    expect((await t.request('GET', `/api/v1/files/${file.id}`, { token: stranger.token })).status).toBe(404);
  });
});
