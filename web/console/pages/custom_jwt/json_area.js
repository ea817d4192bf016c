// A JSON object typed as text, in a field: value() is the object, check() why it is not one
// (with `strings`, also when a member is not a string: environment variables).
import { h } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { field } from '../../lib/ui.js';

function read(input, strings) {
  let value;
  try {
    value = JSON.parse(input.value.trim() || '{}');
  } catch (error) {
    return { problem: t('jwt.json_invalid', { error: error.message }) };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { problem: t('jwt.json_object') };
  }
  if (strings && Object.values(value).some((v) => typeof v !== 'string')) {
    return { problem: t('jwt.json_strings') };
  }
  return { value };
}

export function jsonArea(label, current, { name, hint, rows = '8', onInput, strings } = {}) {
  const input = h('textarea', { class: 'input mono', name, rows, oninput: onInput });
  input.setAttribute('spellcheck', 'false');
  input.value = JSON.stringify(current ?? {}, null, 2);
  const wrap = field(label, input, { hint });
  wrap.check = () => read(input, strings).problem;
  wrap.value = () => read(input, strings).value;
  return wrap;
}
