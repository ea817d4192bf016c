// The SAML connection fields (SAML, Microsoft Entra ID (SAML)), as Logto's SamlMetadataForm:
// the IdP's metadata by URL, or its metadata XML (pasted or read from a file), or entered by
// hand (sign-on URL, IdP entity ID, signing certificate); what Latch read from it; and the
// attribute mapping (which IdP attribute carries each user claim; `id` is the NameID).
// Returns oidc_fields.js's shape: { el, fields, values(), check(), fallback, mapping }.
import { h, replace } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { field, table, textInput } from '../../lib/ui.js';
import { radioGroup } from '../../components/controls.js';

export const SAML_KEYS = [
  'metadataUrl',
  'metadata',
  'entityId',
  'signInEndpoint',
  'x509Certificate',
  'attributeMapping',
];

const FORMATS = {
  url: ['metadataUrl'],
  xml: ['metadata'],
  manual: ['signInEndpoint', 'entityId', 'x509Certificate'],
};

// The format the saved configuration uses (Logto's order: URL, XML, by hand).
function formatOf(config) {
  if (config.metadataUrl) return 'url';
  if (config.metadata) return 'xml';
  if (config.entityId || config.signInEndpoint || config.x509Certificate) return 'manual';
  return 'url';
}

function textArea(name, value, rows = 6) {
  const input = h('textarea', { class: 'input mono', name, rows: String(rows) });
  input.setAttribute('spellcheck', 'false');
  input.value = value ?? '';
  return input;
}

// The metadata XML: a text area, and a file picker that fills it.
function metadataField(value) {
  const input = textArea('metadata', value, 8);
  const wrapper = field(t('sso.saml.metadata'), input, { required: true });
  const upload = h('input', {
    type: 'file',
    accept: '.xml,application/xml,text/xml',
    'aria-label': t('sso.saml.metadata_upload'),
    onchange: async (e) => {
      const file = e.target.files?.[0];
      if (!file) return;
      input.value = await file.text();
      input.dispatchEvent(new Event('input', { bubbles: true }));
    },
  });
  wrapper.append(h('div', { class: 'file-pick' }, upload));
  return wrapper;
}

// What Latch read from the IdP's metadata (providerConfig.identityProvider).
function idpPreview(idp) {
  if (!idp?.entityId && !idp?.signInEndpoint) return null;
  const expires = idp.certificateExpiresAt
    ? new Date(idp.certificateExpiresAt).toLocaleString()
    : '';
  const rows = [
    [t('sso.saml.sign_on_url'), idp.signInEndpoint],
    [t('sso.saml.idp_entity_id'), idp.entityId],
    [t('sso.saml.certificate'), expires ? t('sso.saml.expires', { date: expires }) : ''],
  ].filter(([, v]) => v);
  return h(
    'dl',
    { class: 'sso-preview', 'data-testid': 'sso-saml-preview' },
    rows.map(([label, value]) => [h('dt', {}, label), h('dd', {}, h('code', {}, value))]),
  );
}

// Claim → IdP attribute rows; `id` shows the default (the NameID), the others are editable.
function mappingTable(config, defaults) {
  const keys = Object.keys(defaults ?? {}).length ? Object.keys(defaults) : ['id', 'email', 'name'];
  const inputs = {};
  const rows = keys.map((key) => {
    const value = config.attributeMapping?.[key] ?? '';
    inputs[key] = textInput({
      name: `attributeMapping.${key}`,
      value: key === 'id' ? (defaults?.id ?? value) : value,
      placeholder: defaults?.[key] ?? '',
      readonly: key === 'id',
      'aria-label': t('sso.saml.mapping_of', { claim: key }),
    });
    return { key };
  });
  const error = h('p', { class: 'field-error', role: 'alert', hidden: true });
  const grid = table(
    [
      { label: t('sso.saml.col_claim'), render: (r) => h('code', {}, r.key) },
      { label: t('sso.saml.col_attribute'), render: (r) => inputs[r.key] },
    ],
    rows,
    { caption: t('sso.saml.mapping') },
  );
  const el = h('div', {}, grid, error);
  // Where an API error about attributeMapping.* shows.
  const target = {
    input: inputs.email ?? Object.values(inputs)[0],
    setError(message) {
      error.textContent = message ?? '';
      error.hidden = !message;
    },
  };
  const values = () => {
    const out = {};
    for (const [key, input] of Object.entries(inputs)) {
      const value = input.value.trim();
      if (key !== 'id' && value) out[key] = value;
    }
    return out;
  };
  return { el, target, values };
}

export function samlFields(connector) {
  const config = connector.config ?? {};
  const idp = connector.providerConfig?.identityProvider;
  let format = formatOf(config);
  const fields = {
    metadataUrl: field(
      t('sso.saml.metadata_url'),
      textInput({ name: 'metadataUrl', value: config.metadataUrl ?? '', placeholder: 'https://' }),
      { required: true, hint: t('sso.saml.metadata_url_hint') },
    ),
    metadata: metadataField(config.metadata),
    signInEndpoint: field(
      t('sso.saml.sign_on_url'),
      textInput({
        name: 'signInEndpoint',
        value: config.signInEndpoint ?? '',
        placeholder: 'https://',
      }),
      { required: true },
    ),
    entityId: field(
      t('sso.saml.idp_entity_id'),
      textInput({ name: 'entityId', value: config.entityId ?? '' }),
      { required: true },
    ),
    x509Certificate: field(
      t('sso.saml.certificate'),
      textArea('x509Certificate', config.x509Certificate),
      { required: true, hint: t('sso.saml.certificate_hint') },
    ),
  };
  const mapping = mappingTable(config, connector.providerConfig?.defaultAttributeMapping);
  const area = h('div', { class: 'stack' });
  const draw = () =>
    replace(
      area,
      FORMATS[format].map((key) => fields[key]),
    );
  const options = Object.keys(FORMATS).map((value) => ({
    value,
    label: t(`sso.saml.format.${value}`),
  }));
  const picker = radioGroup(t('sso.saml.format'), options, format, (value) => {
    format = value;
    draw();
  });
  draw();
  const el = h('div', { class: 'stack' }, picker, area, idpPreview(idp));
  const values = () => {
    const out = {};
    for (const key of FORMATS[format]) {
      const value = fields[key].input.value.trim();
      if (value) out[key] = value;
    }
    const map = mapping.values();
    if (Object.keys(map).length) out.attributeMapping = map;
    return out;
  };
  const check = () =>
    FORMATS[format].map((key) => fields[key]).find((f) => !f.input.value.trim()) ?? null;
  const fallback = () => fields[FORMATS[format][0]];
  return {
    el,
    fields: { ...fields, attributeMapping: mapping.target },
    values,
    check,
    fallback,
    mapping,
  };
}
