import { readFileSync } from 'node:fs';
import { buildOpenApiDocument } from '../../app.factory.js';
import { openApiFile, serializeOpenApi } from '../openapi-file.js';
import { createTestApp, TestApp } from '../../../test/helpers/test-app.js';

describe('committed OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ reset: false });
  });
  afterAll(async () => t.close());

  it('matches what the code generates (run `npm run openapi -w server` after changing the API)', () => {
    const committed = readFileSync(openApiFile(), 'utf8');
    expect(serializeOpenApi(buildOpenApiDocument(t.app))).toBe(committed);
  });
});
