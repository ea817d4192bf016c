// What the connector pages call connectors and their kinds.
import { lang } from '../../lib/i18n.js';
import { loadStatus } from '../../lib/auth.js';

// The connector's kind: the API adds `type` (Social, Email, Sms); older servers list only social.
export const kindOf = (x) => x?.type ?? 'Social';
export const kindPath = (x) => (kindOf(x) === 'Social' ? 'social' : 'passwordless');

// A factory's or connector's name ({ en, ja, … } or a string) in the chosen language.
export function localName(name) {
  if (!name) return '';
  if (typeof name === 'string') return name;
  return name[lang()] ?? name.en ?? Object.values(name)[0] ?? '';
}

// What people see on the button: the generic kinds carry their own display name and target.
export function connectorName(c) {
  const base = localName(c.name);
  if (c.isStandard || c.connectorId === 'oidc' || c.connectorId === 'oauth2') {
    const own = c.config?.displayName || c.target;
    if (own && own !== c.connectorId) return `${own} (${base})`;
  }
  return base;
}

// This Latch's endpoint without a trailing slash (the callback URLs start with it).
export async function endpoint() {
  try {
    return (await loadStatus()).endpoint.replace(/\/+$/, '');
  } catch {
    return window.location.origin;
  }
}
