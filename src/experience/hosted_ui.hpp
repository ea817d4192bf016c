#pragma once

#include <boost/asio/thread_pool.hpp>
#include <string>

#include "core/config.hpp"
#include "experience/experience_service.hpp"
#include "http/router.hpp"
#include "oidc/interaction_ui.hpp"

namespace latch::experience {

struct HostedUiDeps {
  const Config& config;
  ExperienceService& service;
  boost::asio::thread_pool& pool;
  std::string csrf_key;  // 32 bytes derived from the master key
};

// The hosted sign-in pages (/sign-in, /register, /consent) and the OP's browser-facing pages.
// Server-rendered forms that work without JavaScript; every form carries a CSRF token bound to
// the browser's interaction cookie.
class HostedUi final : public oidc::InteractionUi {
 public:
  explicit HostedUi(HostedUiDeps deps) : deps_(std::move(deps)) {}
  void mount(http::Router& router);

  std::string entry_url(const oidc::AuthorizationRequest& request) const override;
  std::string consent_url() const override { return "/consent"; }
  http::Response error_page(const http::Request& request, const Error& error) const override;
  http::Response signed_out_page(const http::Request& request) const override;

 private:
  http::asio::awaitable<http::Response> sign_in(http::Request& req);
  http::asio::awaitable<http::Response> sign_up(http::Request& req);
  http::asio::awaitable<http::Response> consent(http::Request& req);
  std::string csrf_token(const std::string& uid) const;
  bool csrf_ok(const std::string& uid, std::string_view token) const;

  HostedUiDeps deps_;
};

}  // namespace latch::experience
