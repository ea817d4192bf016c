#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace latch::oidc {

// RFC 9449 §4.2, §5: the algorithms a DPoP proof may be signed with (asymmetric only, never
// "none" or an HMAC). Discovery lists them as dpop_signing_alg_values_supported.
// "Ed25519" is RFC 9864's fully-specified name of EdDSA with Ed25519 (crypto/foreign_jws.hpp).
inline constexpr std::array<std::string_view, 6> kDpopAlgs = {"ES256", "ES384", "RS256",
                                                              "PS256", "EdDSA", "Ed25519"};

// RFC 9449 §12.2's error codes. They have no Errc of their own: a DPoP error is an
// InvalidRequest error with one of these keys, and oauth_error (error_response.hpp) sends the
// part after "oidc." as the OAuth error code.
inline constexpr std::string_view kInvalidDpopProofKey = "oidc.invalid_dpop_proof";
inline constexpr std::string_view kUseDpopNonceKey = "oidc.use_dpop_nonce";

// An error with `key` (one of the two above) and a description for the client.
Error dpop_error(std::string_view key, std::string description);

// RFC 9449 §11.1: how far a proof's iat may lie behind the server's clock and ahead of it (clock
// skew). A proof's jti is remembered for kDpopIatPast + kDpopIatFuture, so that a proof is
// accepted at most once while its iat is acceptable.
inline constexpr std::int64_t kDpopIatPast = 60;    // seconds
inline constexpr std::int64_t kDpopIatFuture = 10;  // seconds

// Server-issued nonces (RFC 9449 §8, §9) that need no storage: the base64url HMAC of a time
// window under a key every node shares, so a nonce issued by one node is accepted by all. A nonce
// is good in its window and the next (kWindow to 2 x kWindow seconds). Thread-safe.
class DpopNonces {
 public:
  static constexpr std::int64_t kWindow = 300;  // seconds

  explicit DpopNonces(std::string key) : key_(std::move(key)) {}
  // The nonce to hand out at `now` (epoch seconds).
  std::string current(std::int64_t now) const;
  // True when `nonce` was issued in the window of `now` or the one before. Constant time.
  bool accepts(std::string_view nonce, std::int64_t now) const;

 private:
  std::string for_window(std::int64_t window) const;
  std::string key_;
};

// What a proof is checked against: the request it came with.
struct DpopExpectation {
  std::string_view method;  // the HTTP method, upper case ("POST")
  std::string_view url;     // the endpoint's public URL (config.issuer() based), no query
  std::int64_t now = 0;     // epoch seconds
  // At a protected resource (§7.1): the access token the request presents; the proof's ath must
  // be its base64url SHA-256. nullopt at the token endpoint.
  std::optional<std::string_view> access_token;
  const DpopNonces* nonces = nullptr;  // set when the deployment requires nonces (§8)
};

// A verified proof: the RFC 7638 thumbprint of its key (what tokens are bound to, cnf.jkt) and
// the jti the caller must spend once (replay_guard, shared by every node).
struct DpopProof {
  std::string jkt;
  std::string jti;
};

// RFC 9449 §4.3 checks 2-12 of one DPoP proof, in order: a compact JWS whose header has typ
// "dpop+jwt", an alg of kDpopAlgs, and a jwk that is a public key (no private members) and
// verifies the signature; claims jti (a string of at most 256 characters), htm equal to the
// method, htu equal to the URL after normalisation (scheme and host case, default port; query
// and fragment ignored), iat within [now - kDpopIatPast, now + kDpopIatFuture], the nonce when
// nonces are required, and ath when an access token is presented. InvalidDpopProof naming the
// failed check; UseDpopNonce when nonces are required and the proof has none or a stale one.
// Pure: the caller spends the jti. Thread-safe.
[[nodiscard]] Result<DpopProof> verify_dpop_proof(std::string_view proof,
                                                  const DpopExpectation& expected);

// The URL with its scheme and host in lower case, the scheme's default port dropped, an empty
// path as "/", and no query or fragment (RFC 9449 §4.3 item 9, RFC 3986 §6.2.2-§6.2.3); nullopt
// when `url` is not an absolute http(s) URL.
std::optional<std::string> normalized_htu(std::string_view url);

// base64url(SHA-256(access_token)): the ath claim (RFC 9449 §4.2).
std::string dpop_ath(std::string_view access_token);

// RFC 9449 §6: an opaque token (access or refresh) bound to a DPoP key names the key in its own
// value, "<random>.<jkt>", and is stored by the hash of the whole: the binding cannot be changed
// or removed without making the token unknown, every node can read it without a lookup, and
// introspection can report it. `value` is returned as is when `jkt` is empty (a Bearer token).
// REQUIRES: `value` has no '.'.
std::string bind_opaque_token(std::string value, std::string_view jkt);

// The thumbprint an opaque token from bind_opaque_token() is bound to; "" for an unbound one.
// Meaningful only for a token found by its hash (a forged suffix finds nothing).
std::string_view opaque_token_jkt(std::string_view token);

}  // namespace latch::oidc
