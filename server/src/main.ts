import { createApp } from './app.factory.js';
import { AppConfigService } from './config/app-config.service.js';

const app = await createApp();
const config = app.get(AppConfigService);
const port = config.get('PORT');
await app.listen({ port, host: config.get('HOST') });
const base = `http://localhost:${(app.getHttpServer().address() as { port: number }).port}`;
const lines = [
  'Jiuzhu ready',
  `  API          ${base}/api/v1`,
  `  API docs     ${base}/api/docs`,
  `  health       ${base}/api/health`,
  `  citizen H5   ${base}/m/`,
  `  government   ${base}/gov/`,
  `  database     ${config.embeddedDatabase ? `embedded PGlite in ${config.get('DATA_DIR')}` : 'PostgreSQL (DATABASE_URL)'}`,
];
process.stdout.write(lines.join('\n') + '\n');
