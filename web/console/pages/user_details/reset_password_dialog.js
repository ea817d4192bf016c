// "Reset password": a modal with the password field (Show, Generate) that PATCHes the user's
// password, then shows the new password once to copy and hand over.
import { h } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { patch } from '../../lib/api.js';
import { button, copyField, errorText, modal, toast } from '../../lib/ui.js';
import { passwordField } from '../../components/password_field.js';
import { displayName } from '../users/user_names.js';

function showNewPassword(password) {
  const content = h(
    'div',
    { class: 'stack' },
    h('p', {}, t('user.reset_done_text')),
    copyField(t('user.new_password'), password, { testId: 'reset-password-value' }),
  );
  const done = modal({
    title: t('user.reset_done_title'),
    content,
    actions: [button(t('ui.close'), () => done.close(), { kind: 'primary' })],
  });
}

// `state.user` is the user whose password is reset.
export function openResetPassword(state) {
  const pw = passwordField(t('user.new_password'), {
    hint: t('user.password_hint'),
    required: true,
  });
  const submit = button(t('user.reset_submit'), null, { kind: 'primary', type: 'submit' });
  async function send(e) {
    e.preventDefault();
    pw.setError('');
    const password = pw.input.value;
    if (!password) {
      pw.setError(t('ui.required'));
      pw.input.focus();
      return;
    }
    submit.disabled = true;
    try {
      await patch(`/users/${encodeURIComponent(state.user.id)}/password`, { password });
      state.user.hasPassword = true;
      m.close();
      toast(t('user.reset_done'));
      showNewPassword(password);
    } catch (error) {
      pw.setError(errorText(error));
      pw.input.focus();
    } finally {
      submit.disabled = false;
    }
  }
  const form = h(
    'form',
    { class: 'stack', novalidate: true, onsubmit: send },
    h('p', {}, t('user.reset_intro', { name: displayName(state.user) })),
    pw,
    h(
      'div',
      { class: 'row' },
      h('span', { class: 'spacer' }),
      button(t('ui.cancel'), () => m.close()),
      submit,
    ),
  );
  const m = modal({ title: t('user.reset_title'), content: form });
  pw.input.focus();
}
