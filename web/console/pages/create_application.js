// The "Create application" modal: framework cards in sections by application type, quick
// filters by type and a search on the left; a card asks for the application's name and
// creates it, then opens the congratulation page with the framework's integration guide.
import { h, replace, uid } from '../lib/dom.js';
import { english, lang, t } from '../lib/i18n.js';
import { post } from '../lib/api.js';
import { fieldFor } from '../lib/field_errors.js';
import { button, emptyState, field, modal, showSaveError, textInput, toast } from '../lib/ui.js';
import { appTypes, frameworks } from '../guides/frameworks.js';

// The framework an application was created with (its integration guide), remembered per app in
// this browser; without one, a sensible default for the app's type.
const frameworkPrefix = 'latch.console.framework.';
const createdKey = 'latch.console.just_created';
const defaultFramework = {
  Traditional: 'flask',
  SPA: 'react',
  Native: 'ios',
  MachineToMachine: 'm2m',
};

export function rememberFramework(appId, frameworkId) {
  try {
    localStorage.setItem(frameworkPrefix + appId, frameworkId);
  } catch {
    /* storage unavailable: the default for the type applies */
  }
}

export function frameworkFor(app) {
  let saved = null;
  try {
    saved = localStorage.getItem(frameworkPrefix + app.id);
  } catch {
    saved = null;
  }
  const known = frameworks.find((f) => f.id === saved && f.type === app.type);
  return known ? known.id : (defaultFramework[app.type] ?? 'oidc-traditional');
}

// True on the congratulation page of the application this tab has just created.
export function justCreated(appId) {
  try {
    return sessionStorage.getItem(createdKey) === appId;
  } catch {
    return false;
  }
}

// Logto's labels for the types are English on its Japanese console too; the guide quotes
// "Traditional web", so the English label is kept beside the translation.
export function typeLabel(type) {
  const label = t(`type.${type}`);
  const en = english(`type.${type}`);
  return lang() !== 'en' && label !== en ? `${label} (${en})` : label;
}

// One framework card: a monogram, the name, a line of description.
export function frameworkCard(framework, language, onclick) {
  return h(
    'button',
    { type: 'button', class: 'framework-card', onclick, 'data-framework': framework.id },
    h(
      'span',
      {
        class: `framework-badge badge-${framework.id}`,
        'aria-hidden': 'true',
        dataset: { color: framework.badge.color },
      },
      framework.badge.text,
    ),
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

function nameStep(m, framework, navigate, showList) {
  const name = field(
    t('create.name'),
    textInput({
      name: 'name',
      placeholder: t('create.name_placeholder'),
      autofocus: true,
      maxlength: '256',
    }),
    { required: true },
  );
  const description = field(
    t('create.description'),
    h('textarea', { class: 'input', name: 'description', rows: '2' }),
  );
  const formError = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const submit = button(t('create.submit'), null, { kind: 'primary', type: 'submit' });
  const form = h(
    'form',
    {
      class: 'stack',
      novalidate: true,
      onsubmit: async (e) => {
        e.preventDefault();
        name.setError('');
        formError.hidden = true;
        const value = name.input.value.trim();
        if (!value) {
          name.setError(t('ui.required'));
          name.input.focus();
          return;
        }
        submit.disabled = true;
        try {
          const body = { name: value, type: framework.type };
          const text = description.input.value.trim();
          if (text) body.description = text;
          const { data } = await post('/applications', body);
          rememberFramework(data.id, framework.id);
          try {
            sessionStorage.setItem(createdKey, data.id);
          } catch {
            /* storage unavailable: the guide page then shows without the congratulation */
          }
          m.close();
          toast(t('create.created', { name: data.name }));
          navigate(
            `/console/applications/${encodeURIComponent(data.id)}/guide/${encodeURIComponent(framework.id)}`,
          );
        } catch (error) {
          showSaveError(error, fieldFor(error, { name }), formError, {
            focus: false,
          });
        } finally {
          submit.disabled = false;
        }
      },
    },
    h(
      'dl',
      { class: 'kv' },
      h('dt', {}, t('create.framework')),
      h('dd', {}, framework.name),
      h('dt', {}, t('create.type')),
      h('dd', {}, typeLabel(framework.type)),
    ),
    name,
    description,
    formError,
    h(
      'div',
      { class: 'row' },
      button(t('create.back'), showList),
      h('span', { class: 'spacer' }),
      submit,
    ),
  );
  replace(m.body, form);
  name.input.focus();
}

// Sections in the order of the frameworks list (Traditional web first).
const sectionOrder = [...new Set(frameworks.map((f) => f.type))].concat(
  appTypes.filter((ty) => !frameworks.some((f) => f.type === ty)),
);

// Opens the modal; with `framework` it goes straight to the name form.
export function openCreateApplication({ navigate, framework, type, onClose } = {}) {
  applyBadgeColors();
  const language = lang();
  const checked = new Set(type ? [type] : []);
  let query = '';
  const listArea = h('div', { class: 'framework-list' });
  const search = textInput({
    type: 'search',
    'aria-label': t('create.search'),
    placeholder: t('create.search'),
  });
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
        drawList();
      },
    });
    return h('label', { class: 'check', for: id }, box, typeLabel(ty));
  });
  const filters = h(
    'fieldset',
    { class: 'filters radio-group' },
    h('legend', {}, t('create.filters')),
    boxes,
  );

  function drawList() {
    const q = query.trim().toLowerCase();
    const sections = sectionOrder
      .filter((ty) => checked.size === 0 || checked.has(ty))
      .map((ty) => {
        const cards = frameworks.filter(
          (f) => f.type === ty && (!q || f.name.toLowerCase().includes(q)),
        );
        if (!cards.length) return null;
        return h(
          'section',
          { class: 'framework-section', 'aria-label': typeLabel(ty) },
          h(
            'h3',
            {},
            button(
              typeLabel(ty),
              () => {
                checked.clear();
                checked.add(ty);
                boxes.forEach((label) => {
                  const box = label.querySelector('input');
                  box.checked = box.value === ty;
                });
                drawList();
              },
              { kind: 'text', class: 'btn btn-text section-button' },
            ),
          ),
          h('p', { class: 'muted small' }, t(`type.${ty}.text`)),
          h(
            'div',
            { class: 'framework-grid' },
            cards.map((f) => frameworkCard(f, language, () => nameStep(m, f, navigate, showList))),
          ),
        );
      })
      .filter(Boolean);
    replace(
      listArea,
      sections.length
        ? sections
        : emptyState({
            title: t('create.no_match', { q: query }),
            text: t('create.no_match_text'),
          }),
    );
  }

  function showList() {
    replace(
      m.body,
      h('p', { class: 'muted' }, t('create.subtitle')),
      h('div', { class: 'frameworks' }, h('div', { class: 'stack' }, search, filters), listArea),
    );
    drawList();
    search.focus();
  }

  search.addEventListener('input', () => {
    query = search.value;
    drawList();
  });
  const m = modal({ title: t('create.title'), content: [], wide: true, onClose });
  if (framework) nameStep(m, framework, navigate, showList);
  else showList();
  return m;
}
