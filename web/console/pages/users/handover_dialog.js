// "User added": the sign-in identifier and the password, shown once to copy and hand over.
// Closing the dialog, by its button, × or Escape, opens the new user's page.
import { h } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { button, copyField, modal } from '../../lib/ui.js';
import { signInIdentifier } from './user_names.js';

export function openHandover(user, password, navigate) {
  const content = h(
    'div',
    { class: 'stack', 'data-testid': 'user-handover' },
    h('p', {}, password ? t('users.done.text') : t('users.done.no_password')),
    copyField(t('users.done.identifier'), signInIdentifier(user), {
      testId: 'handover-identifier',
    }),
    password
      ? copyField(t('users.done.password'), password, { testId: 'handover-password' })
      : null,
  );
  const open = button(t('users.done.open'), () => m.close(), { kind: 'primary', autofocus: true });
  const m = modal({
    title: t('users.done.title'),
    content,
    actions: [open],
    onClose: () => navigate(`/console/users/${encodeURIComponent(user.id)}`),
  });
}
