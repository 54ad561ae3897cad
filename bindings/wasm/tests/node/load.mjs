// Loads the package the way users do: by its name, through package.json
// ("exports" → pkg/node for Node). Build first: bash scripts/build-wasm.sh.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

const require = createRequire(import.meta.url);
export const ogi = require('ogi-report');
export const PKG = resolve(fileURLToPath(new URL('../../pkg', import.meta.url)));
export const REPO = resolve(fileURLToPath(new URL('../../../..', import.meta.url)));
export const CORPUS = resolve(REPO, 'tests/corpus');
