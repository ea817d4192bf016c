// The Profile card's form: username, email, phone, name and avatar. Save sends only what
// changed (an emptied field as null); an API error shows under the field it concerns.
import { h } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { patch } from '../../lib/api.js';
import { fieldFor } from '../../lib/field_errors.js';
import { button, field, showSaveError, textInput, toast } from '../../lib/ui.js';

// The fields, keyed by the API's body field names.
function profileFields() {
  const avatar = textInput({ type: 'url', name: 'avatar', placeholder: 'https://' });
  return {
    username: field(t('user.username'), textInput({ name: 'username' })),
    primaryEmail: field(t('user.email'), textInput({ type: 'email', name: 'primaryEmail' })),
    primaryPhone: field(t('user.phone'), textInput({ type: 'tel', name: 'primaryPhone' })),
    name: field(t('user.name'), textInput({ name: 'name' })),
    avatar: field(t('user.avatar'), avatar, { hint: t('user.avatar_hint') }),
  };
}

// `onSaved()` runs after state.user took the saved profile.
export function profileForm(state, ctx, { onSaved }) {
  const fields = profileFields();
  const fill = () => {
    for (const [key, f] of Object.entries(fields)) f.input.value = state.user[key] ?? '';
  };
  fill();
  const formError = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const save = button(t('user.save'), null, { kind: 'primary', type: 'submit' });
  const changes = () => {
    const body = {};
    for (const [key, f] of Object.entries(fields)) {
      const value = f.input.value.trim();
      const next = value === '' ? null : value;
      if (next !== (state.user[key] ?? null)) body[key] = next;
    }
    return body;
  };
  function edited(e) {
    Object.values(fields)
      .find((f) => f.input === e.target)
      ?.setError('');
    ctx.setDirty(Object.keys(changes()).length > 0);
  }
  async function submit(e) {
    e.preventDefault();
    formError.hidden = true;
    Object.values(fields).forEach((f) => f.setError(''));
    const body = changes();
    if (!Object.keys(body).length) {
      toast(t('user.saved'));
      return;
    }
    save.disabled = true;
    try {
      ({ data: state.user } = await patch(`/users/${encodeURIComponent(state.user.id)}`, body));
      fill();
      ctx.setDirty(false);
      onSaved();
      toast(t('user.saved'));
    } catch (error) {
      showSaveError(error, fieldFor(error, fields), formError);
    } finally {
      save.disabled = false;
    }
  }
  return h(
    'form',
    { class: 'stack', novalidate: true, oninput: edited, onsubmit: submit },
    h('div', { class: 'form-grid' }, Object.values(fields)),
    formError,
    h('div', { class: 'row' }, save),
  );
}
