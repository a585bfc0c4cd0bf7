// A bound citizen's request form starts with the phone on their household record (GET /me/contact).
import { Role } from '@jiuzhu/shared';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.js';
import { createAccount, createCitizen } from '../../../../test/factories/accounts.js';
import { createGrids, createHousehold, householdBody, residentId } from '../../../../test/factories/households.js';

const VILLAGE = '530129103201';

describe('citizen contact phone (GET /me/contact)', () => {
  let t: TestApp;
  let grid: string;
  let cadreToken: string;

  beforeAll(async () => {
    t = await createTestApp();
    [grid] = await createGrids(t, [VILLAGE]);
    const cadre = await createAccount(t, { role: Role.VILLAGE_CADRE, regionCode: VILLAGE });
    cadreToken = cadre.token;
  });

  afterAll(async () => {
    await t.close();
  });

  async function boundCitizen(body: any) {
    const citizen = await createCitizen(t);
    const bound = await t.request('POST', '/api/v1/me/binding', {
      token: citizen.token,
      body: { name: body.members[0].name, idNumber: body.members[0].idNumber },
      headers: { 'x-forwarded-for': `10.77.0.${Math.floor(Math.random() * 250) + 1}` },
    });
    expect(bound.status).toBe(200);
    return citizen;
  }

  it('gives the bound citizen the whole household phone and audits the view', async () => {
    const idNumber = residentId({ birth: '19690101' });
    const body = householdBody(grid, { headName: '钱守田', phone: '13912345678' });
    body.members[0].idNumber = idNumber;
    const household = await createHousehold(t, cadreToken, body);
    const citizen = await boundCitizen(body);

    const response = await t.request('GET', '/api/v1/me/contact', { token: citizen.token });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ phone: '13912345678', phoneMasked: '139****5678' });

    const audit = await t.dataSource.query(
      `SELECT actor_account_id, entity_type, entity_id, region_code, after FROM audit_logs WHERE action = 'household.phone-view'`,
    );
    expect(audit).toEqual([
      {
        actor_account_id: citizen.accountId,
        entity_type: 'household',
        entity_id: household.id,
        region_code: household.regionCode,
        after: { purpose: 'claim-contact-prefill', hasPhone: true },
      },
    ]);
    expect(JSON.stringify(audit)).not.toContain('13912345678');
  });

  it('answers null when the household has no phone on record', async () => {
    const idNumber = residentId({ birth: '19750505' });
    const body = householdBody(grid, { headName: '孙得旺' });
    body.members[0].idNumber = idNumber;
    await createHousehold(t, cadreToken, body);
    const citizen = await boundCitizen(body);
    const response = await t.request('GET', '/api/v1/me/contact', { token: citizen.token });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ phone: null, phoneMasked: null });
  });

  it('tells an unbound citizen to bind first (409), and refuses cadres (403)', async () => {
    const citizen = await createCitizen(t);
    const unbound = await t.request('GET', '/api/v1/me/contact', { token: citizen.token });
    expect(unbound.status).toBe(409);
    expect(unbound.body.code).toBe('BINDING_REQUIRED');
    expect(unbound.body.message).toContain('绑定');
    const cadre = await t.request('GET', '/api/v1/me/contact', { token: cadreToken });
    expect(cadre.status).toBe(403);
  });
});
