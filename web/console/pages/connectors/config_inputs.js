// One control per type of factory form item (boolean, select, multiline, json, number, text or
// secret), labelled and hinted. configControl returns { wrap, read }: the field() wrapper (with
// setError and input) and read(), the value to send (throws on bad JSON).
import { h, uid } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { field, textInput } from '../../lib/ui.js';
import { itemHint, itemLabel, optionLabel } from './item_texts.js';

const isTrue = (value) => value === true || value === 'true';
const nothing = (raw) => !raw.trim();

function checkboxControl(item, current, { factoryId, changed }) {
  const id = uid('cfg');
  const input = h('input', {
    type: 'checkbox',
    id,
    name: `config-${item.key}`,
    checked: isTrue(current),
    onchange: changed,
  });
  const hint = itemHint(factoryId, item);
  const wrap = h(
    'div',
    { class: 'field' },
    h('label', { class: 'check', for: id }, input, itemLabel(factoryId, item)),
    hint ? h('p', { class: 'hint' }, hint) : null,
  );
  wrap.setError = () => {};
  wrap.input = input;
  return { wrap, read: () => input.checked };
}

function selectControl(item, current, { factoryId, changed }) {
  const blank = item.required || item.defaultValue !== undefined;
  const options = (item.selectItems ?? []).map((v) => {
    const value = typeof v === 'object' ? v.value : v;
    const title = typeof v === 'object' && v.title ? v.title : optionLabel(factoryId, item, value);
    return h('option', { value, selected: String(current ?? '') === String(value) }, title);
  });
  return h(
    'select',
    { class: 'input', name: `config-${item.key}`, onchange: changed },
    blank ? null : h('option', { value: '' }, '—'),
    options,
  );
}

function textareaControl(item, current, { changed }) {
  const json = item.type === 'json';
  const structured =
    json && current !== undefined && current !== null && typeof current !== 'string';
  const input = h('textarea', {
    class: json ? 'input mono' : 'input',
    name: `config-${item.key}`,
    rows: json ? '4' : '2',
    oninput: changed,
  });
  input.value = structured ? JSON.stringify(current, null, 2) : (current ?? '');
  return input;
}

function lineControl(item, current, { changed }) {
  const number = item.type === 'number';
  return textInput({
    name: `config-${item.key}`,
    type: number ? 'number' : item.isSecret ? 'password' : 'text',
    inputmode: number ? 'numeric' : item.type === 'url' ? 'url' : null,
    step: number ? '1' : null,
    autocomplete: item.isSecret ? 'new-password' : 'off',
    spellcheck: number ? null : 'false',
    value: current ?? '',
    placeholder: item.type === 'url' && item.defaultValue ? item.defaultValue : null,
    oninput: changed,
  });
}

// The value of `input` to send. Emptied while editing: null resets the item to its default.
function reader(item, input, editing) {
  return () => {
    const raw = input.value;
    if (item.type === 'json') {
      if (nothing(raw)) return editing ? null : undefined;
      return JSON.parse(raw);
    }
    if (item.type === 'number') {
      if (nothing(raw)) return editing ? null : undefined;
      return Number.isFinite(Number(raw)) ? Number(raw) : raw;
    }
    return item.type === 'multiline' ? raw.trim().replace(/\s+/g, ' ') : raw.trim();
  };
}

// options: { factoryId, editing, changed }
export function configControl(item, current, options) {
  if (item.type === 'boolean') return checkboxControl(item, current, options);
  const { factoryId, editing } = options;
  let input;
  if (item.type === 'select') input = selectControl(item, current, options);
  else if (item.type === 'multiline' || item.type === 'json') {
    input = textareaControl(item, current, options);
  } else input = lineControl(item, current, options);
  const hint = [itemHint(factoryId, item), item.isSecret && editing ? t('conn.secret_hint') : '']
    .filter(Boolean)
    .join(' ');
  const wrap = field(itemLabel(factoryId, item), input, {
    required: Boolean(item.required),
    hint: hint || undefined,
  });
  wrap.dataset.key = item.key;
  // A message about the value goes once the value changes.
  input.addEventListener(item.type === 'select' ? 'change' : 'input', () => wrap.setError(''));
  return { wrap, read: reader(item, input, editing) };
}
