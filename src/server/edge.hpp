#pragma once

#include <memory>

#include "core/clock.hpp"
#include "core/config.hpp"
#include "http/rate_limiter.hpp"
#include "http/server.hpp"
#include "storage/store.hpp"

// The edge's settings, made from the configuration (docs/security.md "Limits at the edge").
namespace latch::server {

// The HTTP server's options: listen address, threads, connection caps and timeouts, trusted
// proxies, HSTS (with an https:// endpoint). Raises the descriptor limit to resolve the
// connection cap. InvalidRequest when trusted_proxies has an entry that is not an address or
// network.
[[nodiscard]] Result<http::ServerOptions> server_options(const Config& config);

// The rate limits, counted in this process's memory on a single node (each limit apart, so that
// a flood of addresses cannot make the per-client limit forget) and in the database when several
// nodes share it (Store::shared_by_nodes). Not movable: the limiters refer to the counters.
class EdgeLimits {
 public:
  // `store` and `clock` must outlive the limits.
  EdgeLimits(const Config& config, storage::Store& store, const Clock& clock);
  EdgeLimits(const EdgeLimits&) = delete;
  EdgeLimits& operator=(const EdgeLimits&) = delete;

  http::RateLimiter& client_auth_per_client() { return client_auth_per_client_; }
  http::RateLimiter& client_auth_per_ip() { return client_auth_per_ip_; }
  http::RateLimiter& sign_in_attempts() { return sign_in_attempts_; }
  http::RateLimiter& code_sends() { return code_sends_; }
  http::RateLimiter& device_code_failures() { return device_code_failures_; }
  // Client registrations at /oidc/reg per client address (RFC 7591).
  http::RateLimiter& registrations() { return registrations_; }

 private:
  std::unique_ptr<http::RateCounters> client_counters_, ip_counters_, sign_in_counters_,
      code_counters_, device_counters_, registration_counters_;
  http::RateLimiter client_auth_per_client_;
  http::RateLimiter client_auth_per_ip_;
  http::RateLimiter sign_in_attempts_;
  http::RateLimiter code_sends_;
  http::RateLimiter device_code_failures_;
  http::RateLimiter registrations_;
};

}  // namespace latch::server
