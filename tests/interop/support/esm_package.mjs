// Imports an npm package from tests/js/node_modules whose package.json exports only an "import"
// condition (such as @logto/node), which require.resolve (server.mjs importPackage) cannot find.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { root } from './server.mjs';

// The ESM entry point of package `name`: exports["."].import (or .default), else module, else main.
function entryPoint(manifest) {
  const dot =
    typeof manifest.exports === 'object' ? (manifest.exports['.'] ?? manifest.exports) : null;
  const conditional = typeof dot === 'string' ? dot : (dot?.import ?? dot?.default);
  const entry = typeof conditional === 'object' ? conditional.default : conditional;
  return entry ?? manifest.module ?? manifest.main ?? 'index.js';
}

export async function importEsmPackage(name) {
  const dir = path.join(root, 'tests/js/node_modules', name);
  const manifest = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8'));
  return import(pathToFileURL(path.join(dir, entryPoint(manifest))).href);
}
