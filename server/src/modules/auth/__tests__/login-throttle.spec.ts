// Password logins per client address and minute (AUTH_LOGIN_RATE_LIMIT_PER_MINUTE), set before the app loads.
import type { TestApp } from '../../../../test/helpers/test-app.js';

describe('password login throttle per client address', () => {
  let t: TestApp;

  beforeAll(async () => {
    process.env.AUTH_LOGIN_RATE_LIMIT_PER_MINUTE = '3';
    const { createTestApp } = await import('../../../../test/helpers/test-app.js');
    t = await createTestApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers 429 after the limit, for any username, while another address still gets through', async () => {
    const login = (username: string, ip: string) =>
      t.request('POST', '/api/v1/auth/login', { body: { username, password: 'Guess1234' }, headers: { 'x-forwarded-for': ip } });
    for (const username of ['a-user', 'b-user', 'c-user']) expect((await login(username, '10.1.1.1')).status).toBe(401);
    const fourth = await login('d-user', '10.1.1.1');
    expect(fourth.status).toBe(429);
    expect(fourth.body.code).toBe('TOO_MANY_REQUESTS');
    expect((await login('d-user', '10.1.1.2')).status).toBe(401);
  });
});
