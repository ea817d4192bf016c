// A password field with Show/Hide and "Generate" (fills a strong password and shows it), for
// the forms that set a user's password (Add user, Reset password).
import { h } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import { generatePassword } from '../lib/passwords.js';
import { button, field, revealToggle, textInput } from '../lib/ui.js';

// Returns a field() wrapper (setError, input) whose input sits on one row with its buttons.
export function passwordField(label, { hint, required = false } = {}) {
  const input = textInput({ type: 'password', name: 'password', autocomplete: 'new-password' });
  const toggle = revealToggle(input, label);
  const fill = () => {
    input.value = generatePassword();
    input.type = 'text';
    toggle.textContent = t('ui.hide');
    toggle.setAttribute('aria-pressed', 'true');
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.focus();
    input.select();
  };
  const generate = button(t('users.add.generate'), fill, {
    kind: 'secondary',
    title: t('users.add.generate_label'),
    'aria-label': t('users.add.generate_label'),
  });
  const wrapper = field(label, input, { hint, required });
  const row = h('div', { class: 'copy-row' });
  input.replaceWith(row);
  row.append(input, toggle, generate);
  return wrapper;
}
