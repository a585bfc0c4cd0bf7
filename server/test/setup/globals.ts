// Tests are written in the familiar describe/it/expect style and run by node's own test runner
// (jest cannot load CommonJS packages that require Nest 12's ESM on node 20; node can).
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { expect } from 'expect';

Object.assign(globalThis, {
  describe,
  it,
  test: it,
  beforeAll: before,
  afterAll: after,
  beforeEach,
  afterEach,
  expect,
});
