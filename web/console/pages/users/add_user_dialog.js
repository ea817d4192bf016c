// "Add user": a modal form (username, email, phone, name, password with Generate) that POSTs
// /api/users, then hands the sign-in details over once (handover_dialog.js).
import { html, render, useEffect, useRef, useState } from '../../lib/view.js';
import { t } from '../../lib/i18n.js';
import { post } from '../../lib/api.js';
import { errorField } from '../../lib/field_errors.js';
import { errorText, modal, toast } from '../../lib/ui.js';
import { Button, Field, PasswordField, TextInput } from '../../components/view_kit.js';
import { openHandover } from './handover_dialog.js';
import { displayName } from './user_names.js';

const TEXT_FIELDS = [
  ['username', 'users.add.username', {}],
  ['primaryEmail', 'users.add.email', { type: 'email', placeholder: 'user@example.com' }],
  ['primaryPhone', 'users.add.phone', { type: 'tel', placeholder: '+81 90 1234 5678' }],
  ['name', 'users.add.name', {}],
];
const EMPTY = { username: '', primaryEmail: '', primaryPhone: '', name: '', password: '' };

// The POST body: the filled fields, trimmed (not the password), the phone without spacing.
function userBody(values) {
  const body = {};
  for (const [key, raw] of Object.entries(values)) {
    const value = key === 'password' ? raw : raw.trim();
    if (value) body[key] = key === 'primaryPhone' ? value.replace(/[\s()-]/g, '') : value;
  }
  return body;
}

function AddUserForm({ close, navigate }) {
  const [values, setValues] = useState(EMPTY);
  const [errors, setErrors] = useState({});
  const [sending, setSending] = useState(false);
  const refs = { username: useRef(), primaryEmail: useRef(), primaryPhone: useRef() };
  Object.assign(refs, { name: useRef(), password: useRef() });
  // Focus goes to the username first, then to the field of each new error.
  const [focusOn, setFocusOn] = useState({ key: 'username' });
  useEffect(() => {
    refs[focusOn.key]?.current?.focus();
  }, [focusOn]);
  // A new value clears the message about the old one.
  const set = (key) => (value) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => ({ ...e, [key]: '' }));
  };
  const fail = (key, message) => {
    setErrors(key in EMPTY ? { [key]: message } : { form: message });
    setFocusOn({ key });
  };
  async function send(e) {
    e.preventDefault();
    const body = userBody(values);
    if (!body.username && !body.primaryEmail && !body.primaryPhone) {
      fail('username', t('users.add.need_identifier'));
      return;
    }
    setErrors({});
    setSending(true);
    try {
      const { data } = await post('/users', body);
      close();
      toast(t('users.add.created', { name: displayName(data) }));
      openHandover(data, body.password, navigate);
    } catch (error) {
      fail(errorField(error), errorText(error));
      setSending(false);
    }
  }
  return html`<form class="stack" novalidate onSubmit=${send}>
    <p class="muted">${t('users.add.intro')}</p>
    ${TEXT_FIELDS.map(
      ([key, label, props]) =>
        html`<${Field} label=${t(label)} error=${errors[key]}>
          ${(input) =>
            html`<${TextInput}
              ...${input}
              ...${props}
              name=${key}
              value=${values[key]}
              onValue=${set(key)}
              inputRef=${refs[key]}
            />`}
        <//>`,
    )}
    <${PasswordField}
      label=${t('users.add.password')}
      hint=${t('users.add.password_hint')}
      value=${values.password}
      onValue=${set('password')}
      error=${errors.password}
      inputRef=${refs.password}
    />
    <p class="form-error" role="alert" hidden=${!errors.form}>${errors.form}</p>
    <div class="row">
      <span class="spacer"></span>
      <${Button} onClick=${close}>${t('ui.cancel')}<//>
      <${Button} kind="primary" type="submit" disabled=${sending}>${t('users.add.submit')}<//>
    </div>
  </form>`;
}

export function openAddUser({ navigate }) {
  const content = document.createElement('div');
  const m = modal({
    title: t('users.add.title'),
    content,
    onClose: () => render(null, content),
  });
  render(html`<${AddUserForm} close=${() => m.close()} navigate=${navigate} />`, content);
  return m;
}
