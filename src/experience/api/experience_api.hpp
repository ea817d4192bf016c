#pragma once

#include <boost/asio/thread_pool.hpp>
#include <boost/json/object.hpp>

#include "core/config.hpp"
#include "experience/flow/flow_service.hpp"
#include "http/rate_limiter.hpp"
#include "http/router.hpp"
#include "oidc/key_store.hpp"

namespace latch::experience {

struct ExperienceApiDeps {
  const Config& config;
  storage::Store& store;
  FlowService& flow;
  SettingsStore& settings;
  SocialConnectors& social;
  const oidc::KeyStore& keys;
  const Clock& clock;
  boost::asio::thread_pool& pool;
  http::RateLimiter& sign_in_attempts;  // identification and verification submissions per address
};

// Logto's experience API (/api/experience/..., bound to the interaction cookie) and the sign-in
// experience configuration (GET /api/.well-known/sign-in-exp anonymous; GET/PATCH
// /api/sign-in-exp with a management access token). Errors as {code, message} in the caller's
// language (Accept-Language). Identification and verification submissions count against
// sign_in_attempts per client address; over it they get 429 request.too_many_requests with
// Retry-After.
class ExperienceApi {
 public:
  explicit ExperienceApi(ExperienceApiDeps deps) : deps_(std::move(deps)) {}
  void mount(http::Router& router);

  using Body = boost::json::object;
  using Job = std::function<Result<http::Response>(const FlowContext&, const Body&)>;

 private:
  // Runs `job` on the blocking pool for the request's interaction; a `counted` submission first
  // passes the sign_in_attempts limit.
  http::asio::awaitable<http::Response> run(http::Request& req, const Job& job, bool counted);
  http::asio::awaitable<http::Response> patch_settings(http::Request& req);
  Result<void> authorize_management(const http::Request& req) const;
  void mount_settings(http::Router& router);
  ExperienceApiDeps deps_;
};

// {code, message} with the status Logto uses for `error`.
http::Response api_error(const Error& error, Lang lang);

}  // namespace latch::experience
