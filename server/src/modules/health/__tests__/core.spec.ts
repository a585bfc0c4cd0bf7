import { createServer } from 'node:net';
import { createTestApp, TestApp } from '../../../../test/helpers/test-app.js';

describe('server core', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('reports database and queue health', async () => {
    const res = await t.request('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.details.database.status).toBe('up');
    expect(res.body.details.queue.status).toBe('up');
  });

  it('serves the OpenAPI document at /api/docs-json and the UI at /api/docs', async () => {
    const json = await t.request('GET', '/api/docs-json');
    expect(json.status).toBe(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(json.body.info.title).toContain('Jiuzhu');
    const ui = await t.request('GET', '/api/docs');
    expect(ui.status).toBe(200);
    expect(String(ui.body)).toContain('swagger');
  });

  it('answers an unknown route with the one error body, in Chinese', async () => {
    const res = await t.request('GET', '/api/v1/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ code: 'NOT_FOUND', message: expect.stringMatching(/[\u4e00-\u9fff]/), details: [] });
  });

  it('echoes a well-formed x-request-id and makes one otherwise', async () => {
    const given = await t.request('GET', '/api/health', { headers: { 'x-request-id': 'req-12345678' } });
    expect(given.headers['x-request-id']).toBe('req-12345678');
    const made = await t.request('GET', '/api/health', { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('takes an empty application/json body as no body (body-less POSTs from the apps)', async () => {
    const res = await t.request('POST', '/api/v1/auth/logout', { body: '', headers: { 'content-type': 'application/json' } });
    // no body reaches validation: the answer is about the missing field, not about JSON
    expect(res.body.code).not.toBe('INVALID_JSON');
    expect(res.status).toBeLessThan(500);
  });

  it('refuses a body that is not JSON with a 400, not a 500', async () => {
    const res = await t.request('POST', '/api/v1/auth/login', {
      body: '{"username": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('INVALID_JSON');
  });

  it('reports the queue down (503) when REDIS_URL points at a Redis that does not answer', async () => {
    // a port that was free a moment ago: nothing listens there
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const saved = process.env.REDIS_URL;
    process.env.REDIS_URL = `redis://127.0.0.1:${port}`;
    const withRedis = await createTestApp({ reset: false });
    try {
      const res = await withRedis.request('GET', '/api/health');
      expect(res.status).toBe(503);
      expect(res.body.code).toBe('UNHEALTHY');
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'queue', status: 'down', mode: 'redis' })]);
      expect(res.body.checks.database.status).toBe('up');
    } finally {
      await withRedis.close();
      if (saved === undefined) delete process.env.REDIS_URL;
      else process.env.REDIS_URL = saved;
    }
  });
});
