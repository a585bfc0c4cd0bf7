#!/usr/bin/env node
// `npm start`: builds what is missing (shared, server, the two H5 apps) and runs the whole platform on one port:
// API, /api/docs, /m/ (citizen H5) and /gov/ (government H5), on the embedded database unless DATABASE_URL is set.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

process.chdir(fileURLToPath(new URL('../..', import.meta.url))); // the repository's top folder

function step(title, args) {
  console.log(`> ${title}`);
  const result = spawnSync('npm', args, { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`Failed: npm ${args.join(' ')}`);
    process.exit(result.status ?? 1);
  }
}

step('building shared/', ['run', 'build', '-w', 'shared']);
step('building server/', ['run', 'build', '-w', 'server']);
for (const app of ['miniapp', 'gov-app']) {
  if (!existsSync(`${app}/dist/h5/index.html`) || process.env.REBUILD_APPS === 'true') {
    step(`building ${app}/ for H5 (first start only; REBUILD_APPS=true rebuilds)`, ['run', 'build:h5', '-w', app]);
  }
}

const server = spawn(process.execPath, ['--enable-source-maps', 'dist/main.js'], { cwd: 'server', stdio: 'inherit', env: process.env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
