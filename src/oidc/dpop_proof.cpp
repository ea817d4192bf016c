#include "oidc/dpop_proof.hpp"

#include <algorithm>
#include <boost/url/parse.hpp>
#include <cctype>

#include "crypto/encoding.hpp"
#include "crypto/foreign_jws.hpp"
#include "crypto/hash.hpp"
#include "crypto/jwk.hpp"

namespace latch::oidc {
namespace {

constexpr std::size_t kMaxJti = 256;

Error invalid_proof(std::string why) {
  return dpop_error(kInvalidDpopProofKey, "invalid DPoP proof: " + std::move(why));
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::optional<std::string_view> string_member(const boost::json::object& o, std::string_view name) {
  const auto* v = o.if_contains(name);
  if (!v || !v->is_string()) return std::nullopt;
  return std::string_view(v->as_string());
}

std::optional<std::int64_t> integer_member(const boost::json::object& o, std::string_view name) {
  const auto* v = o.if_contains(name);
  if (!v) return std::nullopt;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64() && v->as_uint64() <= INT64_MAX) {
    return static_cast<std::int64_t>(v->as_uint64());
  }
  if (v->is_double() && v->as_double() > -1e15 && v->as_double() < 1e15) {
    return static_cast<std::int64_t>(v->as_double());
  }
  return std::nullopt;
}

// RFC 9449 §4.3 item 7: the header's key must be public. RFC 7518 §6.2.2 (EC "d"), §6.3.2 (RSA
// "d", "p", "q", "dp", "dq", "qi", "oth"), RFC 8037 §2 (OKP "d"); an "oct" key is secret itself.
bool is_private(const boost::json::object& jwk) {
  for (std::string_view name : {"d", "p", "q", "dp", "dq", "qi", "oth", "k"}) {
    if (jwk.contains(name)) return true;
  }
  return string_member(jwk, "kty") == std::optional<std::string_view>("oct");
}

// §4.3 items 3-7: the header. Returns the key's thumbprint.
Result<std::string> check_header(const crypto::UnverifiedJws& jws) {
  if (string_member(jws.header, "typ") != std::optional<std::string_view>("dpop+jwt")) {
    return invalid_proof("typ must be dpop+jwt");
  }
  std::string_view alg = crypto::foreign_alg_name(jws.alg);
  if (crypto::is_hmac(jws.alg) ||
      std::find(kDpopAlgs.begin(), kDpopAlgs.end(), alg) == kDpopAlgs.end()) {
    return invalid_proof("alg must be asymmetric: ES256, ES384, RS256, PS256, EdDSA or Ed25519");
  }
  const auto* jwk = jws.header.if_contains("jwk");
  if (!jwk || !jwk->is_object()) return invalid_proof("the header must carry the public key (jwk)");
  if (is_private(jwk->as_object())) return invalid_proof("jwk must not contain a private key");
  if (!crypto::verify_with_jwk(jws, jwk->as_object())) {
    return invalid_proof("the signature does not verify with jwk");
  }
  auto jkt = crypto::jwk_thumbprint(jwk->as_object());
  if (!jkt) return invalid_proof("jwk is not a supported public key");
  return std::move(*jkt);
}

Result<void> check_target(const boost::json::object& claims, const DpopExpectation& expected) {
  if (string_member(claims, "htm") != std::optional<std::string_view>(expected.method)) {
    return invalid_proof("htm must be the request's method " + std::string(expected.method));
  }
  auto htu = string_member(claims, "htu");
  auto sent = htu ? normalized_htu(*htu) : std::nullopt;
  if (!sent || sent != normalized_htu(expected.url)) {
    return invalid_proof("htu must be the endpoint's URL " + std::string(expected.url));
  }
  return ok();
}

// §4.3 items 10-12: nonce, iat, ath.
Result<void> check_freshness(const boost::json::object& claims, const DpopExpectation& expected) {
  if (expected.nonces) {
    auto nonce = string_member(claims, "nonce");
    if (!nonce || !expected.nonces->accepts(*nonce, expected.now)) {
      return dpop_error(kUseDpopNonceKey, "the DPoP proof must carry the server's nonce");
    }
  }
  auto iat = integer_member(claims, "iat");
  if (!iat) return invalid_proof("iat is required");
  if (*iat < expected.now - kDpopIatPast || *iat > expected.now + kDpopIatFuture) {
    return invalid_proof("iat is outside the accepted window");
  }
  if (expected.access_token) {
    auto ath = string_member(claims, "ath");
    if (!ath) return invalid_proof("ath is required with an access token");
    if (!crypto::constant_time_equal(*ath, dpop_ath(*expected.access_token))) {
      return invalid_proof("ath does not match the access token");
    }
  }
  return ok();
}

}  // namespace

Error dpop_error(std::string_view key, std::string description) {
  return Error{
      .code = Errc::InvalidRequest, .key = std::string(key), .description = std::move(description)};
}

std::string bind_opaque_token(std::string value, std::string_view jkt) {
  if (jkt.empty()) return value;
  return value + "." + std::string(jkt);
}

std::string_view opaque_token_jkt(std::string_view token) {
  auto dot = token.find('.');
  if (dot == std::string_view::npos || token.find('.', dot + 1) != std::string_view::npos) {
    return {};
  }
  return token.substr(dot + 1);
}

std::string DpopNonces::for_window(std::int64_t window) const {
  return crypto::base64url_encode(
      crypto::hmac_sha256(key_, "latch:dpop-nonce:" + std::to_string(window)));
}

std::string DpopNonces::current(std::int64_t now) const { return for_window(now / kWindow); }

bool DpopNonces::accepts(std::string_view nonce, std::int64_t now) const {
  std::int64_t window = now / kWindow;
  bool current = crypto::constant_time_equal(nonce, for_window(window));
  bool previous = crypto::constant_time_equal(nonce, for_window(window - 1));
  return current || previous;
}

std::optional<std::string> normalized_htu(std::string_view url) {
  auto parsed = boost::urls::parse_uri(url);  // a URI: a fragment may follow, and is ignored
  if (!parsed || !parsed->has_authority()) return std::nullopt;
  std::string scheme = lower(parsed->scheme());
  if (scheme != "http" && scheme != "https") return std::nullopt;
  std::string out = scheme + "://" + lower(parsed->encoded_host());
  std::string_view port = parsed->port();
  bool default_port = (scheme == "http" && port == "80") || (scheme == "https" && port == "443");
  if (!port.empty() && !default_port) out += ":" + std::string(port);
  std::string_view path = parsed->encoded_path();
  out += path.empty() ? std::string_view("/") : path;
  return out;
}

std::string dpop_ath(std::string_view access_token) {
  return crypto::base64url_encode(crypto::sha256(access_token));
}

Result<DpopProof> verify_dpop_proof(std::string_view proof, const DpopExpectation& expected) {
  auto jws = crypto::decode_unverified(proof);
  if (!jws) return invalid_proof(jws.error().description);
  auto jkt = check_header(*jws);
  if (!jkt) return jkt.error();
  auto jti = string_member(jws->payload, "jti");
  if (!jti || jti->empty() || jti->size() > kMaxJti) {
    return invalid_proof("jti is required (a string of at most 256 characters)");
  }
  if (auto target = check_target(jws->payload, expected); !target) return target.error();
  if (auto fresh = check_freshness(jws->payload, expected); !fresh) return fresh.error();
  return DpopProof{std::move(*jkt), std::string(*jti)};
}

}  // namespace latch::oidc
