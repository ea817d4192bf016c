// The "Create application" modal: framework cards in sections by application type, quick
// filters by type and a search on the left; a card asks for the application's name and
// creates it (name_step.js), then opens the congratulation page with the framework's guide.
import { h, replace, uid } from '../../lib/dom.js';
import { lang, t } from '../../lib/i18n.js';
import { button, emptyState, modal, textInput } from '../../lib/ui.js';
import { appTypes, frameworks } from '../../guides/frameworks.js';
import { typeLabel } from './app_kinds.js';
import { applyBadgeColors, frameworkCard } from './framework_card.js';
import { nameStep } from './name_step.js';
import { samlFramework } from '../saml_app/saml_kinds.js';

// Sections in the order of the frameworks list (Traditional web first), then SAML (a card with
// no integration guide, outside the framework catalog).
const sectionOrder = [...new Set(frameworks.map((f) => f.type))]
  .concat(appTypes.filter((ty) => !frameworks.some((f) => f.type === ty)))
  .concat('SAML');
const catalog = [...frameworks, samlFramework];

// The type filters: a checkbox per type, each change updates `checked` and calls onChange.
function typeFilters(checked, onChange) {
  const boxes = sectionOrder.map((ty) => {
    const id = uid('type');
    const box = h('input', {
      type: 'checkbox',
      id,
      value: ty,
      checked: checked.has(ty),
      onchange: (e) => {
        if (e.target.checked) checked.add(ty);
        else checked.delete(ty);
        onChange();
      },
    });
    return h('label', { class: 'check', for: id }, box, typeLabel(ty));
  });
  const el = h(
    'fieldset',
    { class: 'filters radio-group' },
    h('legend', {}, t('create.filters')),
    boxes,
  );
  // Shows only type `ty` (its section title was clicked).
  const only = (ty) => {
    checked.clear();
    checked.add(ty);
    for (const label of boxes) {
      const box = label.querySelector('input');
      box.checked = box.value === ty;
    }
    onChange();
  };
  return { el, only };
}

// One type's section: its title (a button that filters to it), a line, the cards.
function section(ty, cards, { onOnly, onPick }) {
  const language = lang();
  return h(
    'section',
    { class: 'framework-section', 'aria-label': typeLabel(ty) },
    h(
      'h3',
      {},
      button(typeLabel(ty), () => onOnly(ty), {
        kind: 'text',
        class: 'btn btn-text section-button',
      }),
    ),
    h('p', { class: 'muted small' }, t(`type.${ty}.text`)),
    h(
      'div',
      { class: 'framework-grid' },
      cards.map((f) => frameworkCard(f, language, () => onPick(f))),
    ),
  );
}

// Opens the modal; with `framework` it goes straight to the name form.
export function openCreateApplication({ navigate, framework, type, onClose } = {}) {
  applyBadgeColors();
  const checked = new Set(type ? [type] : []);
  const listArea = h('div', { class: 'framework-list' });
  const search = textInput({
    type: 'search',
    'aria-label': t('create.search'),
    placeholder: t('create.search'),
  });
  const filters = typeFilters(checked, drawList);
  const pick = (f) => nameStep(m, f, navigate, showList);

  function drawList() {
    const query = search.value;
    const q = query.trim().toLowerCase();
    const sections = sectionOrder
      .filter((ty) => checked.size === 0 || checked.has(ty))
      .map((ty) => {
        const matching = (f) => f.type === ty && (!q || f.name.toLowerCase().includes(q));
        const cards = catalog.filter(matching);
        return cards.length ? section(ty, cards, { onOnly: filters.only, onPick: pick }) : null;
      })
      .filter(Boolean);
    const none = emptyState({
      title: t('create.no_match', { q: query }),
      text: t('create.no_match_text'),
    });
    replace(listArea, sections.length ? sections : none);
  }

  function showList() {
    replace(
      m.body,
      h('p', { class: 'muted' }, t('create.subtitle')),
      h('div', { class: 'frameworks' }, h('div', { class: 'stack' }, search, filters.el), listArea),
    );
    drawList();
    search.focus();
  }

  search.addEventListener('input', drawList);
  const m = modal({ title: t('create.title'), content: [], wide: true, onClose });
  if (framework) nameStep(m, framework, navigate, showList);
  else showList();
  return m;
}
