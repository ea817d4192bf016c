// The sticky bar that appears while the draft has unsaved changes: why the last save failed,
// Discard and Save changes. Returns { el, show(dirty), fail(message), clear(), button }.
import { h } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { button } from '../../lib/ui.js';

export function saveBar({ onSave, onDiscard }) {
  const formError = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const save = button(t('sie.save'), onSave, { kind: 'primary' });
  const el = h(
    'div',
    { class: 'save-bar', hidden: true, role: 'region', 'aria-label': t('sie.unsaved') },
    h('span', {}, t('sie.unsaved')),
    formError,
    h('span', { class: 'spacer' }),
    button(t('sie.discard'), onDiscard),
    save,
  );
  return {
    el,
    button: save,
    show: (dirty) => {
      el.hidden = !dirty;
    },
    fail(message) {
      formError.textContent = `${t('sie.save_failed')}: ${message}`;
      formError.hidden = false;
    },
    clear: () => {
      formError.hidden = true;
    },
  };
}
