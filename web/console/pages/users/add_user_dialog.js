// "Add user": a modal form (username, email, phone, name, password with Generate) that POSTs
// /api/users, then hands the sign-in details over once (handover_dialog.js).
import { h } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { post } from '../../lib/api.js';
import { fieldFor } from '../../lib/field_errors.js';
import { button, field, modal, showSaveError, textInput, toast } from '../../lib/ui.js';
import { passwordField } from '../../components/password_field.js';
import { openHandover } from './handover_dialog.js';
import { displayName } from './user_names.js';

// The form's fields, keyed by the API's body field names.
function userFields() {
  const text = (label, props) => field(t(label), textInput(props));
  return {
    username: text('users.add.username', { name: 'username', autofocus: true }),
    primaryEmail: text('users.add.email', {
      type: 'email',
      name: 'primaryEmail',
      placeholder: 'user@example.com',
    }),
    primaryPhone: text('users.add.phone', {
      type: 'tel',
      name: 'primaryPhone',
      placeholder: '+81 90 1234 5678',
    }),
    name: text('users.add.name', { name: 'name' }),
    password: passwordField(t('users.add.password'), { hint: t('users.add.password_hint') }),
  };
}

// The POST body: the filled fields, trimmed (not the password), the phone without spacing.
function userBody(fields) {
  const body = {};
  for (const [key, f] of Object.entries(fields)) {
    const value = key === 'password' ? f.input.value : f.input.value.trim();
    if (value) body[key] = key === 'primaryPhone' ? value.replace(/[\s()-]/g, '') : value;
  }
  return body;
}

export function openAddUser({ navigate }) {
  const fields = userFields();
  const formError = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const submit = button(t('users.add.submit'), null, { kind: 'primary', type: 'submit' });
  async function send(e) {
    e.preventDefault();
    formError.hidden = true;
    Object.values(fields).forEach((f) => f.setError(''));
    const body = userBody(fields);
    if (!body.username && !body.primaryEmail && !body.primaryPhone) {
      fields.username.setError(t('users.add.need_identifier'));
      fields.username.input.focus();
      return;
    }
    submit.disabled = true;
    try {
      const { data } = await post('/users', body);
      m.close();
      toast(t('users.add.created', { name: displayName(data) }));
      openHandover(data, body.password, navigate);
    } catch (error) {
      showSaveError(error, fieldFor(error, fields), formError);
    } finally {
      submit.disabled = false;
    }
  }
  // A new value clears the message about the old one.
  const clearOne = (e) =>
    Object.values(fields)
      .find((f) => f.input === e.target)
      ?.setError('');
  const form = h(
    'form',
    { class: 'stack', novalidate: true, oninput: clearOne, onsubmit: send },
    h('p', { class: 'muted' }, t('users.add.intro')),
    Object.values(fields),
    formError,
    h(
      'div',
      { class: 'row' },
      h('span', { class: 'spacer' }),
      button(t('ui.cancel'), () => m.close()),
      submit,
    ),
  );
  const m = modal({ title: t('users.add.title'), content: form });
  fields.username.input.focus();
  return m;
}
