// Accounts for integration tests: made through AccountsService from the app's container, logged in through the API.
import { randomUUID } from 'node:crypto';
import { Department, Role } from '@jiuzhu/shared';
import { AccountsService } from '../../src/modules/accounts/accounts.service.js';
import type { Account } from '../../src/modules/accounts/entities/account.entity.js';
import type { TestApp } from '../helpers/test-app.js';

export const DEFAULT_TEST_PASSWORD = 'Passw0rd-test';

export interface CreatedAccount {
  account: Account;
  /** access token (Authorization: Bearer) */
  token: string;
  refreshToken: string;
  username: string;
  password: string;
}

export interface CreateAccountOptions {
  role: Role;
  /** required for cadre roles, at the role's level: grid worker 12/15 digits, village cadre 12, township 9,
   *  county officer 6, department operator and admin 2/4/6; ignored for citizens */
  regionCode?: string | null;
  username?: string;
  password?: string;
  displayName?: string;
  phone?: string;
  wecomUserid?: string;
  /** department operators: their department (数据共享中心) */
  department?: Department;
}

const randomOctet = () => Math.floor(Math.random() * 254) + 1;

const uniqueName = (role: Role) => `${role.toLowerCase().replace(/_/g, '-')}-${randomUUID().slice(0, 8)}`;

/** Creates an account (any role) and logs it in with username + password. */
export async function createAccount(t: TestApp, options: CreateAccountOptions): Promise<CreatedAccount> {
  const username = options.username ?? uniqueName(options.role);
  const password = options.password ?? DEFAULT_TEST_PASSWORD;
  const account = await t.app.get(AccountsService).createAccount({
    username,
    password,
    role: options.role,
    regionCode: options.role === Role.CITIZEN ? null : (options.regionCode ?? null),
    displayName: options.displayName ?? username,
    phone: options.phone ?? null,
    wecomUserid: options.wecomUserid ?? null,
    department: options.department ?? null,
  });
  const { token, refreshToken } = await login(t, username, password);
  return { account, token, refreshToken, username: account.username ?? username, password };
}

/** POST /auth/login; throws with the answer when it is not 200. */
export async function login(t: TestApp, username: string, password: string): Promise<{ token: string; refreshToken: string; body: any }> {
  const response = await t.request('POST', '/api/v1/auth/login', { body: { username, password } });
  if (response.status !== 200) {
    throw new Error(`login of ${username} failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return { token: response.body.accessToken, refreshToken: response.body.refreshToken, body: response.body };
}

export interface CreatedCitizen {
  accountId: string;
  token: string;
  refreshToken: string;
  openid: string;
}

/**
 * A citizen through the development WeChat login (`dev:<id>`), optionally bound to a member through
 * POST /me/binding (name + ID number as stored in the registry).
 */
export async function createCitizen(
  t: TestApp,
  options: { id?: string; bindTo?: { name: string; idNumber: string } } = {},
): Promise<CreatedCitizen> {
  const id = options.id ?? randomUUID().slice(0, 12);
  const response = await t.request('POST', '/api/v1/auth/wechat', { body: { code: `dev:${id}` } });
  if (response.status !== 200) throw new Error(`wechat login failed: ${response.status} ${JSON.stringify(response.body)}`);
  const citizen = {
    accountId: response.body.account.id as string,
    token: response.body.accessToken as string,
    refreshToken: response.body.refreshToken as string,
    openid: `dev-${id}`,
  };
  if (options.bindTo) {
    // a fresh client address per citizen, so that many bindings in one test file stay under the per-address limit
    const ip = `10.${randomOctet()}.${randomOctet()}.${randomOctet()}`;
    const bound = await t.request('POST', '/api/v1/me/binding', {
      token: citizen.token,
      body: options.bindTo,
      headers: { 'x-forwarded-for': ip },
    });
    if (bound.status !== 200) throw new Error(`binding failed: ${bound.status} ${JSON.stringify(bound.body)}`);
  }
  return citizen;
}
