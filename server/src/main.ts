import { createApp } from './app.factory.js';
import { AppConfigService } from './config/app-config.service.js';
import { DEMO_CITIZEN, DEMO_PASSWORD, DemoSeedService, formatDemoSeedSummary } from './database/seeds/demo-seed.service.js';

const app = await createApp();
await app.init(); // migrations, then the regions import (StartupService)
const config = app.get(AppConfigService);

let demo = '';
if (config.seedDemo) {
  const summary = await app.get(DemoSeedService).seedIfEmpty();
  demo = summary
    ? formatDemoSeedSummary(summary)
    : [
        `Demo accounts (password ${DEMO_PASSWORD}): admin, county, township, village, grid, dept`,
        `  Citizen binding (小程序 我的 → 绑定家庭): name ${DEMO_CITIZEN.name}, ID number ${DEMO_CITIZEN.idNumber}`,
      ].join('\n');
}

await app.listen({ port: config.get('PORT'), host: config.get('HOST') });
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
if (demo) lines.push(demo);
process.stdout.write(lines.join('\n') + '\n');
