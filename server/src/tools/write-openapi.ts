// Writes docs/openapi.json from the app's decorators (`npm run openapi -w server`).
// A test fails when the committed document is stale (STYLE.md).
import { writeFileSync } from 'node:fs';
import { buildOpenApiDocument, createApp } from '../app.factory.js';
import { openApiFile, serializeOpenApi } from './openapi-file.js';

process.env.DATA_DIR ??= 'memory://';
process.env.SEED_DEMO ??= 'false';
process.env.LOG_LEVEL ??= 'warn';

const app = await createApp({ logger: false });
await app.init();
writeFileSync(openApiFile(), serializeOpenApi(buildOpenApiDocument(app)));
await app.close();
console.log(`wrote ${openApiFile()}`);
