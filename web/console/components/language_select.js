// The language menu (English, 日本語) of the top bars; onChange(code) with the chosen one.
import { h } from '../lib/dom.js';
import { languages, lang, t } from '../lib/i18n.js';

export function languageSelect(onChange) {
  return h(
    'select',
    {
      class: 'input lang-select',
      'aria-label': t('shell.language'),
      onchange: (e) => onChange(e.target.value),
    },
    languages.map((l) => h('option', { value: l.code, selected: l.code === lang() }, l.label)),
  );
}
