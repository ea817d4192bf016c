// The guide's "redirect URIs" step: the app's Redirect URI and Post sign-out redirect URI,
// saved with PATCH; the edited value replaces the first registered one, the others stay.
import { h } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { patch } from '../../lib/api.js';
import { fieldFor } from '../../lib/field_errors.js';
import { busy, button, field, showSaveError, textInput, toast } from '../../lib/ui.js';

// `value` first, then the rest of `list` without its first entry and without `value`.
function merge(value, list = []) {
  const rest = list.slice(1).filter((item) => item !== value);
  return value ? [value, ...rest] : rest;
}

// `values`: what the guide shows now (guide_values.js); `onSaved()` runs after state.app took
// the saved URIs.
export function redirectForm(state, ctx, values, onSaved) {
  const redirect = field(
    t('guide.redirect_uri'),
    textInput({ value: values.redirectUri, name: 'redirectUri' }),
    { required: true },
  );
  const logout = field(
    t('guide.post_logout_uri'),
    textInput({ value: values.postSignOutRedirectUri, name: 'postLogoutRedirectUri' }),
  );
  const formError = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const save = button(t('guide.save'), null, {
    kind: 'primary',
    type: 'submit',
    'data-save-redirects': true,
  });
  const mark = () => ctx.setDirty(true);
  redirect.input.addEventListener('input', mark);
  logout.input.addEventListener('input', mark);
  async function submit(e) {
    e.preventDefault();
    redirect.setError('');
    logout.setError('');
    formError.hidden = true;
    const uri = redirect.input.value.trim();
    const after = logout.input.value.trim();
    if (!uri) {
      redirect.setError(t('ui.required'));
      redirect.input.focus();
      return;
    }
    const saved = state.app.oidcClientMetadata ?? {};
    const body = {
      oidcClientMetadata: {
        redirectUris: merge(uri, saved.redirectUris),
        postLogoutRedirectUris: merge(after, saved.postLogoutRedirectUris),
      },
    };
    await busy(save, async () => {
      try {
        const path = `/applications/${encodeURIComponent(state.app.id)}`;
        ({ data: state.app } = await patch(path, body));
      } catch (error) {
        const target = fieldFor(error, {
          'oidcClientMetadata.redirectUris': redirect,
          'oidcClientMetadata.postLogoutRedirectUris': logout,
        });
        showSaveError(error, target, formError, { focus: false });
        return;
      }
      ctx.setDirty(false);
      toast(t('guide.saved'));
      onSaved();
    });
  }
  return h(
    'form',
    { class: 'stack redirect-form', novalidate: true, onsubmit: submit },
    redirect,
    logout,
    formError,
    h('div', { class: 'row' }, save),
  );
}
