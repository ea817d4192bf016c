// Building DOM without HTML strings: every text goes through a text node, so nothing an API
// returns can become markup.

// h('button', { class: 'btn', onclick: fn, 'aria-label': 'Close' }, 'Text', child, [more])
// Props: `class`, `text`, `value`, `checked`, `disabled`, `hidden`, `for`, `on<event>`
// handlers, `dataset` (object), anything else becomes an attribute (null/false leave it out).
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') el.className = value;
    else if (name === 'text') el.textContent = value;
    else if (name === 'dataset') Object.assign(el.dataset, value);
    else if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2), value);
    } else if (name === 'value' || name === 'checked' || name === 'disabled' || name === 'hidden') {
      el[name] = value;
    } else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

// Appends strings (as text), nodes and (nested) arrays; skips null, undefined and false.
export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

// Replaces the children of `parent`.
export function replace(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

// Text with `inline code` spans (backticks) as <code> elements.
export function richText(text) {
  return String(text)
    .split(/(`[^`]+`)/)
    .filter((part) => part !== '')
    .map((part) =>
      part.startsWith('`') && part.endsWith('`') ? h('code', {}, part.slice(1, -1)) : part,
    );
}

// A trusted, constant SVG icon (from lib/icons.js) as an element, marked decorative.
export function svg(markup) {
  const doc = new DOMParser().parseFromString(markup, 'image/svg+xml');
  const el = document.importNode(doc.documentElement, true);
  el.setAttribute('aria-hidden', 'true');
  el.setAttribute('focusable', 'false');
  return el;
}

let nextId = 0;
// A document-unique id for label/aria wiring.
export function uid(prefix = 'f') {
  nextId += 1;
  return `${prefix}-${nextId}`;
}
