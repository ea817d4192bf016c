// The audit log's filters: event, application, result and user id. `filters` holds the current ones
// (from the URL); `go(changes)` shows the list with some of them changed, `reset()` without any.
import { h } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { button, field, textInput } from '../../lib/ui.js';
import { LOG_KEYS, eventLabel } from './log_texts.js';

// A <select> of `options` [[value, label]] after "all", keeping a current value it lacks.
function filterSelect(name, current, allLabel, options, go) {
  const known = options.some(([value]) => value === current);
  return h(
    'select',
    { class: 'input', name, onchange: (e) => go({ [name]: e.target.value }) },
    h('option', { value: '', selected: !current }, allLabel),
    options.map(([value, label]) => h('option', { value, selected: value === current }, label)),
    current && !known ? h('option', { value: current, selected: true }, current) : null,
  );
}

// `names`: every application's name by id.
export function filterBar(filters, names, { go, reset }) {
  const events = LOG_KEYS.map((key) => [key, eventLabel(key)]);
  const eventSelect = filterSelect('logKey', filters.logKey, t('logs.all_events'), events, go);
  const apps = [...names];
  const appSelect = filterSelect(
    'applicationId',
    filters.applicationId,
    t('logs.all_apps'),
    apps,
    go,
  );
  const results = [
    ['Success', t('logs.success')],
    ['Error', t('logs.error')],
  ];
  const resultSelect = filterSelect('result', filters.result, t('logs.all_results'), results, go);
  const userInput = textInput({
    name: 'userId',
    value: filters.userId,
    placeholder: t('logs.user_placeholder'),
    class: 'input mono',
  });
  const anyFilter = Object.values(filters).some(Boolean);
  const submit = (e) => {
    e.preventDefault();
    go({ userId: userInput.value.trim() });
  };
  return h(
    'form',
    { class: 'filter-bar', role: 'search', 'aria-label': t('logs.filters'), onsubmit: submit },
    field(t('logs.event'), eventSelect),
    field(t('logs.application'), appSelect),
    field(t('logs.result'), resultSelect),
    field(t('logs.user_id'), userInput),
    h(
      'div',
      { class: 'filter-actions' },
      button(t('logs.apply'), null, { kind: 'secondary', type: 'submit' }),
      anyFilter ? button(t('logs.reset'), reset, { kind: 'text' }) : null,
    ),
  );
}
