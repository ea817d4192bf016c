// A flame graph of a CPU profile: `perf script` output on stdin, an SVG on stdout (issue 23:
// know where the time goes). Each box is a function; its width is the share of samples in which
// it was on the stack, its children sit above it. Hover a box for its name, samples and share.
// Debian 12 packages no flame graph tool, so bench/ carries this one.
//
// Usage: perf script -i perf.data | node flamegraph.mjs [--title T] [--folded FILE]
//        [--summary FILE] > graph.svg
//   --folded   also write the folded stacks ("frame;frame;frame count" per line)
//   --summary  also write the share of samples per library and the functions with the most
//              samples of their own (at the top of the stack), for docs/benchmarks.md
import { writeFileSync } from 'node:fs';

const options = { title: 'CPU profile', folded: '', summary: '' };
for (let i = 2; i < process.argv.length; i += 2) {
  const name = process.argv[i].replace(/^--/, '');
  if (!(name in options) || process.argv[i + 1] === undefined) {
    console.error(`flamegraph: unknown or incomplete option ${process.argv[i]}`);
    process.exit(2);
  }
  options[name] = process.argv[i + 1];
}

const input = await new Promise((resolve, reject) => {
  const chunks = [];
  process.stdin.on('data', (chunk) => chunks.push(chunk));
  process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  process.stdin.on('error', reject);
});

// perf script: a header line per sample ("latch 1234/1240 12.345: 2004008 cpu-clock:"), then one
// line per frame, innermost first ("\t 7f3a12 EVP_DigestSign+0x2a (/usr/lib/.../libcrypto.so.3)").
// C++ names hold parentheses and spaces; the library, last, holds none. With DWARF unwinding, a
// function inlined into another is its own frame, its library "inlined".
const FRAME = /^\s+[0-9a-f]+\s+(.*)\s+\(([^()]*)\)$/;
const stacks = new Map(); // folded stack -> samples
const leaves = new Map(); // "function (library)" -> samples at the top of the stack
const libraries = new Map(); // library -> samples at the top of the stack
let total = 0;
let frames = [];
let comm = '';

function library(path) {
  if (path.startsWith('[')) return path; // [kernel.kallsyms], [unknown], [vdso]
  return path.split('/').pop();
}

function frameName(symbol, dso) {
  const name = symbol.replace(/\+0x[0-9a-f]+$/, '');
  if (name !== '[unknown]') return name;
  const lib = library(dso);
  return lib.startsWith('[') ? lib : `[${lib}]`;
}

function endSample() {
  if (frames.length === 0) return;
  // An inlined frame belongs to the library of the frame it was inlined into (outer frames
  // come later in the list).
  let outer = '[unknown]';
  for (let i = frames.length - 1; i >= 0; i -= 1) {
    if (frames[i].library === 'inlined') frames[i].library = outer;
    else outer = frames[i].library;
  }
  const [leaf] = frames;
  const path = [comm, ...frames.map((f) => f.name).reverse()].join(';');
  stacks.set(path, (stacks.get(path) ?? 0) + 1);
  const key = `${leaf.name} (${leaf.library})`;
  leaves.set(key, (leaves.get(key) ?? 0) + 1);
  libraries.set(leaf.library, (libraries.get(leaf.library) ?? 0) + 1);
  total += 1;
  frames = [];
}

for (const line of input.split('\n')) {
  if (line.trim() === '') {
    endSample();
    continue;
  }
  const frame = FRAME.exec(line);
  if (frame) {
    frames.push({ name: frameName(frame[1], frame[2]), library: library(frame[2]) });
  } else if (!/^\s/.test(line)) {
    endSample();
    comm = line.trim().split(/\s+/)[0];
  }
}
endSample();

if (options.folded) {
  const lines = [...stacks].map(([path, count]) => `${path} ${count}`);
  writeFileSync(options.folded, `${lines.sort().join('\n')}\n`);
}

const percent = (n) => `${((100 * n) / Math.max(total, 1)).toFixed(1)}%`;

if (options.summary) {
  const top = (map, count) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([name, n]) => `${percent(n).padStart(6)}  ${name}`);
  const text = [
    `${options.title}: ${total} samples`,
    '',
    'by library (samples at the top of the stack):',
    ...top(libraries, 15),
    '',
    'functions with the most samples of their own:',
    ...top(leaves, 30),
  ];
  writeFileSync(options.summary, `${text.join('\n')}\n`);
}

// The tree of frames, root first.
const root = { name: 'all', value: 0, children: new Map() };
for (const [path, count] of stacks) {
  let node = root;
  node.value += count;
  for (const name of path.split(';')) {
    let child = node.children.get(name);
    if (!child) {
      child = { name, value: 0, children: new Map() };
      node.children.set(name, child);
    }
    child.value += count;
    node = child;
  }
}

const WIDTH = 1200;
const ROW = 16;
const PAD = 10;
const usable = WIDTH - 2 * PAD;
const minWidth = 0.3; // pixels: narrower boxes are left out (their share is in the parent's)

// Levels with a box wide enough to draw: the graph is as tall as those.
function depthOf(node) {
  if ((node.value / Math.max(root.value, 1)) * usable < minWidth) return 0;
  let deepest = 0;
  for (const child of node.children.values()) deepest = Math.max(deepest, depthOf(child));
  return deepest + 1;
}
const depth = depthOf(root);
const height = depth * ROW + 3 * ROW + PAD;

function escape(text) {
  return text.replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c],
  );
}

// A warm color that depends on the name only, so one function keeps its color across graphs.
function color(name) {
  let hash = 0;
  for (const c of name) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  const r = 205 + (hash % 50);
  const g = 80 + ((hash >>> 8) % 130);
  const b = (hash >>> 16) % 55;
  return `rgb(${r},${g},${b})`;
}

const boxes = [];
function draw(node, x, level) {
  const width = (node.value / Math.max(root.value, 1)) * usable;
  if (width < minWidth) return;
  const y = height - PAD - (level + 1) * ROW;
  const label = width > 30 ? node.name.slice(0, Math.floor((width - 6) / 7)) : '';
  const title = `${node.name} (${node.value} samples, ${percent(node.value)})`;
  boxes.push(
    `<g><title>${escape(title)}</title>` +
      `<rect x="${x.toFixed(2)}" y="${y}" width="${width.toFixed(2)}" height="${ROW - 1}" ` +
      `fill="${color(node.name)}" rx="2"/>` +
      (label ? `<text x="${(x + 3).toFixed(2)}" y="${y + ROW - 4}">${escape(label)}</text>` : '') +
      '</g>',
  );
  let childX = x;
  const children = [...node.children.values()].sort((a, b) => a.name.localeCompare(b.name));
  for (const child of children) {
    draw(child, childX, level + 1);
    childX += (child.value / Math.max(root.value, 1)) * usable;
  }
}
draw(root, PAD, 0);

process.stdout.write(
  `<?xml version="1.0" standalone="no"?>\n` +
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" ` +
    `viewBox="0 0 ${WIDTH} ${height}" font-family="monospace" font-size="11">\n` +
    `<rect width="100%" height="100%" fill="#fdfdf6"/>\n` +
    `<text x="${WIDTH / 2}" y="${2 * ROW}" text-anchor="middle" font-size="15">` +
    `${escape(options.title)} (${total} samples)</text>\n` +
    `${boxes.join('\n')}\n</svg>\n`,
);
