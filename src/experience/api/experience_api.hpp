#pragma once

#include <boost/json/object.hpp>
#include <vector>

#include "core/config.hpp"
#include "experience/flow/flow_service.hpp"
#include "http/rate_limiter.hpp"
#include "http/router.hpp"
#include "http/work_pool.hpp"
#include "oidc/key_store.hpp"
#include "oidc/management_token.hpp"

namespace latch::experience {

struct ExperienceApiDeps {
  const Config& config;
  storage::Store& store;
  FlowService& flow;
  SettingsStore& settings;
  SocialConnectors& social;
  SsoConnectors& sso;
  const oidc::KeyStore& keys;
  const Clock& clock;
  const http::Pools& pools;
  http::RateLimiter& sign_in_attempts;  // identification and verification submissions per address
};

// Logto's experience API (/api/experience/..., bound to the interaction cookie) and the sign-in
// experience configuration (GET /api/.well-known/sign-in-exp anonymous; GET/PATCH
// /api/sign-in-exp with a management access token). Errors as {code, message} in the caller's
// language (Accept-Language). Each step runs on the pool it needs (http::Lane): a password check
// on the hashing pool, a call to a provider on the outbound pool (503 connector.busy when that
// is full), the rest on the database pool. Identification and verification submissions count
// against sign_in_attempts per client address; over it they get 429 request.too_many_requests
// with Retry-After.
class ExperienceApi {
 public:
  explicit ExperienceApi(ExperienceApiDeps deps) : deps_(std::move(deps)) {}
  void mount(http::Router& router);

  using Body = boost::json::object;
  // A step: the flow and configuration, the caller's interaction, the JSON body (path
  // parameters such as :connectorId added as members).
  using Step = Result<http::Response> (*)(const ExperienceApiDeps& deps, const FlowContext& ctx,
                                          const Body& body);
  // The pool a step runs on, from its body.
  using LaneOf = http::Lane (*)(const Body&);
  // One row of the route table: method, path under /api/experience, the named step, its pool,
  // and whether it counts against sign_in_attempts.
  struct Route {
    http::bhttp::verb method;
    std::string_view path;
    Step step;
    LaneOf lane = nullptr;  // nullptr: the database pool
    bool counted = false;
  };

 private:
  // Runs `route`'s step for the request's interaction on the pool its lane picks; a counted
  // submission first passes the sign_in_attempts limit.
  http::asio::awaitable<http::Response> run(http::Request& req, const Route& route);
  http::asio::awaitable<http::Response> patch_settings(http::Request& req);
  http::asio::awaitable<http::Response> password_check(http::Request& req);
  // GET /api/experience/sso-connectors?email=: {connectorIds} of the SSO connectors for the
  // email's domain (none while single sign-on is off); 400 guard.invalid_input for an email
  // without a domain.
  http::asio::awaitable<http::Response> sso_connectors(http::Request& req);
  // The management token of `req` and its caller's rights as they stand now.
  http::asio::awaitable<Result<oidc::ManagementCaller>> authorize_management(
      const http::Request& req) const;
  void mount_settings(http::Router& router);
  // SAML SSO (saml_acs_routes.cpp): the ACS and the SP metadata, anonymous.
  http::asio::awaitable<http::Response> saml_acs(http::Request& req);
  http::asio::awaitable<http::Response> saml_sp_metadata(http::Request& req);
  Result<http::Response> idp_initiated(const std::string& connector_id, const std::string& xml);
  void mount_saml(http::Router& router);
  ExperienceApiDeps deps_;
};

// The second-factor and passkey routes (experience_mfa_routes.cpp), mounted with the others.
std::vector<ExperienceApi::Route> mfa_routes();

// {code, message[, field][, data]} with the status Logto uses for `error`: code is the error's
// key (guard.invalid_input without one, unknown for Internal), field its Error::field, data the
// missing profile of user.missing_profile, or {availableFactors[, skippable]} of
// session.mfa.require_mfa_verification and user.missing_mfa. `vars` fill the numbers the message
// may name (see error_vars).
http::Response api_error(const Error& error, Lang lang, const Vars& vars = {});

}  // namespace latch::experience
