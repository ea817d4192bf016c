// The Settings card of an application: name, description, redirect URIs, post sign-out
// redirect URIs and "require pushed authorization requests" (not for machine-to-machine apps),
// CORS origins, third party, token exchange (customClientMetadata.allowTokenExchange) and custom
// data (a JSON object). Save
// PATCHes them; an API error shows at the field (and the list item) it concerns.
import { h, richText, uid } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { patch } from '../../lib/api.js';
import { fieldAt } from '../../lib/field_errors.js';
import { busy, button, card, errorText, field, textInput, toast } from '../../lib/ui.js';
import { listEditor } from '../../components/list_editor.js';
import { customDataField } from '../../components/custom_data_field.js';

// The redirect URI lists of a user-facing app (null for machine-to-machine and device-flow apps,
// which never redirect).
function redirectLists(app, options) {
  if (app.type === 'MachineToMachine' || app.customClientMetadata?.isDeviceFlow) {
    return { redirects: null, logouts: null };
  }
  const native = app.type === 'Native';
  const metadata = app.oidcClientMetadata ?? {};
  const redirects = listEditor(
    t('app.redirect_uris'),
    (n) => t('app.redirect_uri', { n }),
    metadata.redirectUris ?? [],
    {
      hint: richText(t('app.redirect_uris_hint')),
      placeholder: native ? 'io.logto://callback' : 'https://your.website.com/callback',
      ...options,
    },
  );
  const logouts = listEditor(
    t('app.post_logout_uris'),
    (n) => t('app.post_logout_uri', { n }),
    metadata.postLogoutRedirectUris ?? [],
    {
      hint: t('app.post_logout_uris_hint'),
      placeholder: native ? 'io.logto://signed-out' : 'https://your.website.com/',
      ...options,
    },
  );
  return { redirects, logouts };
}

// A checkbox with its label and hint (and an optional second note); { el, input }.
function checkBox({ label, hint, checked, testId, note }, { onChange, readOnly }) {
  const id = uid('check');
  const input = h('input', {
    type: 'checkbox',
    id,
    checked: Boolean(checked),
    disabled: readOnly,
    'aria-describedby': `${id}-hint`,
    'data-testid': testId,
    onchange: onChange,
  });
  const el = h(
    'div',
    { class: 'field' },
    h('label', { class: 'check', for: id }, input, label),
    h('p', { class: 'hint', id: `${id}-hint` }, hint),
    note ? h('p', { class: 'hint' }, note) : null,
  );
  return { el, input };
}

function thirdPartyBox(app, options) {
  const box = { label: t('app.third_party'), hint: t('app.third_party_hint') };
  return checkBox({ ...box, checked: app.isThirdParty }, options);
}

// RFC 9126 §6: the app's sign-ins must come through /oidc/request (null where it never redirects).
function parBox(app, options) {
  if (app.type === 'MachineToMachine' || app.customClientMetadata?.isDeviceFlow) return null;
  const box = { label: t('app.require_par'), hint: t('app.require_par_hint') };
  const checked = app.oidcClientMetadata?.requirePushedAuthorizationRequests;
  return checkBox({ ...box, checked, testId: 'require-par' }, options);
}

// Logto's customClientMetadata.allowTokenExchange (RFC 8693), with its warning for public clients.
function tokenExchangeBox(app, options) {
  const publicClient = app.type === 'SPA' || app.type === 'Native';
  const box = {
    label: t('app.token_exchange'),
    hint: t('app.token_exchange_hint'),
    note: publicClient ? t('app.token_exchange_public_warning') : null,
    testId: 'allow-token-exchange',
  };
  return checkBox({ ...box, checked: app.customClientMetadata?.allowTokenExchange }, options);
}

// A device-flow app's authorization flow: shown, never edited (Logto sets it at creation).
function deviceFlowNote(app) {
  if (!app.customClientMetadata?.isDeviceFlow) return null;
  return h(
    'div',
    { class: 'field', 'data-testid': 'device-flow' },
    h('p', {}, h('strong', {}, t('app.device_flow'))),
    h('p', { class: 'hint' }, t('app.device_flow_hint', { url: `${location.origin}/device` })),
  );
}

