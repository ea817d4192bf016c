// "Assign users / apps / roles": a modal with a search box, the matching candidates as
// checkboxes, and the picked ones kept across searches. `search(text)` resolves with up to a
// page of candidates; `label(item)` is what a row shows (text or nodes; `name(item)` its plain
// name for the chips); `submit(ids)` does the assigning (a throw shows under the list); `extra`, a
// node shown under the picked ones (an organization's "Add with organization roles").
import { h, replace, uid } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import { button, errorText, modal, textInput } from '../lib/ui.js';

function candidateRow(item, label, picked, onToggle) {
  const id = uid('pick');
  const box = h('input', {
    type: 'checkbox',
    id,
    checked: picked.has(item.id),
    onchange: (e) => onToggle(item, e.target.checked),
  });
  return h('li', {}, h('label', { class: 'check', for: id }, box, label(item)));
}

export function openAssignDialog({ title, subtitle, searchLabel, empty, submitLabel, ...how }) {
  const { search, label, name, submit: assign, extra = null } = how;
  const picked = new Map();
  const list = h('ul', { class: 'plain pick-list', 'aria-label': searchLabel });
  const chips = h('p', { class: 'muted small', 'aria-live': 'polite' });
  const formError = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const input = textInput({ type: 'search', 'aria-label': searchLabel, placeholder: searchLabel });
  const submit = button(submitLabel, null, { kind: 'primary', type: 'submit', disabled: true });

  function drawPicked() {
    const names = [...picked.values()].map(name);
    chips.textContent = names.length
      ? t('assign.picked', { n: names.length, names: names.join(', ') })
      : '';
    submit.disabled = picked.size === 0;
  }
  const toggle = (item, on) => {
    if (on) picked.set(item.id, item);
    else picked.delete(item.id);
    drawPicked();
  };

  let seq = 0;
  async function find() {
    const mine = ++seq;
    replace(list, h('li', { class: 'loading' }, t('ui.loading')));
    try {
      const items = await search(input.value.trim());
      if (mine !== seq) return;
      if (!items.length) replace(list, h('li', { class: 'muted' }, empty));
      else
        replace(
          list,
          items.map((item) => candidateRow(item, label, picked, toggle)),
        );
    } catch (error) {
      if (mine === seq) replace(list, h('li', { class: 'form-error' }, errorText(error)));
    }
  }
  let timer = null;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(find, 250);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    clearTimeout(timer);
    find();
  });

  async function send(e) {
    e.preventDefault();
    formError.hidden = true;
    submit.disabled = true;
    try {
      await assign([...picked.keys()]);
      m.close();
    } catch (error) {
      formError.textContent = errorText(error);
      formError.hidden = false;
      submit.disabled = false;
    }
  }
  const form = h(
    'form',
    { class: 'stack', novalidate: true, onsubmit: send },
    subtitle ? h('p', { class: 'muted' }, subtitle) : null,
    input,
    list,
    chips,
    extra,
    formError,
    h(
      'div',
      { class: 'row' },
      h('span', { class: 'spacer' }),
      button(t('ui.cancel'), () => m.close()),
      submit,
    ),
  );
  const m = modal({ title, content: form, wide: true, onClose: () => clearTimeout(timer) });
  input.focus();
  find();
  return m;
}
