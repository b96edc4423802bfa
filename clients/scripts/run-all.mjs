#!/usr/bin/env node
// npm run check: runs each named npm script in turn, even after one fails, then prints which passed.
// Exits non-zero if any failed.
import { spawnSync } from 'node:child_process';

const scripts = process.argv.slice(2);
const npm = process.env.npm_execpath; // set when run through npm: the npm CLI script
const results = [];
for (const script of scripts) {
  console.log(`\n=== npm run ${script}`);
  const run = npm
    ? spawnSync(process.execPath, [npm, 'run', script], { stdio: 'inherit' })
    : spawnSync('npm', ['run', script], { stdio: 'inherit', shell: process.platform === 'win32' });
  results.push([script, run.status === 0 ? 'passed' : `FAILED (exit ${run.status ?? run.signal})`]);
}
console.log('\n=== check summary');
for (const [script, outcome] of results) console.log(`${script.padEnd(16)} ${outcome}`);
process.exit(results.every(([, outcome]) => outcome === 'passed') ? 0 : 1);
