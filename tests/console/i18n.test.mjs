// The console's strings (web/console/i18n/<lang>.js) against the code that uses them: every key
// a module asks for exists in every language with the same placeholders, no key is left unused,
// and no module outside i18n/ and the guides' content carries Japanese text of its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import en from '../../web/console/i18n/en.js';
import ja from '../../web/console/i18n/ja.js';

const require = createRequire(new URL('../js/package.json', import.meta.url));
const espree = require('espree');

const consoleDir = fileURLToPath(new URL('../../web/console/', import.meta.url));
const catalogs = { en, ja };
// Guide content is prose with both languages side by side (guides/), not interface strings.
const ownText = (file) => !file.startsWith('i18n/') && !file.startsWith('guides/');

function sources(dir = consoleDir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.js') ? [relative(consoleDir, path)] : [];
  });
}

// Visits every node of an espree AST.
function walk(node, visit) {
  if (!node || typeof node.type !== 'string') return;
  visit(node);
  for (const [key, value] of Object.entries(node)) {
    if (key === 'parent') continue;
    for (const child of Array.isArray(value) ? value : [value]) {
      if (child && typeof child === 'object') walk(child, visit);
    }
  }
}

// What the code says about keys: t('literal') calls, t(`head${…}`) heads, every other string
// literal and template head (a key or a key prefix handed to t() later).
function usage() {
  const called = [];
  const dynamic = [];
  const literals = new Set();
  for (const file of sources().filter(ownText)) {
    const ast = espree.parse(readFileSync(join(consoleDir, file), 'utf8'), {
      ecmaVersion: 'latest',
      sourceType: 'module',
    });
    walk(ast, (node) => {
      if (node.type === 'Literal' && typeof node.value === 'string') literals.add(node.value);
      if (node.type === 'TemplateLiteral') {
        const head = node.quasis[0].value.cooked;
        if (head.includes('.')) literals.add(head);
      }
      if (node.type !== 'CallExpression' || node.callee.name !== 't') return;
      const [arg] = node.arguments;
      if (arg?.type === 'Literal') called.push({ file, key: arg.value });
      if (arg?.type === 'TemplateLiteral' && arg.expressions.length) {
        dynamic.push({ file, head: arg.quasis[0].value.cooked });
      }
    });
  }
  return { called, dynamic, literals };
}

const placeholders = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('every language has the same keys as English, with the same placeholders', () => {
  for (const [code, catalog] of Object.entries(catalogs)) {
    assert.deepEqual(Object.keys(catalog), Object.keys(en), `${code}: keys differ from en`);
    for (const [key, text] of Object.entries(catalog)) {
      assert.equal(typeof text, 'string', `${code}: ${key}`);
      assert.deepEqual(placeholders(text), placeholders(en[key]), `${code}: {…} of ${key}`);
    }
  }
});

test('every key the console asks for exists in every language', () => {
  const { called, dynamic } = usage();
  assert.ok(called.length > 500, `only ${called.length} t() calls found`);
  for (const { file, key } of called) {
    for (const [code, catalog] of Object.entries(catalogs)) {
      assert.ok(key in catalog, `${file}: t('${key}') is missing in i18n/${code}.js`);
    }
  }
  for (const { file, head } of dynamic) {
    assert.ok(
      Object.keys(en).some((key) => key.startsWith(head)),
      `${file}: no key starts with '${head}'`,
    );
  }
});

test('every key is used: by name, or under a prefix the code completes', () => {
  const { literals, dynamic } = usage();
  const heads = [...dynamic.map((d) => d.head), ...[...literals].map((l) => `${l}.`)];
  const unused = Object.keys(en).filter(
    (key) => !literals.has(key) && !heads.some((head) => key.startsWith(head)),
  );
  assert.deepEqual(unused, [], 'keys no module uses');
});

test('modules keep their words in i18n/: no Japanese text outside it', () => {
  const japanese = /[\u3040-\u30ff\u4e00-\u9fff]/;
  const allowed = new Set(['日本語']); // a language's own name in the language menus
  for (const file of sources().filter(ownText)) {
    const ast = espree.parse(readFileSync(join(consoleDir, file), 'utf8'), {
      ecmaVersion: 'latest',
      sourceType: 'module',
    });
    walk(ast, (node) => {
      const text = node.type === 'Literal' ? node.value : node.value?.cooked;
      if (typeof text !== 'string' || allowed.has(text)) return;
      assert.ok(!japanese.test(text), `${file}: ${JSON.stringify(text)}`);
    });
  }
});
