#pragma once

#include <boost/asio/thread_pool.hpp>
#include <map>
#include <memory>
#include <string>

#include "core/clock.hpp"
#include "core/config.hpp"
#include "http/cookies.hpp"
#include "http/revalidation.hpp"
#include "http/router.hpp"
#include "http/work_pool.hpp"
#include "oidc/audit_log.hpp"
#include "oidc/authorization_service.hpp"
#include "oidc/catalog.hpp"
#include "oidc/client_auth_guard.hpp"
#include "oidc/client_keys.hpp"
#include "oidc/custom_claims.hpp"
#include "oidc/device_flow.hpp"
#include "oidc/grants/grant.hpp"
#include "oidc/interaction_ui.hpp"
#include "oidc/key_store.hpp"
#include "oidc/token_registry.hpp"
#include "oidc/token_service.hpp"
#include "storage/store.hpp"

namespace latch::oidc {

// Everything the protocol endpoints share. Owned by the composition root; outlives the server.
struct ProviderDeps {
  const Config& config;
  storage::Store& store;
  Catalog& catalog;
  const KeyStore& keys;
  const Clock& clock;
  boost::asio::thread_pool& pool;
  const InteractionUi& ui;
  // A secret every node shares, for token values derived on the server (refresh successors).
  const std::string& token_key;
  // A secret every node shares, for the session cookie's signature (session_cookie.hpp).
  const std::string& cookie_key;
  ClientAuthLimits client_auth_limits;
  // private_key_jwt clients' JWK Sets behind their jwks_uri, fetched on the outbound pool.
  const JwksFetcher& jwks_fetcher;
  http::WorkPool& outbound;
  // Where the token endpoint's audit entries go (ExchangeTokenBy.*), written in batches.
  AuditQueue& audit;
  // The operators' custom JWT claims scripts (custom_claims.hpp); none: no custom claims.
  const ClaimsCustomizer* customizer = nullptr;
};

// Cookie names shared with the sign-in UI.
inline constexpr std::string_view kSessionCookie = "_latch_session";
inline constexpr std::string_view kInteractionCookie = "_latch_interaction";

// The OIDC provider's endpoints under /oidc (discovery, JWKS, authorization, token, userinfo,
// end session, introspection, revocation, device authorization). Built once at start-up; endpoint
// bodies live in the
// *_endpoint.cpp files.
class Provider {
 public:
  explicit Provider(ProviderDeps deps);
  ~Provider();
  // Adds the routes to `router`. The provider must outlive the router.
  void mount(http::Router& router);

  const ProviderDeps& deps() const { return deps_; }
  const TokenService& tokens() const { return tokens_; }
  AuthorizationService& authorization() { return authorization_; }
  DeviceFlowService& device_flow() { return device_flow_; }
  TokenRegistry& registry() { return registry_; }
  Grant* grant(std::string_view type) const;
  ClientKeyCache& client_keys() const { return client_keys_; }
  // Read-through for a miss in the catalog snapshot (see Catalog): a snapshot newer than `seen`
  // when the database holds one, nullptr when `seen` is current or the database does not answer.
  http::asio::awaitable<std::shared_ptr<const CatalogSnapshot>> newer_catalog(
      const CatalogSnapshot& seen) const;
  // A snapshot that holds every commit made before the call (Catalog::known_current), checked
  // against the database on the blocking pool only when something was committed since the last
  // check. The last snapshot when the database does not answer.
  http::asio::awaitable<std::shared_ptr<const CatalogSnapshot>> current_catalog() const;
  // Session and interaction cookies with this deployment's Secure flag.
  http::CookieOptions cookie_options(std::int64_t max_age) const;

 private:
  void mount_cors(http::Router& router);
  // Adds CORS headers for origins of registered apps (their redirect URIs' origins and CORS
  // allowed origins), as Logto does for the token, userinfo and revocation endpoints.
  http::Handler cors(http::Handler handler) const;
  // The request's Origin when a registered app may call from it; "" otherwise.
  http::asio::awaitable<std::string> allowed_origin(const http::Request& req) const;

  ProviderDeps deps_;
  TokenService tokens_;
  AuthorizationService authorization_;
  DeviceFlowService device_flow_;
  TokenRegistry registry_;
  std::map<std::string, std::unique_ptr<Grant>, std::less<>> grants_;
  http::PreparedDocument discovery_;
  mutable ClientKeyCache client_keys_;
};

}  // namespace latch::oidc