// The form's fields; every edit marks the page dirty.
function settingsFields(app, ctx, readOnly) {
  const options = { onChange: () => ctx.setDirty(true), readOnly };
  const nameInput = textInput({
    value: app.name,
    maxlength: '256',
    readonly: readOnly,
    oninput: options.onChange,
  });
  const text = h('textarea', {
    class: 'input',
    rows: '2',
    placeholder: t('app.description_placeholder'),
    readonly: readOnly,
    oninput: options.onChange,
  });
  text.value = app.description ?? '';
  const cors = listEditor(
    t('app.cors'),
    (n) => t('app.cors_item', { n }),
    app.customClientMetadata?.corsAllowedOrigins ?? [],
    { hint: t('app.cors_hint'), placeholder: 'https://your.website.com', ...options },
  );
  return {
    name: field(t('app.name'), nameInput, { required: !readOnly }),
    description: field(t('app.description'), text),
    ...redirectLists(app, options),
    cors,
    third: thirdPartyBox(app, options),
    par: parBox(app, options),
    exchange: tokenExchangeBox(app, options),
    customData: customDataField(app.customData, {
      label: t('app.custom_data'),
      hint: t('app.custom_data_hint'),
      readOnly,
      onInput: options.onChange,
    }),
  };
}

// Shows an API error at the field it concerns, else in `formError`.
function showError(error, f, formError) {
  const at = fieldAt(error, {
    name: f.name,
    'oidcClientMetadata.redirectUris': f.redirects,
    'oidcClientMetadata.postLogoutRedirectUris': f.logouts,
    'customClientMetadata.corsAllowedOrigins': f.cors,
    customData: f.customData,
  });
  if (!at) {
    formError.textContent = errorText(error);
    formError.hidden = false;
    return;
  }
  at.target.setError(errorText(error), at.rest);
  const bad = at.target.querySelector('[aria-invalid="true"]');
  (bad ?? at.target.querySelector('input'))?.focus();
}

// `state.app` is the application; `onSaved()` runs after it took the saved settings.
export function settingsCard(state, ctx, { readOnly, onSaved }) {
  const f = settingsFields(state.app, ctx, readOnly);
  const formError = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const save = button(t('app.save'), null, { kind: 'primary', type: 'submit' });
  async function submit(e) {
    e.preventDefault();
    if (readOnly) return;
    formError.hidden = true;
    [f.name, f.redirects, f.logouts, f.cors, f.customData].forEach((x) => x?.setError(''));
    const name = f.name.input.value.trim();
    if (!name) {
      f.name.setError(t('ui.required'));
      f.name.input.focus();
      return;
    }
    const problem = f.customData.check();
    if (problem) {
      f.customData.setError(problem);
      f.customData.input.focus();
      return;
    }
    const body = {
      name,
      description: f.description.input.value.trim(),
      customClientMetadata: {
        corsAllowedOrigins: f.cors.values(),
        allowTokenExchange: f.exchange.input.checked,
      },
      isThirdParty: f.third.input.checked,
      customData: f.customData.value(),
    };
    if (f.redirects) {
      body.oidcClientMetadata = {
        redirectUris: f.redirects.values(),
        postLogoutRedirectUris: f.logouts.values(),
        requirePushedAuthorizationRequests: f.par.input.checked,
      };
    }
    await busy(save, async () => {
      try {
        const path = `/applications/${encodeURIComponent(state.app.id)}`;
        ({ data: state.app } = await patch(path, body));
      } catch (error) {
        showError(error, f, formError);
        return;
      }
      ctx.setDirty(false);
      toast(t('app.saved', { name: state.app.name }));
      onSaved();
    });
  }
  const form = h(
    'form',
    { class: 'stack', novalidate: true, onsubmit: submit },
    [
      f.name,
      f.description,
      deviceFlowNote(state.app),
      f.redirects,
      f.logouts,
      f.par?.el,
      f.cors,
      f.third.el,
      f.exchange.el,
      f.customData,
    ],
    formError,
    readOnly ? null : h('div', { class: 'row' }, h('span', { class: 'spacer' }), save),
  );
  return card(
    t('app.settings'),
    h('p', { class: 'muted small card-intro' }, t('app.settings_text')),
    form,
  );
}
