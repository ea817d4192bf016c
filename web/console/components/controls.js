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

// Radio buttons under a legend: options [{ value, label, hint }] with `value` chosen;
// onchange(value). Returns the fieldset with setError(message), so an API error about the
// choice shows under it.
export function radioGroup(legend, options, value, onchange, props = {}) {
  const name = uid('radio');
  const error = h('p', { class: 'field-error', hidden: true });
  const group = h(
    'fieldset',
    { class: 'radio-group', onchange: (e) => onchange(e.target.value), ...props },
    h('legend', {}, legend),
    options.map((o) => {
      const id = uid('radio');
      return h(
        'label',
        { class: 'check', for: id },
        h('input', { type: 'radio', id, name, value: o.value, checked: o.value === value }),
        h('span', {}, o.label, o.hint ? h('span', { class: 'muted small' }, ` ${o.hint}`) : null),
      );
    }),
    error,
  );
  group.setError = (message) => {
    error.textContent = message ?? '';
    error.hidden = !message;
  };
  return group;
}
