// "Invite member": the invitee's email, the organization roles they get on joining, how long
// the invitation lasts and whether Latch emails the link; POSTs /api/organization-invitations
// (the operator is the inviter) and calls onInvited(invitation).
import { h } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { post } from '../../lib/api.js';
import { currentSession } from '../../lib/auth.js';
import { fieldFor } from '../../lib/field_errors.js';
import { button, field, modal, showSaveError, textInput } from '../../lib/ui.js';
import { checkboxField, selectInput } from '../../components/controls.js';
import { roleChecks } from '../organizations/role_checks.js';

const DAY = 24 * 60 * 60 * 1000;
const EXPIRY_DAYS = [1, 3, 7, 14, 30];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function openInvite(org, onInvited) {
  const fields = {
    invitee: field(
      t('org.invite.email'),
      textInput({ type: 'email', name: 'invitee', placeholder: 'name@example.com' }),
      { required: true },
    ),
  };
  const roles = roleChecks({ label: t('org.invite.roles') });
  let days = 7;
  const expiry = field(
    t('org.invite.expiry'),
    selectInput(
      EXPIRY_DAYS.map((n) => ({ value: String(n), label: t('org.invite.days', { n }) })),
      String(days),
      (value) => {
        days = Number(value);
      },
      { name: 'expiresAt' },
    ),
  );
  let sendEmail = true;
  const email = checkboxField(
    t('org.invite.send_email'),
    sendEmail,
    (on) => {
      sendEmail = on;
    },
    { hint: t('org.invite.send_email_hint') },
  );
  const formError = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const submit = button(t('org.invite.submit'), null, { kind: 'primary', type: 'submit' });

  async function send(e) {
    e.preventDefault();
    formError.hidden = true;
    fields.invitee.setError('');
    const invitee = fields.invitee.input.value.trim();
    if (!EMAIL.test(invitee)) {
      fields.invitee.setError(t('org.invite.invalid_email'));
      fields.invitee.input.focus();
      return;
    }
    const body = {
      invitee,
      organizationId: org.id,
      expiresAt: Date.now() + days * DAY,
      organizationRoleIds: roles.selected(),
      messagePayload: sendEmail ? {} : false,
    };
    const inviterId = currentSession()?.user?.id;
    if (inviterId) body.inviterId = inviterId;
    submit.disabled = true;
    try {
      const { data } = await post('/organization-invitations', body);
      m.close();
      onInvited(data);
    } catch (error) {
      if (error.code === 'connector.not_found') {
        formError.textContent = t('org.invite.no_connector');
        formError.hidden = false;
        return;
      }
      const target = fieldFor(error, { ...fields, expiresAt: expiry });
      showSaveError(error, target, formError);
    } finally {
      submit.disabled = false;
    }
  }
  const form = h(
    'form',
    { class: 'stack', novalidate: true, onsubmit: send },
    h('p', { class: 'muted' }, t('org.invite.intro', { name: org.name })),
    fields.invitee,
    h('div', { class: 'field' }, h('span', { class: 'label' }, t('org.invite.roles')), roles.el),
    expiry,
    email,
    formError,
    h(
      'div',
      { class: 'row' },
      h('span', { class: 'spacer' }),
      button(t('ui.cancel'), () => m.close()),
      submit,
    ),
  );
  const m = modal({ title: t('org.invite.title'), content: form, wide: true });
  fields.invitee.input.focus();
  return m;
}
