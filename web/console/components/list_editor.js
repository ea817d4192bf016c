// A list of text inputs (one value a row) with Add and Remove, inside a labelled fieldset: the
// redirect URIs and CORS origins of an application. Returns the fieldset with values(),
// setError(message, item) and the rows' inputs wired for screen readers.
import { h, uid } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import { button, textInput } from '../lib/ui.js';

// `itemLabel(n)` names row n (from 1) for screen readers; `onChange()` follows every edit.
export function listEditor(
  legend,
  itemLabel,
  values,
  { hint, placeholder, onChange, readOnly = false } = {},
) {
  const rows = h('div', { class: 'list-editor' });
  const hintId = hint ? uid('hint') : null;
  const errorEl = h('p', { class: 'field-error', id: uid('error'), hidden: true });
  const inputs = () => [...rows.querySelectorAll('input')];
  function relabel() {
    inputs().forEach((input, i) => {
      const label = itemLabel(i + 1);
      input.setAttribute('aria-label', label);
      input
        .closest('.row')
        ?.querySelector('button')
        ?.setAttribute('aria-label', t('app.remove_item', { label }));
    });
  }
  function removeRow(row) {
    const next = row.nextElementSibling ?? row.previousElementSibling;
    row.remove();
    relabel();
    onChange?.();
    (next?.querySelector('input') ?? addButton).focus();
  }
  function addRow(value = '', focus = false) {
    const input = textInput({
      value,
      placeholder,
      'aria-describedby': hintId,
      readonly: readOnly,
      oninput: () => onChange?.(),
    });
    const remove = readOnly
      ? null
      : button(t('app.remove'), () => removeRow(row), { kind: 'text' });
    const row = h('div', { class: 'row' }, input, remove);
    rows.append(row);
    relabel();
    if (focus) input.focus();
  }
  const addButton = button(
    `+ ${t('app.add')}`,
    () => {
      addRow('', true);
      onChange?.();
    },
    { kind: 'text', class: 'btn btn-text list-add' },
  );
  values.forEach((v) => addRow(v));
  if (!values.length && !readOnly) addRow('');
  const fieldset = h(
    'fieldset',
    { class: 'field list-field' },
    h('legend', { class: 'label' }, legend),
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    rows,
    readOnly && !values.length ? h('p', { class: 'muted' }, t('app.none')) : null,
    readOnly ? null : addButton,
    errorEl,
  );
  fieldset.values = () =>
    inputs()
      .map((i) => i.value.trim())
      .filter(Boolean);
  // `item`: the position of the bad value in values() ('' marks every row).
  fieldset.setError = (message, item = '') => {
    errorEl.textContent = message ?? '';
    errorEl.hidden = !message;
    const bad = item === '' ? null : inputs().filter((i) => i.value.trim())[Number(item)];
    for (const input of inputs()) {
      const invalid = Boolean(message) && (!bad || input === bad);
      if (invalid) {
        input.setAttribute('aria-invalid', 'true');
        input.setAttribute('aria-describedby', [hintId, errorEl.id].filter(Boolean).join(' '));
      } else {
        input.removeAttribute('aria-invalid');
        if (hintId) input.setAttribute('aria-describedby', hintId);
      }
    }
  };
  return fieldset;
}
