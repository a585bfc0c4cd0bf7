import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Role } from '@jiuzhu/shared/enums';
import {
  ApiError,
  NETWORK_UNAVAILABLE_MESSAGE,
  SESSION_KEYS,
  UNKNOWN_ERROR_MESSAGE,
  createApiClient,
  createSessionStore,
  pageUrl,
} from '@jiuzhu/shared/client';
import type { KeyValueStorage, Me, Transport, TransportRequest, TransportResponse } from '@jiuzhu/shared/client';

const BASE = '/api/v1';
const LOGIN_PAGE = '/pages/login/index';
const account: Me = {
  id: 'a1',
  role: Role.VILLAGE_CADRE,
  displayName: '张村干',
  regionCode: '530129103201',
  regionName: '羊街村委会',
  binding: null,
};

function memoryStorage(initial: Record<string, unknown> = {}): KeyValueStorage & { data: Map<string, unknown> } {
  const data = new Map(Object.entries(initial));
  return { data, get: (key) => data.get(key), set: (key, value) => void data.set(key, value), remove: (key) => void data.delete(key) };
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A server in miniature that rotates refresh tokens the way the real one does: using a refresh token a
 * second time revokes the whole session. Every answer arrives a little later, so calls made together are
 * in flight together; `/slow` answers later still.
 */
function fakeServer() {
  const state = { access: 'access-1', refresh: 'refresh-1', generation: 1, revoked: false };
  const calls: TransportRequest[] = [];
  const count = (path: string) => calls.filter((call) => call.url === `${BASE}${path}`).length;
  const answer = (statusCode: number, data: unknown): TransportResponse => ({ statusCode, data });
  const transport: Transport = async (request) => {
    calls.push(request);
    const path = request.url.slice(BASE.length);
    await wait(path === '/slow' ? 40 : 2);
    if (path === '/auth/refresh') {
      const { refreshToken } = request.data as { refreshToken: string };
      if (state.revoked || refreshToken !== state.refresh) {
        state.revoked = true;
        return answer(401, { code: 'REFRESH_TOKEN_REUSED', message: '登录已失效，请重新登录' });
      }
      state.generation += 1;
      state.access = `access-${state.generation}`;
      state.refresh = `refresh-${state.generation}`;
      return answer(200, { accessToken: state.access, refreshToken: state.refresh, expiresIn: 900, account });
    }
    if (state.revoked || request.header.Authorization !== `Bearer ${state.access}` || path === '/always-401') {
      return answer(401, { code: 'AUTH_REQUIRED', message: '请先登录' });
    }
    if (path === '/conflict') return answer(409, { code: 'CASE_VERSION_CONFLICT', message: '案件已被他人更新，请刷新后重试', details: [1] });
    if (path === '/no-code') return answer(400, { message: '参数有误' });
    if (path === '/proxy-error') return answer(502, '<html>Bad Gateway</html>');
    return answer(200, { path, token: request.header.Authorization });
  };
  return { state, calls, count, transport };
}

/** A client whose stored access token the server no longer accepts (expired), with a valid refresh token. */
function setup(storedTokens: Record<string, unknown> = { [SESSION_KEYS.accessToken]: 'expired', [SESSION_KEYS.refreshToken]: 'refresh-1' }) {
  const server = fakeServer();
  const storage = memoryStorage(storedTokens);
  const session = createSessionStore(storage, { loginPage: LOGIN_PAGE });
  const events = { expired: 0, shown: [] as string[] };
  const client = createApiClient({
    baseUrl: BASE,
    transport: server.transport,
    session,
    onSessionExpired: () => void (events.expired += 1),
    showError: (message) => void events.shown.push(message),
  });
  return { server, storage, session, events, client };
}

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ApiError, `expected an ApiError, got ${String(error)}`);
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('client: session store', () => {
  it('saves, reads and clears the tokens and the account', () => {
    const storage = memoryStorage();
    const session = createSessionStore(storage, { loginPage: LOGIN_PAGE });
    assert.equal(session.isLoggedIn(), false);
    assert.equal(session.getAccessToken(), '');
    assert.equal(session.getCachedAccount(), null);
    session.saveSession({ accessToken: 'a', refreshToken: 'r', account });
    assert.equal(session.isLoggedIn(), true);
    assert.equal(storage.data.get('jiuzhu.accessToken'), 'a', 'the browser tests read the tokens under these keys');
    assert.equal(storage.data.get('jiuzhu.refreshToken'), 'r');
    assert.deepEqual(session.getCachedAccount(), account);
    session.clearSession();
    assert.equal(session.isLoggedIn(), false);
    assert.equal(session.getRefreshToken(), '');
    assert.equal(session.getCachedAccount(), null);
  });

  it('treats what a storage gives for a missing key as absent', () => {
    const session = createSessionStore(memoryStorage({ [SESSION_KEYS.accessToken]: '', [SESSION_KEYS.account]: '' }), {
      loginPage: LOGIN_PAGE,
    });
    assert.equal(session.getAccessToken(), '');
    assert.equal(session.getCachedAccount(), null);
    assert.equal(session.takeReturnTo(), null);
  });

  it('remembers the page to return to once, and never the login page', () => {
    const session = createSessionStore(memoryStorage(), { loginPage: LOGIN_PAGE });
    session.rememberReturnTo(`${LOGIN_PAGE}?from=x`);
    assert.equal(session.takeReturnTo(), null);
    session.rememberReturnTo('/pages/me/index');
    assert.equal(session.takeReturnTo(), '/pages/me/index');
    assert.equal(session.takeReturnTo(), null, 'reading it forgets it');
  });

  it('page URLs keep their query but not the parameters the framework adds', () => {
    assert.equal(pageUrl('pages/me/index'), '/pages/me/index');
    assert.equal(pageUrl('/pages/x/index?old=1', { id: '7', title: '待办 案件', $taroTimestamp: 1, stamp: '2' }), '/pages/x/index?id=7&title=%E5%BE%85%E5%8A%9E%20%E6%A1%88%E4%BB%B6');
  });
});

