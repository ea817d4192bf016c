// What the application pages say about an application: its type's label, whether it has a
// secret, where its pages are, and which one is the console's own.
import { english, lang, t } from '../../lib/i18n.js';

// The console's own application, which Latch manages (shown read-only).
export const CONSOLE_APP_ID = 'latch-console';
// The account page's own application (/account signs users in through it), managed likewise.
export const ACCOUNT_APP_ID = 'latch-account';
// Logto's "Live Preview" client, which Latch makes at start as Logto has it.
export const DEMO_APP_ID = 'demo-app';
// Whether Latch manages the application `id` itself.
export const isBuiltin = (id) =>
  id === CONSOLE_APP_ID || id === ACCOUNT_APP_ID || id === DEMO_APP_ID;

// Traditional web and machine-to-machine apps authenticate with an App Secret.
export const confidential = (type) => type === 'Traditional' || type === 'MachineToMachine';

export const appHref = (appId) => `/console/applications/${encodeURIComponent(appId)}`;

export const guideHref = (appId, frameworkId) =>
  `${appHref(appId)}/guide/${encodeURIComponent(frameworkId)}`;

// Logto's labels for the types are English on its Japanese console too; the guide quotes
// "Traditional web", so the English label is kept beside the translation.
export function typeLabel(type) {
  const label = t(`type.${type}`);
  const en = english(`type.${type}`);
  return lang() !== 'en' && label !== en ? `${label} (${en})` : label;
}
