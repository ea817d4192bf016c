// Small form controls the kit (lib/ui.js) lacks: a labelled checkbox and a select of options.
import { h, uid } from '../lib/dom.js';

// A checkbox with its label (and a hint below); onchange(checked).
export function checkboxField(label, checked, onchange, { hint, disabled } = {}) {
  const id = uid('chk');
  const input = h('input', {
    type: 'checkbox',
    id,
    checked,
    disabled,
    onchange: (e) => onchange(e.target.checked),
  });
  return h(
    'div',
    { class: 'field' },
    h('label', { class: 'check', for: id }, input, label),
    hint ? h('p', { class: 'hint' }, hint) : null,
  );
}

// A <select> of options [{ value, label }] with `value` chosen; onchange(value).
export function selectInput(options, value, onchange, props = {}) {
  return h(
    'select',
    { class: 'input', onchange: (e) => onchange(e.target.value), ...props },
    options.map((o) => h('option', { value: o.value, selected: o.value === value }, o.label)),
  );
}
