#pragma once

#include <boost/json/object.hpp>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace latch::oidc {

// Fetches the JWK Set a client publishes at its jwks_uri (private_key_jwt, RFC 7523 §2.2). The
// composition root implements it over the outbound HTTP client (deadline, size cap). Blocking:
// call it on the outbound pool only. Thread-safe.
class JwksFetcher {
 public:
  virtual ~JwksFetcher() = default;
  // The body of a 200 answer to GET `url`. Unavailable when the host cannot be reached, the
  // time runs out or the status is not 200.
  [[nodiscard]] virtual Result<std::string> fetch(const std::string& url) const = 0;
};

// The keys of a JWK Set (RFC 7517 §5), each member an object. InvalidRequest when `text` is not a
// JSON object with a "keys" array.
[[nodiscard]] Result<std::vector<boost::json::object>> parse_jwk_set(std::string_view text);

// The JWK Sets fetched from clients' jwks_uri, kept for kTtl so that an assertion does not cost a
// fetch. Thread-safe.
class ClientKeyCache {
 public:
  static constexpr std::int64_t kTtl = 300;  // seconds

  explicit ClientKeyCache(const Clock& clock) : clock_(clock) {}

  // The cached keys of `url`, unless older than kTtl; nullopt then, and always with `refresh`
  // (an assertion names a kid the cached set lacks: the client rotated its keys), and the
  // caller fetches and calls store(). Refreshes need no bound of their own: each follows an
  // assertion that failed to verify, which counts against the client's and the address's limits
  // on failed client authentications (client_auth_guard.hpp).
  std::optional<std::vector<boost::json::object>> find(const std::string& url, bool refresh) const;
  void store(const std::string& url, std::vector<boost::json::object> keys);

 private:
  struct Entry {
    std::vector<boost::json::object> keys;
    std::int64_t fetched_at = 0;
  };
  static constexpr std::size_t kMaxEntries = 1000;

  const Clock& clock_;
  mutable std::mutex mutex_;
  std::map<std::string, Entry> entries_;
};

}  // namespace latch::oidc
