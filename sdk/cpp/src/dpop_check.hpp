#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

// DPoP (RFC 9449) pieces shared by DpopKey and JwtValidator::verify_dpop.
namespace latch::detail {

// base64url(SHA-256(data)): a proof's ath (RFC 9449 §4.2).
std::string sha256_base64url(std::string_view data);

// RFC 7638 thumbprint of a public EC, RSA or OKP JWK. Throws Error(invalid_token) for another
// kty or a missing member.
std::string jwk_thumbprint(const boost::json::object& jwk);

// `url` with scheme and host in lower case, the default port dropped, an empty path as "/",
// no query or fragment; nullopt when it is not an absolute http(s) URL.
std::optional<std::string> normalized_url(std::string_view url);

struct DpopExpectation {
  std::string_view method;
  std::string_view url;
  std::string_view access_token;
  std::int64_t now = 0;
  std::int64_t skew = 60;  // seconds an iat may be off
};

struct CheckedProof {
  std::string jkt;
  std::string jti;
};

// RFC 9449 §4.3 items 2-12 at a protected resource: typ dpop+jwt, an asymmetric alg, a public
// jwk that verifies the signature, jti, htm, htu, iat within `skew`, ath of the access token.
// Throws Error(invalid_token) naming the failed check.
CheckedProof check_dpop_proof(std::string_view proof, const DpopExpectation& expected);

// The jti values seen within the last `window` seconds, so that a proof is accepted once by
// this process (RFC 9449 §11.1). Bounded: at most kMax entries, the oldest dropped first.
// Thread-safe.
class JtiCache {
 public:
  static constexpr std::size_t kMax = 100000;
  // True the first time `key` is seen before `expires_at`; false for a replay.
  bool remember(const std::string& key, std::int64_t now, std::int64_t expires_at);

 private:
  std::mutex mutex_;
  std::map<std::string, std::int64_t> expiry_;
};

}  // namespace latch::detail
