// The OIDC connection fields (OIDC, Okta, Microsoft Entra ID (OIDC), Google Workspace), as
// Logto's OidcMetadataForm: client ID, client secret, issuer (fixed for Google Workspace),
// scope, and "Trust unverified email" (OIDC, Entra ID) or "Refresh access token" (Google).
// Returns { el, fields, values(), check(), fallback }: `fields` by config key (where an API
// error naming that key shows), values() the config members the form sets, check() the
// first missing required field, fallback() where connector.invalid_config without a field goes.
import { h } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { copyField, field, revealToggle, textInput } from '../../lib/ui.js';
import { checkboxField } from '../../components/controls.js';

const GOOGLE_ISSUER = 'https://accounts.google.com';

export const OIDC_KEYS = [
  'clientId',
  'clientSecret',
  'issuer',
  'scope',
  'trustUnverifiedEmail',
  'offlineAccess',
];

function secretField(label, value) {
  const input = textInput({ type: 'password', name: 'clientSecret', value });
  const wrapper = field(label, input, { required: true });
  const row = h('div', { class: 'copy-row' });
  input.replaceWith(row);
  row.append(input, revealToggle(input, label));
  return wrapper;
}

// The endpoints Latch read from the issuer's discovery document (providerConfig, Logto's
// camelCase names).
function discovered(providerConfig) {
  const pc = providerConfig ?? {};
  const rows = [
    ['authorization_endpoint', pc.authorizationEndpoint],
    ['token_endpoint', pc.tokenEndpoint],
    ['userinfo_endpoint', pc.userinfoEndpoint],
    ['jwks_uri', pc.jwksUri],
  ].filter(([, v]) => v);
  if (!rows.length) return null;
  return h(
    'dl',
    { class: 'sso-preview', 'data-testid': 'sso-oidc-preview' },
    rows.map(([key, value]) => [
      h('dt', {}, t(`sso.oidc.${key}`)),
      h('dd', {}, h('code', {}, value)),
    ]),
  );
}

export function oidcFields(connector) {
  const config = connector.config ?? {};
  const google = connector.providerName === 'GoogleWorkspace';
  const text = (key, label, props = {}) =>
    field(label, textInput({ name: key, value: config[key] ?? '', ...props }), {
      required: props.required,
    });
  const fields = {
    clientId: text('clientId', t('sso.oidc.client_id'), { required: true }),
    clientSecret: secretField(t('sso.oidc.client_secret'), config.clientSecret ?? ''),
    issuer: google
      ? null
      : text('issuer', t('sso.oidc.issuer'), { required: true, placeholder: 'https://' }),
    scope: text('scope', t('sso.oidc.scope'), { placeholder: t('sso.oidc.scope_placeholder') }),
  };
  const flags = {};
  const flag = (key, label, hint) => {
    flags[key] = Boolean(config[key]);
    return checkboxField(label, flags[key], (on) => (flags[key] = on), { hint });
  };
  let extra = null;
  if (google) {
    extra = flag('offlineAccess', t('sso.oidc.offline_access'), t('sso.oidc.offline_access_hint'));
  } else if (connector.providerName === 'OIDC' || connector.providerName === 'AzureAdOidc') {
    extra = flag('trustUnverifiedEmail', t('sso.oidc.trust_email'), t('sso.oidc.trust_email_hint'));
  }
  const el = h(
    'div',
    { class: 'stack' },
    fields.clientId,
    fields.clientSecret,
    google
      ? copyField(t('sso.oidc.issuer'), connector.providerConfig?.issuer ?? GOOGLE_ISSUER)
      : fields.issuer,
    discovered(connector.providerConfig),
    fields.scope,
    extra,
  );
  const values = () => {
    const out = {};
    for (const [key, wrapper] of Object.entries(fields)) {
      const value = wrapper?.input.value.trim();
      if (value) out[key] = value;
    }
    for (const [key, on] of Object.entries(flags)) if (on) out[key] = true;
    return out;
  };
  const check = () =>
    ['clientId', 'clientSecret', 'issuer']
      .map((key) => fields[key])
      .find((f) => f && !f.input.value.trim()) ?? null;
  return { el, fields, values, check, fallback: () => fields.issuer ?? fields.clientId };
}
