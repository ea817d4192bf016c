#pragma once

#include <boost/asio/thread_pool.hpp>
#include <map>
#include <memory>
#include <string>

#include "core/clock.hpp"
#include "core/config.hpp"
#include "http/router.hpp"
#include "oidc/catalog.hpp"
#include "oidc/grants/grant.hpp"
#include "oidc/key_store.hpp"
#include "oidc/token_service.hpp"
#include "storage/store.hpp"

namespace latch::oidc {

// Everything the protocol endpoints share. Owned by the composition root; outlives the server.
struct ProviderDeps {
  const Config& config;
  storage::Store& store;
  const Catalog& catalog;
  const KeyStore& keys;
  const Clock& clock;
  boost::asio::thread_pool& pool;
};

// The OIDC provider's endpoints under /oidc: discovery, JWKS, token. Built once at start-up.
class Provider {
 public:
  explicit Provider(ProviderDeps deps);
  ~Provider();
  // Adds the routes to `router`. The provider must outlive the router.
  void mount(http::Router& router);

  const ProviderDeps& deps() const { return deps_; }
  const TokenService& tokens() const { return tokens_; }

 private:
  http::asio::awaitable<http::Response> token(http::Request& req);
  http::Response discovery() const;
  http::Response jwks() const;

  ProviderDeps deps_;
  TokenService tokens_;
  std::map<std::string, std::unique_ptr<Grant>, std::less<>> grants_;
  std::string discovery_json_;
};

}  // namespace latch::oidc
