#include "server/edge.hpp"

#include <spdlog/spdlog.h>

#include "http/connection_limits.hpp"
#include "server/store_rate_counters.hpp"

namespace latch::server {
namespace {

// RFC 6797 §6.1: only over https; a year, as browsers' preload lists ask for.
std::string strict_transport_security(const Config& config) {
  if (config.endpoint.rfind("https://", 0) != 0) return "";
  return config.hsts_include_subdomains ? "max-age=31536000; includeSubDomains"
                                        : "max-age=31536000";
}

std::size_t total_connections(const Config& config) {
  std::size_t descriptors = http::raise_descriptor_limit();
  std::size_t cap = http::connection_cap(descriptors, config.max_connections);
  if (descriptors > 0 && cap >= descriptors) {
    spdlog::warn(
        "max_connections ({}) is not below the open-file limit ({}): raise the limit "
        "(ulimit -n, LimitNOFILE=) or lower max_connections",
        cap, descriptors);
  }
  return cap;
}

std::unique_ptr<http::RateCounters> counters_for(storage::Store& store, const Clock& clock) {
  if (store.shared_by_nodes()) return std::make_unique<StoreRateCounters>(store, clock);
  return std::make_unique<http::InMemoryRateCounters>();
}

http::RateLimit limit(std::string name, std::int64_t max, const Config& config) {
  return {std::move(name), max, std::chrono::seconds(config.rate_limit_window)};
}

}  // namespace

Result<http::ServerOptions> server_options(const Config& config) {
  auto trusted = http::TrustedProxies::parse(config.trusted_proxies);
  if (!trusted) return trusted.error();
  auto header = config.trusted_proxy_header == "forwarded" ? http::ForwardedHeader::Forwarded
                                                           : http::ForwardedHeader::XForwardedFor;
  return http::ServerOptions{
      .address = config.bind_address,
      .port = config.port,
      .threads = config.threads,
      .header_timeout = std::chrono::seconds(config.header_timeout),
      .keep_alive_timeout = std::chrono::seconds(config.keep_alive_timeout),
      .max_connections = total_connections(config),
      .max_connections_per_address = config.max_connections_per_ip,
      .client_address = {std::move(*trusted), header},
      .strict_transport_security = strict_transport_security(config),
  };
}

EdgeLimits::EdgeLimits(const Config& config, storage::Store& store, const Clock& clock)
    : client_counters_(counters_for(store, clock)),
      ip_counters_(counters_for(store, clock)),
      sign_in_counters_(counters_for(store, clock)),
      code_counters_(counters_for(store, clock)),
      device_counters_(counters_for(store, clock)),
      registration_counters_(counters_for(store, clock)),
      client_auth_per_client_(limit("client-auth", config.client_auth_failures_per_client, config),
                              *client_counters_, clock),
      client_auth_per_ip_(limit("client-auth-ip", config.client_auth_failures_per_ip, config),
                          *ip_counters_, clock),
      sign_in_attempts_(limit("sign-in-ip", config.sign_in_attempts_per_ip, config),
                        *sign_in_counters_, clock),
      code_sends_(limit("code-ip", config.verification_codes_per_ip, config), *code_counters_,
                  clock),
      device_code_failures_(limit("device-code-ip", config.device_code_failures_per_ip, config),
                            *device_counters_, clock),
      registrations_(limit("registration-ip", config.registrations_per_ip, config),
                     *registration_counters_, clock) {}

}  // namespace latch::server
