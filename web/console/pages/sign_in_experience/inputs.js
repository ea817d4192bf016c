// Text and colour fields bound to a path of the draft ('branding.logoUrl', 'termsOfUseUrl'):
// each edit goes into the draft, and the field registers for the API's errors about its path.
import { h } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { field, textInput } from '../../lib/ui.js';

const HEX = /^#[0-9a-f]{6}$/i;

function read(draft, path) {
  const [part, member] = path.split('.');
  return member ? draft.value[part]?.[member] : draft.value[part];
}

function write(draft, path, value) {
  const [part, member] = path.split('.');
  if (member) draft.merge(part, { [member]: value });
  else draft.set(part, value);
}

export function textField(draft, path, label, { hint, type = 'text', placeholder } = {}) {
  const input = textInput({
    type,
    value: read(draft, path) ?? '',
    placeholder,
    spellcheck: 'false',
    oninput: (e) => write(draft, path, e.target.value.trim()),
  });
  return draft.field(path, field(label, input, { hint }));
}

// A URL field (https:// as the placeholder).
export const urlField = (draft, path, label) =>
  textField(draft, path, label, { type: 'url', placeholder: 'https://' });

// A hex colour as text beside a colour picker; either one updates the other.
export function colorField(draft, path, label) {
  const value = read(draft, path) ?? '#000000';
  const text = textInput({
    value,
    class: 'input mono color-text',
    maxlength: '7',
    spellcheck: 'false',
  });
  const picker = h('input', {
    type: 'color',
    class: 'color-picker',
    value: HEX.test(value) ? value.toLowerCase() : '#000000',
    'aria-label': t('sie.color_picker', { label }),
  });
  picker.addEventListener('input', () => {
    text.value = picker.value.toUpperCase();
    write(draft, path, text.value);
  });
  text.addEventListener('input', () => {
    const typed = text.value.trim();
    if (HEX.test(typed)) picker.value = typed.toLowerCase();
    write(draft, path, typed);
  });
  const wrapper = field(label, text, { hint: t('sie.color_hint') });
  wrapper.classList.add('color-field');
  const row = h('div', { class: 'row color-row' }, picker, text);
  wrapper.insertBefore(row, wrapper.querySelector('.hint'));
  return draft.field(path, wrapper);
}

// A place for an error about a whole list (sign-in methods, social connectors), registered
// under `path`.
export function listError(draft, path) {
  const slot = h('div', {});
  slot.setError = (message) =>
    slot.replaceChildren(...(message ? [h('p', { class: 'field-error' }, message)] : []));
  return draft.field(path, slot);
}
