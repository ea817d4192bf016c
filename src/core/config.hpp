#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace latch {

// Deployment configuration. Sources, later ones overriding earlier ones: built-in defaults, the
// TOML file (`--config`, LATCH_CONFIG, or ./latch.toml when present), LATCH_* environment
// variables, command-line flags. Every key has the same name in all three: `data_dir` in TOML,
// LATCH_DATA_DIR in the environment, --data-dir as a flag.
struct Config {
  std::string endpoint;              // public URL; default http://localhost:<port>
  bool endpoint_is_default = false;  // true when `endpoint` was derived from `port`
  std::string bind_address = "0.0.0.0";
  unsigned short port = 3001;
  std::string data_dir = "./data";
  std::string database;  // SQLite file path or postgres:// URL; default <data_dir>/latch.db
  unsigned database_pool_size = 10;              // PostgreSQL connections per node
  std::int64_t database_pool_timeout_ms = 5000;  // wait for one, then 503
  std::string master_key_file;                   // default <data_dir>/master.key
  std::string master_key;                        // base64 of 32 bytes; overrides the file
  std::string log_level = "info";                // trace, debug, info, warn, error
  std::string log_format = "text";               // text or json
  unsigned threads = 0;                          // I/O threads; 0 = one per core
  unsigned blocking_threads = 0;                 // database pool; 0 = max(4, 2 x cores)
  unsigned hashing_threads = 0;    // Argon2id pool and bound on hashes at once; 0 = one per core
  unsigned outbound_threads = 64;  // threads for calls to providers (social, email, SMS)
  unsigned outbound_queue = 64;    // provider calls that may wait for one; beyond: 503
  std::string access_token_alg = "ES256";
  std::string id_token_alg = "ES256";
  std::int64_t access_token_ttl = 3600;  // seconds, when a resource sets none
  std::int64_t id_token_ttl = 3600;
  std::int64_t refresh_token_ttl = 14 * 86400;
  std::int64_t authorization_code_ttl = 60;
  std::int64_t session_ttl = 14 * 86400;
  std::int64_t interaction_ttl = 3600;
  // The device authorization grant (RFC 8628 §3.2): how long a device code and its user code
  // live, and the seconds a device must wait between polls.
  std::int64_t device_code_ttl = 600;
  std::int64_t device_poll_interval = 5;
  // How long a pushed authorization request's request_uri lives (RFC 9126 §2.2).
  std::int64_t pushed_request_ttl = 60;
  // Dynamic client registration at /oidc/reg (RFC 7591, RFC 7592): "off" (the default), "open"
  // (anyone may register a client) or "initial_access_token" (a bearer token the operator made,
  // RFC 7591 §3). docs/protocols.md "Dynamic client registration".
  std::string dynamic_registration = "off";
  std::int64_t connector_timeout_ms = 10000;  // bounds each request to a social provider
  std::int64_t cache_refresh_ms = 250;        // how often cached data is checked for changes
  std::int64_t purge_interval_ms = 300000;    // how often expired rows are deleted
  std::int64_t audit_log_retention_days = 0;  // audit log entries older than this go; 0 = keep
  // Back-channel logout (docs/protocols.md): the wait before the first retry of a notice an app
  // did not take; each further retry waits twice as long.
  std::int64_t backchannel_logout_retry_ms = 2000;
  // Webhooks (docs/webhooks.md): the wait before the first retry of a delivery that failed; each
  // further retry waits about twice as long (with jitter).
  std::int64_t webhook_retry_ms = 2000;
  std::string console_dir;  // development: serve the console from here, not the embedded copy
  // The edge under hostile traffic (docs/security.md "Limits at the edge").
  unsigned max_connections = 0;                          // 0 = from the descriptor limit
  unsigned max_connections_per_ip = 256;                 // 0 = no cap; trusted proxies are exempt
  std::int64_t header_timeout = 10;                      // seconds to send a request's header
  std::int64_t keep_alive_timeout = 15;                  // seconds idle between requests
  std::vector<std::string> trusted_proxies;              // addresses and CIDR networks
  std::string trusted_proxy_header = "x-forwarded-for";  // or "forwarded" (RFC 7239)
  bool hsts_include_subdomains = false;                  // with an https:// endpoint
  // RFC 9449 §8: DPoP proofs must carry a nonce the server issued (DPoP-Nonce header).
  bool dpop_nonce = false;
  // `${endpoint}/metrics` (docs/observability.md): "on" serves it to loopback clients and to
  // any client that presents `metrics_token` as a Bearer token; "off" does not serve it.
  std::string metrics = "on";
  std::string metrics_token;
  // Rate limits: events per rate_limit_window seconds; 0 turns one off.
  std::int64_t rate_limit_window = 60;
  std::int64_t client_auth_failures_per_client = 60;
  std::int64_t client_auth_failures_per_ip = 120;
  std::int64_t sign_in_attempts_per_ip = 300;
  std::int64_t verification_codes_per_ip = 30;
  std::int64_t device_code_failures_per_ip = 20;  // wrong user codes typed on /device
  std::int64_t registrations_per_ip = 20;         // POST /oidc/reg (RFC 7591)

  std::string issuer() const { return endpoint + "/oidc"; }
  bool secure_cookies() const { return endpoint.rfind("https://", 0) == 0; }
  bool registration_enabled() const { return dynamic_registration != "off"; }
};

// One configurable key: its name and a one-line description (for --help and the README).
struct ConfigKey {
  std::string_view name;
  std::string_view description;
};
const std::vector<ConfigKey>& config_keys();

// Sets `key` (TOML spelling) from text. InvalidRequest for an unknown key or a bad value.
[[nodiscard]] Result<void> apply_config_value(Config& config, std::string_view key,
                                              std::string_view value);

// Builds the configuration. `file` is the TOML file ("" = LATCH_CONFIG or ./latch.toml if it
// exists); `env` the environment (LATCH_* entries are read); `flags` key/value pairs from the
// command line. InvalidRequest names the offending source and key.
[[nodiscard]] Result<Config> load_config(std::string file,
                                         const std::map<std::string, std::string>& env,
                                         const std::map<std::string, std::string>& flags);

// The process environment as a map.
std::map<std::string, std::string> environment();

}  // namespace latch
