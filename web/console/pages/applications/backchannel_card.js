// The Backchannel logout card of an application (Logto's BackchannelLogout form): the URI Latch
// POSTs a logout token to when a session the app signed in through ends, and whether the token
// must carry the session's sid. Save PATCHes oidcClientMetadata; an API error shows at its field.
import { h, uid } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { patch } from '../../lib/api.js';
import { fieldFor } from '../../lib/field_errors.js';
import { busy, button, card, field, showSaveError, textInput, toast } from '../../lib/ui.js';

function sessionRequiredBox(app, onChange) {
  const id = uid('bcl-sid');
  const input = h('input', {
    type: 'checkbox',
    id,
    name: 'backchannelLogoutSessionRequired',
    checked: Boolean(app.oidcClientMetadata?.backchannelLogoutSessionRequired),
    'aria-describedby': `${id}-hint`,
    onchange: onChange,
  });
  const el = h(
    'div',
    { class: 'field' },
    h('label', { class: 'check', for: id }, input, t('app.backchannel_session_required')),
    h('p', { class: 'hint', id: `${id}-hint` }, t('app.backchannel_session_required_hint')),
  );
  return { el, input };
}

// `state.app` is the application; `onSaved()` runs after it took the saved settings.
export function backchannelCard(state, ctx, { onSaved }) {
  const mark = () => ctx.setDirty(true);
  const uri = field(
    t('app.backchannel_uri'),
    textInput({
      value: state.app.oidcClientMetadata?.backchannelLogoutUri ?? '',
      name: 'backchannelLogoutUri',
      placeholder: 'https://your.website.com/backchannel_logout',
      oninput: mark,
    }),
  );
  const required = sessionRequiredBox(state.app, mark);
  const formError = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const save = button(t('app.backchannel_save'), null, { kind: 'primary', type: 'submit' });
  async function submit(e) {
    e.preventDefault();
    uri.setError('');
    formError.hidden = true;
    const value = uri.input.value.trim();
    const body = {
      oidcClientMetadata: {
        backchannelLogoutUri: value || null,
        backchannelLogoutSessionRequired: required.input.checked,
      },
    };
    await busy(save, async () => {
      try {
        const path = `/applications/${encodeURIComponent(state.app.id)}`;
        ({ data: state.app } = await patch(path, body));
      } catch (error) {
        const target = fieldFor(error, { 'oidcClientMetadata.backchannelLogoutUri': uri });
        showSaveError(error, target, formError);
        return;
      }
      ctx.setDirty(false);
      toast(t('app.saved', { name: state.app.name }));
      onSaved();
    });
  }
  const form = h(
    'form',
    { class: 'stack', novalidate: true, onsubmit: submit, 'data-testid': 'backchannel-logout' },
    [uri, required.el],
    formError,
    h('div', { class: 'row' }, h('span', { class: 'spacer' }), save),
  );
  return card(
    t('app.backchannel'),
    h('p', { class: 'muted small card-intro' }, t('app.backchannel_text')),
    form,
  );
}