describe('client: requests', () => {
  it('sends the bearer token to the base URL and resolves with the body', async () => {
    const { client, server } = setup({ [SESSION_KEYS.accessToken]: 'access-1' });
    const body = await client.request<{ path: string }>('/me');
    assert.deepEqual(body, { path: '/me', token: 'Bearer access-1' });
    assert.equal(server.calls[0].method, 'GET');
    assert.equal(server.calls[0].header['Content-Type'], 'application/json');
  });

  it('sends no token when auth is false', async () => {
    const { client, server } = setup({ [SESSION_KEYS.accessToken]: 'access-1' });
    await rejection(client.request('/me', { auth: false }));
    assert.equal(server.calls[0].header.Authorization, undefined);
    assert.equal(server.count('/auth/refresh'), 0, 'a call without a token never refreshes');
  });

  it('refreshes an expired token once and retries the call with the new one', async () => {
    const { client, server, session } = setup();
    const body = await client.request<{ token: string }>('/me');
    assert.equal(body.token, 'Bearer access-2');
    assert.equal(server.count('/auth/refresh'), 1);
    assert.equal(server.count('/me'), 2, 'the call is sent once more, not again and again');
    assert.equal(session.getRefreshToken(), 'refresh-2');
    assert.deepEqual(session.getCachedAccount(), account, 'the refresh answer brings the account');
  });

  it('two calls that fail together share ONE refresh (a second use of the refresh token would revoke the session)', async () => {
    const { client, server, session, events } = setup();
    const [first, second] = await Promise.all([client.request<{ token: string }>('/me'), client.request<{ token: string }>('/households')]);
    assert.equal(server.count('/auth/refresh'), 1);
    assert.equal(first.token, 'Bearer access-2');
    assert.equal(second.token, 'Bearer access-2');
    assert.equal(server.state.revoked, false);
    assert.equal(session.getRefreshToken(), 'refresh-2');
    assert.equal(events.expired, 0);
  });

  it('a call whose 401 arrives after another call already refreshed retries without refreshing again', async () => {
    const { client, server } = setup();
    const [fast, slow] = await Promise.all([client.request<{ token: string }>('/me'), client.request<{ token: string }>('/slow')]);
    assert.equal(server.count('/auth/refresh'), 1);
    assert.equal(fast.token, 'Bearer access-2');
    assert.equal(slow.token, 'Bearer access-2');
  });

  it('retries only once: a second 401 clears the session and leads to login', async () => {
    const { client, server, session, events } = setup();
    const error = await rejection(client.request('/always-401'));
    assert.equal(error.status, 401);
    assert.equal(error.message, '请先登录');
    assert.equal(server.count('/always-401'), 2);
    assert.equal(server.count('/auth/refresh'), 1);
    assert.equal(session.isLoggedIn(), false);
    assert.equal(session.getRefreshToken(), '');
    assert.equal(events.expired, 1);
    assert.deepEqual(events.shown, [], 'no toast: the login page says it');
  });

  it('a failed refresh logs out: session cleared, login page, 401 error', async () => {
    const { client, server, session, events } = setup({ [SESSION_KEYS.accessToken]: 'expired', [SESSION_KEYS.refreshToken]: 'stolen-and-rotated', [SESSION_KEYS.account]: account });
    const error = await rejection(client.request('/me'));
    assert.equal(error.status, 401);
    assert.equal(server.count('/auth/refresh'), 1);
    assert.equal(server.count('/me'), 1, 'no retry without a new token');
    assert.equal(session.getAccessToken(), '');
    assert.equal(session.getCachedAccount(), null);
    assert.equal(events.expired, 1);
    assert.deepEqual(events.shown, []);
  });

  it('without a refresh token it goes to login without asking the server', async () => {
    const { client, server, events } = setup({ [SESSION_KEYS.accessToken]: 'expired' });
    const error = await rejection(client.request('/me'));
    assert.equal(error.status, 401);
    assert.equal(server.count('/auth/refresh'), 0);
    assert.equal(events.expired, 1);
  });
});

