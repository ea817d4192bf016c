// A customData editor: a JSON object typed as text (users, organizations, applications and API
// resources have one). The field's check() says why the text is not an object, value() reads it.
import { h } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import { field } from '../lib/ui.js';

// The object typed into `input`, or the message that says why it is not one.
export function parseObject(input) {
  let value;
  try {
    value = JSON.parse(input.value.trim() || '{}');
  } catch (error) {
    return { problem: t('user.custom_data_invalid', { error: error.message }) };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { problem: t('user.custom_data_object') };
  }
  return { value };
}

// The field for `current` (an object); `options`: { label, hint, readOnly, onInput }.
export function customDataField(current, { label, hint, readOnly = false, onInput } = {}) {
  const input = h('textarea', {
    class: 'input mono',
    name: 'customData',
    rows: '6',
    readonly: readOnly,
    oninput: onInput,
  });
  input.setAttribute('spellcheck', 'false');
  input.value = JSON.stringify(current ?? {}, null, 2);
  const wrap = field(label, input, { hint });
  wrap.check = () => parseObject(input).problem;
  wrap.value = () => parseObject(input).value;
  return wrap;
}
