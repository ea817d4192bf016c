// What the SAML application pages share: the "SAML" card of "Create application" (not in the
// framework catalog: a SAML app has no integration guide), Logto's NameID formats and ACS
// bindings, the user claims an attribute can carry, and Latch's IdP URLs for an app (Logto's
// paths: metadata under the management API prefix, the SSO service under /api/saml, the IdP
// entity ID under /saml).
import { t } from '../../lib/i18n.js';

export const samlFramework = {
  id: 'saml',
  name: 'SAML',
  type: 'SAML',
  badge: { text: 'SAML', color: '#7c3aed' },
  // In the console's language (frameworkCard reads description[language], else .en).
  description: {
    get en() {
      return t('type.SAML.text');
    },
  },
  sdk: 'SAML 2.0',
};

export const NAME_ID_FORMATS = {
  persistent: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
  email_address: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
  transient: 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient',
  unspecified: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
};

export const BINDINGS = {
  post: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST',
  redirect: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect',
};

// 'sub' and Logto's userClaimsList (the OIDC standard claims, its custom and extended claims).
export const USER_CLAIMS = [
  'sub',
  'name',
  'given_name',
  'family_name',
  'middle_name',
  'nickname',
  'preferred_username',
  'profile',
  'picture',
  'website',
  'email',
  'email_verified',
  'gender',
  'birthdate',
  'zoneinfo',
  'locale',
  'phone_number',
  'phone_number_verified',
  'address',
  'updated_at',
  'username',
  'created_at',
  'custom_data',
  'identities',
  'sso_identities',
  'roles',
  'organizations',
  'organization_data',
  'organization_roles',
];

export const samlPath = (id) => `/saml-applications/${encodeURIComponent(id)}`;

// Where the app's service provider finds Latch as its IdP.
export function idpUrls(base, id) {
  const app = encodeURIComponent(id);
  return {
    metadataUrl: `${base}/api/saml-applications/${app}/metadata`,
    ssoUrl: `${base}/api/saml/${app}/authn`,
    entityId: `${base}/saml/${app}`,
  };
}

// Offers `text` as a file download (a certificate, metadata) without leaving the page.
export function download(text, filename, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
