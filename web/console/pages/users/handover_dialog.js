// "User added": the sign-in identifier and the password, shown once to copy and hand over.
// Closing the dialog, by its button, × or Escape, opens the new user's page.
import { html, render } from '../../lib/view.js';
import { t } from '../../lib/i18n.js';
import { button, modal } from '../../lib/ui.js';
import { CopyField } from '../../components/view_kit.js';
import { signInIdentifier } from './user_names.js';

function Handover({ user, password }) {
  return html`<div class="stack" data-testid="user-handover">
    <p>${password ? t('users.done.text') : t('users.done.no_password')}</p>
    <${CopyField}
      label=${t('users.done.identifier')}
      value=${signInIdentifier(user)}
      testId="handover-identifier"
    />
    ${
      password &&
      html`<${CopyField}
        label=${t('users.done.password')}
        value=${password}
        testId="handover-password"
      />`
    }
  </div>`;
}

export function openHandover(user, password, navigate) {
  const content = document.createElement('div');
  render(html`<${Handover} user=${user} password=${password} />`, content);
  const open = button(t('users.done.open'), () => m.close(), { kind: 'primary', autofocus: true });
  const m = modal({
    title: t('users.done.title'),
    content,
    actions: [open],
    onClose: () => {
      render(null, content);
      navigate(`/console/users/${encodeURIComponent(user.id)}`);
    },
  });
}
