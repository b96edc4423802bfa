#!/usr/bin/env node
// npm run types: generates clients/generated/<service>.d.ts from every
// docs/openapi/<service>.openapi.json with openapi-typescript.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { clientsDir, findContracts, openapiDir } from './contracts.mjs';

const require = createRequire(import.meta.url);
const cli = path.join(path.dirname(require.resolve('openapi-typescript/package.json')), 'bin', 'cli.js');
const outDir = path.join(clientsDir, 'generated');

const contracts = findContracts();
if (contracts.length === 0) {
  console.error(`no *.openapi.json contract found in ${openapiDir}`);
  process.exit(1);
}

mkdirSync(outDir, { recursive: true });
// Drop types of contracts that no longer exist, so stale types cannot hide a removed contract.
const wanted = new Set(contracts.map(({ service }) => `${service}.d.ts`));
for (const name of readdirSync(outDir)) {
  if (name.endsWith('.d.ts') && !wanted.has(name)) rmSync(path.join(outDir, name));
}

let failed = 0;
for (const { service, file } of contracts) {
  const out = path.join(outDir, `${service}.d.ts`);
  const run = spawnSync(process.execPath, [cli, file, '--output', out], { stdio: 'inherit' });
  if (run.status !== 0) {
    failed++;
    console.error(`openapi-typescript failed for ${path.relative(clientsDir, file)} (exit ${run.status ?? run.signal})`);
  }
}
if (failed > 0) process.exit(1);
console.log(`generated ${contracts.length} type file(s) in ${path.relative(process.cwd(), outDir) || '.'}`);