describe('client: errors', () => {
  const loggedIn = { [SESSION_KEYS.accessToken]: 'access-1', [SESSION_KEYS.refreshToken]: 'refresh-1' };

  it("the server's error body becomes the error, and its Chinese message the toast", async () => {
    const { client, events } = setup(loggedIn);
    const error = await rejection(client.request('/conflict', { method: 'POST', data: { version: 1 } }));
    assert.equal(error.status, 409);
    assert.equal(error.code, 'CASE_VERSION_CONFLICT');
    assert.equal(error.message, '案件已被他人更新，请刷新后重试');
    assert.deepEqual(error.details, [1]);
    assert.deepEqual(events.shown, ['案件已被他人更新，请刷新后重试']);
  });

  it('toast: false leaves the message to the page', async () => {
    const { client, events } = setup(loggedIn);
    await rejection(client.request('/conflict', { toast: false }));
    assert.deepEqual(events.shown, []);
  });

  it('a body without a code gets the status as its code', async () => {
    const { client } = setup(loggedIn);
    const error = await rejection(client.request('/no-code'));
    assert.equal(error.code, 'HTTP_400');
    assert.equal(error.message, '参数有误');
  });

  it('an answer that is not an error body gets a generic Chinese message', async () => {
    const { client, events } = setup(loggedIn);
    const error = await rejection(client.request('/proxy-error'));
    assert.equal(error.status, 502);
    assert.equal(error.code, 'HTTP_502');
    assert.equal(error.message, UNKNOWN_ERROR_MESSAGE);
    assert.deepEqual(events.shown, [UNKNOWN_ERROR_MESSAGE]);
  });

  it('no answer at all is the network message, status 0', async () => {
    const session = createSessionStore(memoryStorage(loggedIn), { loginPage: LOGIN_PAGE });
    const shown: string[] = [];
    const client = createApiClient({
      baseUrl: BASE,
      transport: () => Promise.reject(new Error('request:fail timeout')),
      session,
      onSessionExpired: () => void shown.push('logged out'),
      showError: (message) => void shown.push(message),
    });
    const error = await rejection(client.request('/me'));
    assert.equal(error.status, 0);
    assert.equal(error.code, 'NETWORK_UNAVAILABLE');
    assert.equal(error.message, NETWORK_UNAVAILABLE_MESSAGE);
    assert.equal(error.message, '网络不可用，请稍后重试');
    assert.deepEqual(shown, [NETWORK_UNAVAILABLE_MESSAGE]);
    assert.equal(session.isLoggedIn(), true);
  });

  it('an unexpected failure inside the client still rejects with an ApiError in Chinese', async () => {
    const client = createApiClient({
      baseUrl: BASE,
      transport: fakeServer().transport,
      session: {
        getAccessToken: () => {
          throw new Error('storage is broken');
        },
        getRefreshToken: () => '',
        saveSession: () => undefined,
        clearSession: () => undefined,
      },
      onSessionExpired: () => undefined,
      showError: () => undefined,
    });
    const error = await rejection(client.request('/me'));
    assert.equal(error.code, 'CLIENT_ERROR');
    assert.equal(error.message, UNKNOWN_ERROR_MESSAGE);
  });
});
