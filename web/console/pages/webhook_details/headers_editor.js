// A webhook's custom headers: rows of name and value with Add and Remove. Returns the fieldset
// with headers() (an object of the filled rows) and setError(message).
import { h } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { button, textInput } from '../../lib/ui.js';

export function headersEditor(headers, onChange) {
  const rows = h('div', { class: 'stack' });
  const error = h('p', { class: 'field-error', role: 'alert', hidden: true });
  function addRow(name = '', value = '') {
    const nameInput = textInput({
      value: name,
      class: 'input mono',
      placeholder: t('webhook.header_name'),
      'aria-label': t('webhook.header_name'),
      'data-header': 'name',
    });
    const valueInput = textInput({
      value,
      placeholder: t('webhook.header_value'),
      'aria-label': t('webhook.header_value'),
      'data-header': 'value',
    });
    const row = h(
      'div',
      { class: 'row' },
      nameInput,
      valueInput,
      button(
        t('webhook.header_remove'),
        () => {
          row.remove();
          onChange?.();
        },
        { kind: 'text' },
      ),
    );
    rows.append(row);
    return nameInput;
  }
  Object.entries(headers ?? {}).forEach(([name, value]) => addRow(name, value));
  const editor = h(
    'fieldset',
    { class: 'headers-editor' },
    h('legend', {}, t('webhook.headers')),
    h('p', { class: 'hint' }, t('webhook.headers_hint')),
    rows,
    error,
    button(t('webhook.header_add'), () => addRow().focus(), { kind: 'secondary' }),
  );
  editor.headers = () => {
    const out = {};
    for (const row of rows.children) {
      const name = row.querySelector('[data-header=name]').value.trim();
      if (name) out[name] = row.querySelector('[data-header=value]').value;
    }
    return out;
  };
  editor.setError = (message) => {
    error.textContent = message ?? '';
    error.hidden = !message;
  };
  return editor;
}
