// A framework's coloured monogram badge, and its card in "Create application" and Get started.
import { h } from '../../lib/dom.js';
import { frameworks } from '../../guides/frameworks.js';

// The badge; `props` adds attributes to the <span>.
export function frameworkBadge(framework, props = {}) {
  return h(
    'span',
    { class: `framework-badge badge-${framework.id}`, 'aria-hidden': 'true', ...props },
    framework.badge.text,
  );
}

// One framework card: a monogram, the name, a line of description.
export function frameworkCard(framework, language, onclick) {
  return h(
    'button',
    { type: 'button', class: 'framework-card', onclick, 'data-framework': framework.id },
    frameworkBadge(framework, { dataset: { color: framework.badge.color } }),
    h(
      'span',
      {},
      h('span', { class: 'framework-name' }, framework.name),
      h(
        'span',
        { class: 'framework-desc' },
        framework.description[language] ?? framework.description.en,
      ),
    ),
  );
}

// Badge colors come from data: a stylesheet rule per framework, built once (a <style> element
// would need 'unsafe-inline'; a constructed stylesheet does not).
let colorsApplied = false;
export function applyBadgeColors() {
  if (colorsApplied) return;
  colorsApplied = true;
  const sheet = new CSSStyleSheet();
  for (const f of frameworks) {
    if (/^#[0-9a-fA-F]{3,8}$/.test(f.badge.color) && /^[a-z0-9-]+$/.test(f.id)) {
      sheet.insertRule(`.badge-${f.id} { background: ${f.badge.color}; }`);
    }
  }
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}
