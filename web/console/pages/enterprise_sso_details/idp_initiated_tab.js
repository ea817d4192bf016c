// A SAML connector's "IdP-initiated SSO" tab, as Logto's: off unless enabled; then the default
// application people land in, and how: redirected to the app's client callback URI to start an
// SP-initiated sign-in (recommended), or signed in directly with a code sent to one of the app's
// redirect URIs, with extra authentication parameters (a JSON object). Saving sends
// PUT /api/sso-connectors/:id/idp-initiated-auth-config, or DELETE when turned off.
import { h, replace } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { del, get, put } from '../../lib/api.js';
import { fieldFor } from '../../lib/field_errors.js';
import {
  button,
  stackCard,
  errorState,
  field,
  loading,
  showSaveError,
  textInput,
  toast,
} from '../../lib/ui.js';
import { checkboxField, radioGroup, selectInput } from '../../components/controls.js';

// Logto offers traditional web apps, SPAs and SAML apps as the landing application.
const LANDING_TYPES = new Set(['Traditional', 'SPA', 'SAML']);

async function load(path) {
  const [config, apps] = await Promise.all([
    get(path).then(
      (r) => r.data,
      (error) => {
        if (error.status === 404 && error.code === 'entity.not_found') return null;
        throw error;
      },
    ),
    get('/applications', { page: 1, page_size: 100 }),
  ]);
  return { config, apps: (apps.data ?? []).filter((a) => LANDING_TYPES.has(a.type)) };
}

// The form over the loaded config (null when off) and applications.
function configForm(path, ctx, { config, apps }) {
  const state = {
    enabled: Boolean(config),
    appId: config?.defaultApplicationId ?? apps[0]?.id ?? '',
    direct: Boolean(config?.autoSendAuthorizationRequest),
    redirectUri: config?.redirectUri ?? '',
  };
  const callback = field(
    t('sso.idp.callback_uri'),
    textInput({ name: 'clientIdpInitiatedAuthCallbackUri', placeholder: 'https://' }),
    { required: true, hint: t('sso.idp.callback_uri_hint') },
  );
  callback.input.value = config?.clientIdpInitiatedAuthCallbackUri ?? '';
  const params = h('textarea', { class: 'input mono', name: 'authParameters', rows: '4' });
  params.value = JSON.stringify(config?.authParameters ?? {}, null, 2);
  const paramsField = field(t('sso.idp.auth_params'), params, {
    hint: t('sso.idp.auth_params_hint'),
  });
  const fields = { clientIdpInitiatedAuthCallbackUri: callback, authParameters: paramsField };
  const area = h('div', { class: 'stack' });
  const app = () => apps.find((a) => a.id === state.appId);

  function appField() {
    if (!apps.length) return h('p', { class: 'field-error', role: 'alert' }, t('sso.idp.no_apps'));
    const options = apps.map((a) => ({ value: a.id, label: `${a.name} (${a.type}, ID: ${a.id})` }));
    const select = selectInput(options, state.appId, (v) => {
      state.appId = v;
      if (app()?.type === 'SPA') state.direct = false;
      draw();
    });
    return (fields.defaultApplicationId = field(t('sso.idp.default_app'), select, {
      required: true,
      hint: t('sso.idp.default_app_hint'),
    }));
  }

  function redirectField() {
    const uris = app()?.oidcClientMetadata?.redirectUris ?? [];
    if (!uris.length)
      return h('p', { class: 'field-error', role: 'alert' }, t('sso.idp.no_redirect_uris'));
    if (!uris.includes(state.redirectUri)) state.redirectUri = uris[0];
    const select = selectInput(
      uris.map((u) => ({ value: u, label: u })),
      state.redirectUri,
      (v) => (state.redirectUri = v),
    );
    return (fields.redirectUri = field(t('sso.idp.redirect_uri'), select, {
      required: true,
      hint: t('sso.idp.redirect_uri_hint'),
    }));
  }

  function draw() {
    const toggle = checkboxField(
      t('sso.idp.enable'),
      state.enabled,
      (on) => {
        state.enabled = on;
        draw();
      },
      { hint: t('sso.idp.enable_hint') },
    );
    if (!state.enabled) {
      replace(area, toggle);
      return;
    }
    const spa = app()?.type === 'SPA';
    const kinds = [
      {
        value: 'redirect',
        label: t('sso.idp.kind.redirect'),
        hint: t('sso.idp.kind.redirect_hint'),
      },
      {
        value: 'direct',
        label: t('sso.idp.kind.direct'),
        hint: spa ? t('sso.idp.kind.direct_spa') : t('sso.idp.kind.direct_hint'),
      },
    ];
    const kind = radioGroup(t('sso.idp.kind'), kinds, state.direct ? 'direct' : 'redirect', (v) => {
      state.direct = v === 'direct' && !spa;
      draw();
    });
    if (spa) kind.querySelector('input[value="direct"]').disabled = true;
    replace(
      area,
      toggle,
      appField(),
      kind,
      state.direct ? [redirectField(), paramsField] : callback,
    );
  }
  draw();

  // The PUT body, or a field wrapper to show `problem` under ({ target, problem }).
  function payload() {
    if (!state.appId) return { problem: t('sso.idp.no_apps') };
    const body = { defaultApplicationId: state.appId, autoSendAuthorizationRequest: state.direct };
    if (!state.direct) {
      const uri = callback.input.value.trim();
      if (!uri) return { target: callback, problem: t('ui.required') };
      return { body: { ...body, clientIdpInitiatedAuthCallbackUri: uri } };
    }
    if (!state.redirectUri) return { problem: t('sso.idp.no_redirect_uris') };
    let authParameters;
    try {
      authParameters = JSON.parse(params.value.trim() || '{}');
    } catch {
      authParameters = null;
    }
    if (!authParameters || typeof authParameters !== 'object' || Array.isArray(authParameters)) {
      return { target: paramsField, problem: t('sso.idp.auth_params_invalid') };
    }
    return { body: { ...body, redirectUri: state.redirectUri, authParameters } };
  }

  const formError = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const save = button(t('sso.save'), null, { kind: 'primary', type: 'submit' });
  async function submit(e) {
    e.preventDefault();
    formError.hidden = true;
    for (const f of Object.values(fields)) f.setError('');
    const next = state.enabled ? payload() : { body: null };
    if (next.problem) {
      showSaveError(new Error(next.problem), next.target, formError);
      return;
    }
    save.disabled = true;
    try {
      if (next.body) await put(path, next.body);
      else await del(path);
      ctx.setDirty(false);
      toast(t('sso.saved'));
    } catch (error) {
      showSaveError(error, fieldFor(error, fields), formError);
    } finally {
      save.disabled = false;
    }
  }
  return h(
    'form',
    { class: 'stack', novalidate: true, onsubmit: submit, onchange: () => ctx.setDirty(true) },
    stackCard(t('sso.idp.title'), h('p', { class: 'muted' }, t('sso.idp.intro')), area),
    formError,
    h('div', { class: 'row' }, save),
  );
}

export async function idpInitiatedTab(state, ctx) {
  const path = `/sso-connectors/${encodeURIComponent(state.connector.id)}/idp-initiated-auth-config`;
  const area = h('div', {}, loading());
  async function show() {
    try {
      replace(area, configForm(path, ctx, await load(path)));
    } catch (error) {
      replace(area, errorState(error, show));
    }
  }
  await show();
  return area;
}
