#pragma once

#include <boost/asio/thread_pool.hpp>

#include "core/clock.hpp"
#include "core/config.hpp"
#include "crypto/aead.hpp"
#include "experience/social/social_connectors.hpp"
#include "http/router.hpp"
#include "management_api/api_kit.hpp"
#include "oidc/key_store.hpp"
#include "storage/store.hpp"

namespace latch::management_api {

struct ManagementApiDeps {
  const Config& config;
  storage::Store& store;
  const crypto::SecretBox& secrets;
  const oidc::KeyStore& keys;
  experience::SocialConnectors& social;
  const Clock& clock;
  boost::asio::thread_pool& pool;
};

// Logto's Management API under /api: applications, users, connectors and connector factories,
// resources and their scopes, audit logs. Every change made through it is itself logged.
// Every route takes a management access token (oidc::authorize_management); handlers run on the
// blocking pool. (The sign-in experience routes live with the experience module.)
class ManagementApi {
 public:
  explicit ManagementApi(ManagementApiDeps deps) : deps_(std::move(deps)) {}
  void mount(http::Router& router);

 private:
  http::asio::awaitable<http::Response> run(http::Request& req, const Handler& handler);
  void mount_applications(http::Router::Group& g);
  void mount_users(http::Router::Group& g);
  void mount_connectors(http::Router::Group& g);
  void mount_resources(http::Router::Group& g);
  void mount_logs(http::Router::Group& g);
  void audit(const Call& call, unsigned status);

  ManagementApiDeps deps_;
};

}  // namespace latch::management_api
