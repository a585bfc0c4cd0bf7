// What a citizen reads of their own request: the 承诺授权书 they accept, their own photos and when it closed.
import { randomBytes } from 'node:crypto';
import { CaseAction, CaseStatus } from '@jiuzhu/shared';
import { ACCEPTED_CLAIM_CONSENT_VERSIONS, CLAIM_CONSENT } from '@jiuzhu/shared/consent';
import { createGrids } from '../../../../test/factories/households.js';
import { createTestApp, TestApp } from '../../../../test/helpers/test-app.js';
import { multipart } from '../../../../test/helpers/multipart.js';
import { actOk, Cadres, claimBody, createBoundHousehold, createCadres, fields, submitClaim, VILLAGE_A } from './case-fixtures.js';

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]), randomBytes(1500)]);

describe('claims: what the citizen reads of their own request', () => {
  let t: TestApp;
  let grid: string;
  let cadres: Cadres;

  beforeAll(async () => {
    t = await createTestApp();
    [grid] = await createGrids(t, [VILLAGE_A]);
    cadres = await createCadres(t, grid);
  });
  afterAll(async () => {
    await t.close();
  });

  it('serves the 承诺授权书 the apps show, and refuses a request that accepted a version the server does not know', async () => {
    const family = await createBoundHousehold(t, cadres.village.token, grid, { headName: '杨福贵', phone: '13911112222' });
    const consent = await t.request('GET', '/api/v1/claims/consent', { token: family.citizen.token });
    expect(consent.status).toBe(200);
    expect(consent.body).toEqual({ version: CLAIM_CONSENT.version, title: CLAIM_CONSENT.title, paragraphs: [...CLAIM_CONSENT.paragraphs] });
    expect(ACCEPTED_CLAIM_CONSENT_VERSIONS).toContain(consent.body.version);

    const stale = await t.request('POST', '/api/v1/claims', {
      token: family.citizen.token,
      body: claimBody({ contactPhone: '13911112222', consentVersion: '2019-01' }),
    });
    expect(stale.status).toBe(400);
    expect(fields(stale.body)).toEqual(['consentVersion']);
    expect(stale.body.details[0].message).toBe('《承诺授权书》已更新，请重新阅读并同意后再提交');
    expect(await t.dataSource.query(`SELECT id FROM cases WHERE household_id = $1`, [family.household.id])).toEqual([]);

    const accepted = await submitClaim(t, family.citizen.token, claimBody({ contactPhone: '13911112222', consentVersion: consent.body.version }));
    const [row] = await t.dataSource.query(`SELECT consent_version FROM cases WHERE id = $1`, [accepted.id]);
    expect(row.consent_version).toBe(CLAIM_CONSENT.version);
  });

  it('shows the claimant the photos they sent (not the cadres\' survey photos) and the close date once closed', async () => {
    const family = await createBoundHousehold(t, cadres.village.token, grid, { headName: '马正华', phone: '13922223333' });
    const { body, headers } = multipart([{ name: '病历.jpg', content: JPEG, type: 'image/jpeg' }]);
    const uploaded = await t.request('POST', '/api/v1/files', { token: family.citizen.token, body, headers });
    expect(uploaded.status).toBe(201);
    const claim = await submitClaim(t, family.citizen.token, claimBody({ contactPhone: '13922223333', fileIds: [uploaded.body[0].id] }));
    expect(claim.closedAt).toBeNull();

    const open = await t.request('GET', `/api/v1/my/claims/${claim.id}`, { token: family.citizen.token });
    expect(open.status).toBe(200);
    expect(open.body.attachments).toEqual([{ id: uploaded.body[0].id, mime: 'image/jpeg', size: JPEG.length, name: '病历.jpg' }]);
    expect(open.body.closedAt).toBeNull();
    const photo = await t.request('GET', `/api/v1/files/${uploaded.body[0].id}`, { token: family.citizen.token });
    expect(photo.status).toBe(200);
    // another villager gets a 404 worded for a villager (no 辖区)
    const neighbour = await createBoundHousehold(t, cadres.village.token, grid, { headName: '何春林', phone: '13933334444' });
    const foreign = await t.request('GET', `/api/v1/my/claims/${claim.id}`, { token: neighbour.citizen.token });
    expect(foreign.status).toBe(404);
    expect(foreign.body.message).toContain('不存在，或您无权查看');
    expect(foreign.body.message).not.toContain('辖区');

    await actOk(t, family.citizen.token, claim.id, { action: CaseAction.WITHDRAW, version: claim.version, reason: '已经解决' });
    const closed = await t.request('GET', `/api/v1/my/claims/${claim.id}`, { token: family.citizen.token });
    expect(closed.body.status).toBe(CaseStatus.WITHDRAWN);
    expect(Date.parse(closed.body.closedAt)).not.toBeNaN();
    const list = await t.request('GET', '/api/v1/my/claims', { token: family.citizen.token });
    expect(list.body.items.find((c: { id: string }) => c.id === claim.id).closedAt).toBe(closed.body.closedAt);
  });
});
