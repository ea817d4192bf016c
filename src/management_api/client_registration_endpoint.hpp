#pragma once

#include "core/clock.hpp"
#include "core/config.hpp"
#include "crypto/aead.hpp"
#include "http/rate_limiter.hpp"
#include "http/router.hpp"
#include "http/work_pool.hpp"
#include "storage/store.hpp"

namespace latch::management_api {

struct ClientRegistrationDeps {
  const Config& config;
  storage::Store& store;
  const crypto::SecretBox& secrets;
  const Clock& clock;
  const http::Pools& pools;
  // Registrations per client address (Config::registrations_per_ip).
  http::RateLimiter& registrations;
};

// Dynamic client registration under the issuer: POST /oidc/reg (RFC 7591 §3) and the client
// configuration endpoint GET/PUT/DELETE /oidc/reg/:client_id (RFC 7592 §2), over
// management::ClientRegistrationService. Mounted only when Config::dynamic_registration is not
// "off", so that the paths answer 404 exactly when discovery does not name them. Errors are
// OAuth JSON (oidc::oauth_error). It lives above `management` because registering makes an
// application, as the Management API does.
class ClientRegistrationEndpoint {
 public:
  explicit ClientRegistrationEndpoint(ClientRegistrationDeps deps) : deps_(deps) {}
  // Adds the routes when registration is on. The endpoint must outlive the router.
  void mount(http::Router& router);

 private:
  http::asio::awaitable<http::Response> register_client(http::Request& req);
  http::asio::awaitable<http::Response> manage(http::Request& req);

  ClientRegistrationDeps deps_;
};

}  // namespace latch::management_api
