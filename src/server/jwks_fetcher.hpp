#pragma once

#include <chrono>

#include "oidc/client_keys.hpp"

namespace latch::server {

// oidc::JwksFetcher over the outbound HTTP client (connectors/http/outbound.hpp): GET with a
// deadline and a 256 KiB cap on the body. Thread-safe.
class OutboundJwksFetcher final : public oidc::JwksFetcher {
 public:
  explicit OutboundJwksFetcher(std::chrono::milliseconds timeout) : timeout_(timeout) {}
  Result<std::string> fetch(const std::string& url) const override;

 private:
  std::chrono::milliseconds timeout_;
};

}  // namespace latch::server
