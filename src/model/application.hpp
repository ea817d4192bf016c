#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace latch::model {

// The admin console's own client (created at start-up by management::ApplicationService). The
// only client through which a user's sign-in may reach the management API.
inline constexpr std::string_view kConsoleAppId = "latch-console";
// The hosted account page's own client (/account signs users in through it; docs/account.md).
inline constexpr std::string_view kAccountAppId = "latch-account";
// Logto's built-in "Live Preview" client: a public SPA client whose redirect and post sign-out
// URI is `${endpoint}/demo-app`. Logto's SDK samples and test clients sign in through it.
inline constexpr std::string_view kDemoAppId = "demo-app";

// Logto's application types. Traditional and machine-to-machine apps are confidential clients
// (they hold a secret); SPA and native apps are public clients that must use PKCE. A SAML app
// (Latch as a SAML IdP, management/saml_application_service.hpp) is also a confidential OIDC
// client whose only redirect URI is its own callback: its secret is never shown, and it is
// made, changed and deleted only through /api/saml-applications.
enum class AppType { Traditional, Spa, Native, MachineToMachine, Saml };

// Wire names as Logto's Management API uses them: "Traditional", "SPA", "Native",
// "MachineToMachine", "SAML".
std::string_view app_type_name(AppType type);
// Accepts Logto's names and the CLI's short forms ("traditional", "spa", "native", "m2m").
std::optional<AppType> parse_app_type(std::string_view text);
bool is_confidential(AppType type);

// What a redirect URI (or post sign-out redirect URI) of an app of `type` may be (RFC 9700 §2.1,
// §4.1; RFC 8252 §7): an absolute URI without a fragment, at most 2048 bytes, never a
// javascript:, data:, vbscript:, file:, blob: or about: URI; http(s) with a host for web apps
// (Traditional, SPA); http(s) or a private-use scheme ("com.example.app:/callback") for native
// apps; none for machine-to-machine apps. InvalidRequest naming `field` and the URI otherwise.
[[nodiscard]] Result<void> check_redirect_uri(AppType type, std::string_view uri,
                                              std::string_view field);
// A CORS allowed origin: http(s)://host[:port] only.
[[nodiscard]] Result<void> check_cors_origin(std::string_view origin);

// Logto's customClientMetadata members that shape an app's tokens; an absent member means Logto's
// default (customClientMetadataDefault). Thread-compatible plain data.
struct ClientTokenSettings {
  std::optional<double> id_token_ttl;                     // idTokenTtl: ID token lifetime, s
  std::optional<double> refresh_token_ttl;                // refreshTokenTtl (deprecated), s
  std::optional<std::int64_t> refresh_token_ttl_in_days;  // refreshTokenTtlInDays: 1 to 180
  std::optional<std::string> tenant_id;                   // tenantId: kept and shown, unused
  // alwaysIssueRefreshToken: a web app (not Native) gets a refresh token from the authorization
  // code grant even when the request did not win offline_access with prompt=consent.
  std::optional<bool> always_issue_refresh_token;
  // rotateRefreshToken: false = a refresh token stays the same when used (default true).
  std::optional<bool> rotate_refresh_token;
  // maxAllowedGrants: at most this many live grants per user for the app; a new sign-in
  // revokes the oldest beyond it. Positive.
  std::optional<std::int64_t> max_allowed_grants;
  bool operator==(const ClientTokenSettings&) const = default;
};

// Logto's customClientMetadataDefault.refreshTokenTtlInDays.
inline constexpr std::int64_t kDefaultRefreshTokenTtlDays = 14;

