#pragma once

#include "connectors/sso/sso_connector.hpp"

// The OpenID Connect providers: the generic one and Logto's presets (Okta, Microsoft Entra ID
// over OIDC, Google Workspace). They share one connector, built on the social OpenID Connect
// connector (discovery, code flow with PKCE and a nonce, ID token checked against the IdP's
// JWKS, RFC 9207 iss).
namespace latch::connectors::sso {

const SsoProvider& oidc_provider();
const SsoProvider& okta_provider();
const SsoProvider& azure_oidc_provider();
const SsoProvider& google_workspace_provider();

// The SAML providers (SAML, AzureAD): their configuration is validated and stored now; their
// connector comes with the SAML library (create() returns nullptr until then).
const SsoProvider& saml_provider();
const SsoProvider& azure_saml_provider();

}  // namespace latch::connectors::sso
