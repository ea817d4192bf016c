// "Add enterprise connector": the providers of GET /api/sso-connector-providers as cards (the
// enterprise IdPs first, then the standard protocols OIDC and SAML, as Logto groups them), and
// the connector's name; creates it with POST /api/sso-connectors and hands it to onCreated.
import { h, replace, uid } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { get, post } from '../../lib/api.js';
import { fieldFor } from '../../lib/field_errors.js';
import {
  button,
  errorState,
  field,
  loading,
  modal,
  showSaveError,
  textInput,
} from '../../lib/ui.js';
import { ssoLogo } from './sso_kinds.js';

// Logto's standard protocols; every other provider is an enterprise IdP.
const STANDARD = new Set(['OIDC', 'SAML']);

// One provider as a radio card: logo, name and description.
function providerCard(provider, group) {
  const id = uid('provider');
  const input = h('input', {
    type: 'radio',
    id,
    name: group,
    value: provider.providerName,
    'data-provider': provider.providerName,
  });
  return h(
    'label',
    { class: 'framework-card sso-provider', for: id },
    input,
    ssoLogo(provider, { providerLogo: provider.logo }),
    h(
      'span',
      {},
      h('span', { class: 'framework-name' }, provider.name),
      h('span', { class: 'framework-desc' }, provider.description ?? ''),
    ),
  );
}

function providerCards(providers, group) {
  const enterprise = providers.filter((p) => !STANDARD.has(p.providerName));
  const standard = providers.filter((p) => STANDARD.has(p.providerName));
  return h(
    'fieldset',
    { class: 'sso-providers' },
    h('legend', { class: 'sr-only' }, t('sso.create.providers')),
    h(
      'div',
      { class: 'framework-grid' },
      enterprise.map((p) => providerCard(p, group)),
    ),
    h('p', { class: 'muted sso-divider' }, t('sso.create.divider')),
    h(
      'div',
      { class: 'framework-grid' },
      standard.map((p) => providerCard(p, group)),
    ),
  );
}

export function openCreateSso(onCreated) {
  const group = uid('providers');
  const area = h('div', {}, loading());
  const name = field(
    t('sso.create.name'),
    textInput({ name: 'connectorName', placeholder: t('sso.create.name_placeholder') }),
    { required: true },
  );
  const formError = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const submit = button(t('sso.create.submit'), null, { kind: 'primary', type: 'submit' });
  const chosen = () => area.querySelector(`input[name="${group}"]:checked`)?.value;

  async function send(e) {
    e.preventDefault();
    formError.hidden = true;
    name.setError('');
    const providerName = chosen();
    const connectorName = name.input.value.trim();
    if (!providerName) {
      formError.textContent = t('sso.create.pick_provider');
      formError.hidden = false;
      return;
    }
    if (!connectorName) {
      name.setError(t('ui.required'));
      name.input.focus();
      return;
    }
    submit.disabled = true;
    try {
      const { data } = await post('/sso-connectors', { providerName, connectorName });
      m.close();
      onCreated(data);
    } catch (error) {
      showSaveError(error, fieldFor(error, { connectorName: name }), formError);
    } finally {
      submit.disabled = false;
    }
  }

  async function load() {
    replace(area, loading());
    try {
      const { data } = await get('/sso-connector-providers');
      replace(area, providerCards(data ?? [], group));
    } catch (error) {
      replace(area, errorState(error, load));
    }
  }

  const form = h(
    'form',
    { class: 'stack', novalidate: true, onsubmit: send },
    area,
    name,
    formError,
    h(
      'div',
      { class: 'row' },
      h('span', { class: 'spacer' }),
      button(t('ui.cancel'), () => m.close()),
      submit,
    ),
  );
  const m = modal({ title: t('sso.create.title'), content: form, wide: true });
  load();
  return m;
}
