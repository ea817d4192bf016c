// A JSON object typed as text, in a field: value() is the object, check() why it is not one.
import { h } from '../../lib/dom.js';
import { field } from '../../lib/ui.js';
import { parseObject } from '../../components/custom_data_field.js';

export function jsonArea(label, current, { name, hint, rows = '8', onInput } = {}) {
  const input = h('textarea', { class: 'input mono', name, rows, oninput: onInput });
  input.setAttribute('spellcheck', 'false');
  input.value = JSON.stringify(current ?? {}, null, 2);
  const wrap = field(label, input, { hint });
  wrap.check = () => parseObject(input).problem;
  wrap.value = () => parseObject(input).value;
  return wrap;
}
