// "Create the first admin account" on a fresh Latch: username, password and confirmation, sent
// to /console/api/setup (with the one-time token of the setup link when the server needs it);
// then sign-in with the new account. The server names the field an error concerns.
import { h } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import { fieldFor } from '../lib/field_errors.js';
import { startSignIn } from '../lib/auth.js';
import { button, card, errorText, field, textInput } from '../lib/ui.js';

function setupFields() {
  const username = textInput({ name: 'username', autocomplete: 'username', autofocus: true });
  const password = textInput({ type: 'password', name: 'password', autocomplete: 'new-password' });
  const confirm = textInput({ type: 'password', name: 'confirm', autocomplete: 'new-password' });
  return {
    username: field(t('setup.username'), username, {
      required: true,
      hint: t('setup.username_hint'),
    }),
    password: field(t('setup.password'), password, {
      required: true,
      hint: t('setup.password_hint'),
    }),
    confirm: field(t('setup.confirm'), confirm, { required: true }),
  };
}

// Marks what is missing or does not match; true when the form can be sent.
function complete({ username, password, confirm }) {
  let ok = true;
  if (!username.input.value.trim()) {
    username.setError(t('ui.required'));
    ok = false;
  }
  if (!password.input.value) {
    password.setError(t('ui.required'));
    ok = false;
  }
  if (password.input.value !== confirm.input.value) {
    confirm.setError(t('setup.mismatch'));
    ok = false;
  }
  return ok;
}

// The card of the setup page; `token` is the setup link's (or null).
export function setupCard(status, token) {
  const fields = setupFields();
  const { username, password } = fields;
  const formError = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const fail = (message) => {
    formError.textContent = message;
    formError.hidden = false;
  };
  const submit = button(t('setup.submit'), null, { kind: 'primary', type: 'submit' });
  async function send(e) {
    e.preventDefault();
    formError.hidden = true;
    Object.values(fields).forEach((f) => f.setError(''));
    if (!complete(fields)) {
      form.querySelector('[aria-invalid="true"]')?.focus();
      return;
    }
    const name = username.input.value.trim();
    submit.disabled = true;
    try {
      const res = await fetch('/console/api/setup', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          username: name,
          password: password.input.value,
          ...(token ? { token } : {}),
        }),
      });
      const body = await res.json().catch(() => ({}));
      if (!res.ok) {
        if (body.code === 'console.setup_done') return startSignIn();
        const message = body.message || `HTTP ${res.status}`;
        const target = fieldFor(body, { username, password });
        if (target) target.setError(message);
        else fail(message);
        return;
      }
      await startSignIn({ loginHint: name });
    } catch (error) {
      fail(errorText(error));
    } finally {
      submit.disabled = false;
    }
  }
  const form = h(
    'form',
    { class: 'stack', novalidate: true, onsubmit: send },
    Object.values(fields),
    formError,
    submit,
  );
  return card(
    null,
    h('h1', { tabindex: '-1' }, t('setup.title')),
    h('p', { class: 'muted' }, t('setup.intro').replaceAll('`', '')),
    h('p', { class: 'muted small' }, status.endpoint),
    form,
  );
}
