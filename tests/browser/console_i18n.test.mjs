// The console's strings, read from its source (no browser): every module that registers strings
// gives each key in English and in Japanese, and every key a page asks t() for is registered
// somewhere. (The integration guides under guides/ carry their own texts and are checked by
// console_guides.test.mjs.)
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { root } from '../interop/support/server.mjs';

const consoleDir = path.join(root, 'web/console');

function sources() {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'guides') walk(full);
      else if (full.endsWith('.js')) files.push(full);
    }
  };
  walk(consoleDir);
  // lib/i18n.js defines addStrings and t (its comments show examples, not keys).
  return files
    .map((file) => ({ file: path.relative(consoleDir, file), text: readFileSync(file, 'utf8') }))
    .filter(({ file }) => file !== path.join('lib', 'i18n.js'));
}

// The keys of the object literal that follows `marker` (e.g. "en: {") after `from`.
function keysAfter(text, marker, from) {
  const start = text.indexOf(marker, from);
  if (start < 0) return null;
  let depth = 0;
  let end = text.indexOf('{', start);
  const begin = end;
  for (; end < text.length; end += 1) {
    if (text[end] === '{') depth += 1;
    else if (text[end] === '}' && --depth === 0) break;
  }
  return new Set([...text.slice(begin, end).matchAll(/^\s*'([^']+)':/gm)].map((m) => m[1]));
}

test('every registered string exists in English and Japanese', () => {
  let modules = 0;
  for (const { file, text } of sources()) {
    const at = text.indexOf('addStrings({');
    if (at < 0) continue;
    modules += 1;
    const en = keysAfter(text, 'en: {', at);
    const ja = keysAfter(text, 'ja: {', at);
    assert.deepEqual(
      [...en].filter((k) => !ja.has(k)),
      [],
      `${file}: keys without Japanese`,
    );
    assert.deepEqual(
      [...ja].filter((k) => !en.has(k)),
      [],
      `${file}: keys without English`,
    );
  }
  assert.ok(modules >= 15, `found the string tables of ${modules} modules`);
});

test('every key the pages ask for is registered', () => {
  const all = sources();
  const defined = new Set();
  for (const { text } of all) {
    for (const m of text.matchAll(/^\s*'([a-z_]+\.[^']+)':/gm)) defined.add(m[1]);
  }
  const missing = [];
  for (const { file, text } of all) {
    for (const m of text.matchAll(/\bt\('([a-z_]+\.[a-z0-9_.]+)'/g)) {
      if (!defined.has(m[1])) missing.push(`${file}: ${m[1]}`);
    }
  }
  assert.deepEqual(missing, []);
});
