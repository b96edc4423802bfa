// Shared helper: finds the committed OpenAPI contracts (docs/openapi/<service>.openapi.json).
// New contracts dropped into that folder are picked up without changing any script.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const clientsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const openapiDir = path.resolve(process.env.OPENAPI_DIR ?? path.join(clientsDir, '..', 'docs', 'openapi'));

const SUFFIX = '.openapi.json';

/** @returns {{ service: string, file: string }[]} sorted by service name */
export function findContracts(dir = openapiDir) {
  let names;
  try {
    names = readdirSync(dir);
  } catch (err) {
    throw new Error(`cannot read OpenAPI folder ${dir}: ${err.message}`);
  }
  return names
    .filter((name) => name.endsWith(SUFFIX))
    .sort()
    .map((name) => ({ service: name.slice(0, -SUFFIX.length), file: path.join(dir, name) }));
}
