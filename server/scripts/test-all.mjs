#!/usr/bin/env node
// `npm test`: every suite of the repository, one after another, then one plain closing line
// `N passed, N failed` totalling all of them (CI reads that line, not jest's or vitest's summaries).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

process.chdir(fileURLToPath(new URL('../..', import.meta.url))); // the repository's top folder

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(
    `Chromium was not found at ${chromium}. The browser tests of the two H5 apps need Debian's chromium and a CJK font:\n` +
      '  apt-get update && apt-get install -y chromium fonts-wqy-microhei\n' +
      '(or set CHROMIUM_PATH). No browser is ever downloaded by the tests.',
  );
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const suites = [
  { name: 'shared', cmd: ['npm', 'test', '-w', 'shared'] },
  { name: 'server', cmd: ['npm', 'test', '-w', 'server'] },
  { name: 'miniapp', cmd: ['npm', 'test', '-w', 'miniapp'] },
  { name: 'gov-app', cmd: ['npm', 'test', '-w', 'gov-app'] },
];
const only = process.argv.slice(2);

/** Counts from node's test runner (TAP `# pass N` or spec `ℹ pass N`) and vitest (`Tests  N passed | M failed`). */
function countsOf(output) {
  let passed = 0;
  let failed = 0;
  for (const m of output.matchAll(/^\s*(?:#|ℹ) pass (\d+)\s*$/gm)) passed += Number(m[1]);
  for (const m of output.matchAll(/^\s*(?:#|ℹ) fail (\d+)\s*$/gm)) failed += Number(m[1]);
  for (const m of output.matchAll(/^\s*Tests\s+(.*)$/gm)) {
    passed += Number(/(\d+) passed/.exec(m[1])?.[1] ?? 0);
    failed += Number(/(\d+) failed/.exec(m[1])?.[1] ?? 0);
  }
  return { passed, failed };
}

function run(suite) {
  return new Promise((resolve) => {
    const child = spawn(suite.cmd[0], suite.cmd.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    let output = '';
    const keep = (chunk, stream) => {
      output += chunk.toString();
      stream.write(chunk);
    };
    child.stdout.on('data', (c) => keep(c, process.stdout));
    child.stderr.on('data', (c) => keep(c, process.stderr));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

let passed = 0;
let failed = 0;
const summary = [];
const started = Date.now();
for (const suite of suites.filter((s) => !only.length || only.includes(s.name))) {
  console.log(`\n=== ${suite.name}: ${suite.cmd.join(' ')}`);
  const t0 = Date.now();
  const { code, output } = await run(suite);
  const counts = countsOf(output);
  // a suite that exits non-zero without reporting a failing test (build error, crash) counts as one failure
  if (code !== 0 && counts.failed === 0) counts.failed = 1;
  passed += counts.passed;
  failed += counts.failed;
  summary.push(`${suite.name.padEnd(8)} ${String(counts.passed).padStart(4)} passed ${String(counts.failed).padStart(3)} failed  ${((Date.now() - t0) / 1000).toFixed(0)} s${code !== 0 ? `  (exit ${code})` : ''}`);
}
console.log(`\n=== summary (${((Date.now() - started) / 1000).toFixed(0)} s)\n${summary.join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
