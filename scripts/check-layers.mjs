#!/usr/bin/env node
// Fails when a module includes a module it does not depend on (issue #15, item 8). The graph is
// the one CMake enforces at link time: each src/<module>/CMakeLists.txt links latch_<dep>
// libraries; a module may include itself and whatever it links, directly or not. So an upward
// include (storage including oidc) fails here even where the linker would not notice, and the
// graph itself must have no cycle. sdk/ and examples/ may include nothing from src/.
// It also fails when src/ decides on an error's wording (issue #15, item 1): an Error's
// description is text for people and may be reworded; code branches on Error::key or the Errc
// (core/error_keys.hpp). A description compared with == / != or searched with find, rfind,
// starts_with, ends_with, contains or compare is flagged.
// Usage: node scripts/check-layers.mjs   (prints the graph; exit 1 with the violations)
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const src = join(root, 'src');
const modules = readdirSync(src).filter((name) => statSync(join(src, name)).isDirectory());

function linksOf(module) {
  const text = readFileSync(join(src, module, 'CMakeLists.txt'), 'utf8');
  const links = new Set();
  for (const [, body] of text.matchAll(/target_link_libraries\(\s*latch_\w+([^)]*)\)/g)) {
    for (const [, dep] of body.matchAll(/\blatch_(\w+)/g)) {
      if (dep !== module && modules.includes(dep)) links.add(dep);
    }
  }
  return links;
}

const direct = Object.fromEntries(modules.map((m) => [m, linksOf(m)]));
const problems = [];

// Everything `module` reaches; a module that reaches itself is part of a cycle.
function closure(module) {
  const seen = new Set();
  const stack = [...direct[module]];
  while (stack.length) {
    const next = stack.pop();
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...direct[next]);
  }
  return seen;
}
const reach = Object.fromEntries(modules.map((m) => [m, closure(m)]));
for (const m of modules) {
  if (reach[m].has(m)) problems.push(`the link graph has a cycle through ${m}`);
}

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.(cpp|hpp|h|cc)$/.test(name)) yield path;
  }
}

function check(dir, allowed, who) {
  for (const file of files(dir)) {
    readFileSync(file, 'utf8').split('\n').forEach((line, index) => {
      const include = /^\s*#\s*include\s+"([a-z_]+)\//.exec(line);
      if (!include || !modules.includes(include[1])) return;
      if (!allowed(include[1])) {
        problems.push(`${relative(root, file)}:${index + 1}: ${who} includes ${include[1]}/`);
      }
    });
  }
}

for (const m of modules) {
  check(join(src, m), (dep) => dep === m || reach[m].has(dep), m);
}
for (const outside of ['sdk', 'examples']) {
  check(join(root, outside), () => false, outside);
}

// Branching on an error's words: `description ==`, `== x.description`, `description.find(`.
const wordingRules = [
  /\bdescription\s*(==|!=)/,
  /(==|!=)\s*[\w.>()-]*\bdescription\b(?!\s*\()/,
  /\bdescription\s*\.\s*(find|rfind|starts_with|ends_with|contains|compare)\s*\(/,
];
for (const file of files(src)) {
  readFileSync(file, 'utf8').split('\n').forEach((line, index) => {
    const code = line.replace(/\/\/.*$/, '');
    if (wordingRules.some((rule) => rule.test(code))) {
      problems.push(`${relative(root, file)}:${index + 1}: branches on an error's description ` +
        '(compare Error::key or the Errc instead)');
    }
  });
}

for (const m of modules) {
  console.log(`${m} -> ${[...direct[m]].sort().join(', ') || '(nothing)'}`);
}
if (problems.length) {
  console.error(`\n${problems.length} problem(s):`);
  for (const problem of problems) console.error(`  ${problem}`);
  process.exit(1);
}
console.log('\nlayers: every include follows the module graph; nothing branches on wording');
