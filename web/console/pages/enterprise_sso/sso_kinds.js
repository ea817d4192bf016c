// What the Enterprise SSO pages share about connectors: their console paths, whether a
// connector speaks SAML (Logto's providerType), and the provider logo as an <img> (the API
// sends it as a data: URI, which the console's CSP allows for images).
import { h } from '../../lib/dom.js';

export const SSO_PATH = '/console/enterprise-sso';

// The details page of `connector`, on tab `tab` (Connection when absent).
export function ssoHref(connector, tab) {
  const base = `${SSO_PATH}/${encodeURIComponent(connector.id)}`;
  return tab ? `${base}/${tab}` : base;
}

export const isSaml = (connector) => connector?.providerType === 'saml';

// The connector's logo: its branding logo when set, else the provider's.
export function ssoLogo(connector, { providerLogo = connector.providerLogo } = {}) {
  const src = connector.branding?.logo || providerLogo;
  if (!src) return h('span', { class: 'connector-mono', 'aria-hidden': 'true' }, '?');
  return h('img', { class: 'sso-logo', src, alt: '', width: '24', height: '24' });
}