// An OAuth client. Thread-compatible plain data.
struct Application {
  std::string id;  // 21 chars of [0-9a-z], also the OAuth client_id
  std::string name;
  std::string description;
  AppType type = AppType::Traditional;
  std::vector<std::string> redirect_uris;
  std::vector<std::string> post_logout_redirect_uris;
  std::vector<std::string> cors_allowed_origins;
  bool is_third_party = false;
  // Logto's customClientMetadata.isDeviceFlow: a Native app that signs in with the device
  // authorization grant (RFC 8628) and refresh tokens only. Set when the app is created.
  bool is_device_flow = false;
  // Logto's customClientMetadata.allowTokenExchange: the app may use the token exchange grant
  // (RFC 8693). Off by default; a third-party app may not turn it on.
  bool allow_token_exchange = false;
  // JWS algorithm for ID tokens ("ES256", "ES384", "RS256", "EdDSA"); empty = deployment default.
  std::string id_token_signed_response_alg;
  std::string custom_data_json = "{}";
  std::int64_t created_at = 0;  // epoch milliseconds
  // How the client authenticates at the token, introspection and revocation endpoints (OIDC
  // Dynamic Client Registration §2, RFC 7591 §2): "" (the default: client_secret_basic or
  // client_secret_post for a confidential client, none for a public one), "client_secret_basic",
  // "client_secret_post", "client_secret_jwt" or "private_key_jwt" (RFC 7523 §2.2; only then is
  // a client assertion accepted, and only then are the secret methods refused).
  std::string token_endpoint_auth_method;
  // The client's public keys for private_key_jwt: a JWK Set (RFC 7517 §5) as JSON text, or the
  // https URL that serves one. At most one of them is set; both empty otherwise.
  std::string jwks_json;
  std::string jwks_uri;
  // RFC 9126 §6 require_pushed_authorization_requests: the authorization endpoint accepts this
  // client's requests only by a request_uri from the pushed authorization request endpoint.
  bool require_pushed_authorization_requests = false;
  // OpenID Connect Back-Channel Logout 1.0 §2.2 (Logto's oidcClientMetadata
  // backchannelLogoutUri, backchannelLogoutSessionRequired): where Latch POSTs a logout token when
  // a session the app signed in through ends ("" = never), and whether that token must carry the
  // session's sid.
  std::string backchannel_logout_uri;
  bool backchannel_logout_session_required = false;
  // Logto's customClientMetadata as the Management API was given it (the members Logto's guard
  // knows), JSON object text, shown back as it is; token_settings is read from it.
  std::string custom_client_metadata_json = "{}";
  ClientTokenSettings token_settings;
};

// The ID token lifetime for `app`, in seconds: its idTokenTtl, else `fallback`.
std::int64_t id_token_ttl(const Application& app, std::int64_t fallback);
// The refresh token (and grant) lifetime for `app`, in seconds: refreshTokenTtlInDays days, else
// refreshTokenTtl, else `fallback` (Logto's 14 days).
std::int64_t refresh_token_ttl(const Application& app, std::int64_t fallback);
// Whether the authorization code grant gives `app` a refresh token when the granted scope holds
// offline_access (`offline`): Logto's issueRefreshToken, which also gives one to a web app
// (anything but Native and machine-to-machine) whose alwaysIssueRefreshToken is on.
bool issues_refresh_token(const Application& app, bool offline);
// Whether a used refresh token of `app` is replaced by a new one (rotateRefreshToken, default on).
bool rotates_refresh_token(const Application& app);

// The name Logto gives the secret an app is created with (its defaultApplicationSecretName).
inline constexpr std::string_view kDefaultSecretName = "Default secret";

// One of a confidential app's client secrets (Logto's application_secrets): every unexpired one
// authenticates the app, so a secret can be replaced without downtime. Thread-compatible plain
// data.
struct ApplicationSecret {
  std::string application_id;
  std::string name;  // 1 to 256 characters, unique within the app
  // The value sealed with the master key (crypto::SecretBox, AAD = application_id), so that a
  // rename keeps it. Never stored in plain text.
  std::string sealed_value;
  std::int64_t created_at = 0;             // epoch milliseconds
  std::optional<std::int64_t> expires_at;  // epoch milliseconds; none = never expires
};

// Whether an app of `type` holds client secrets (Traditional and machine-to-machine apps; Logto's
// application_secrets check). Public clients and SAML apps hold none.
bool holds_secrets(AppType type);

// The token_endpoint_auth_method values an application may hold (see Application).
inline constexpr std::string_view kAuthSecretBasic = "client_secret_basic";
inline constexpr std::string_view kAuthSecretPost = "client_secret_post";
inline constexpr std::string_view kAuthSecretJwt = "client_secret_jwt";
inline constexpr std::string_view kAuthPrivateKeyJwt = "private_key_jwt";

// What an app of `type` may set as its token_endpoint_auth_method, jwks and jwks_uri:
// InvalidRequest naming the field for an unknown method, a JWT method on a public client, a
// private_key_jwt app with neither a JWK Set nor a JWKS URI (or both), a JWK Set that is not a
// JSON object with a "keys" array, or a JWKS URI that is not an absolute http(s) URL.
[[nodiscard]] Result<void> check_client_auth(const Application& app);

// OIDC Back-Channel Logout 1.0 §2.2: a backchannel_logout_uri is an absolute http(s) URL with a
// host and without a fragment (http as redirect URIs allow it), at most 2048 bytes; "" = none.
// InvalidRequest naming oidcClientMetadata.backchannelLogoutUri otherwise.
[[nodiscard]] Result<void> check_backchannel_logout_uri(std::string_view uri);

}  // namespace latch::model
