#include "dpop_check.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <boost/json/serialize.hpp>
#include <boost/url/parse.hpp>
#include <cctype>

#include "jose.hpp"
#include "latch/error.hpp"

namespace latch::detail {
namespace {

namespace json = boost::json;

Error invalid_proof(const std::string& why) {
  return Error(Errc::invalid_token, "invalid DPoP proof: " + why);
}

std::string text(const json::object& o, std::string_view name) {
  const json::value* v = o.if_contains(name);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// RFC 9449 §4.3 item 5: asymmetric algorithms only (parse_jws already refuses none and HMAC).
void check_header(const Jws& jws) {
  if (text(jws.header, "typ") != "dpop+jwt") throw invalid_proof("typ must be dpop+jwt");
  const json::value* jwk = jws.header.if_contains("jwk");
  if (!jwk || !jwk->is_object()) throw invalid_proof("the header must carry jwk");
  for (std::string_view member : {"d", "p", "q", "dp", "dq", "qi", "oth", "k"}) {
    if (jwk->as_object().contains(member)) throw invalid_proof("jwk must be a public key");
  }
  if (!verify_jws(jws, jwk->as_object())) throw invalid_proof("the signature does not verify");
}

void check_claims(const json::object& claims, const DpopExpectation& expected) {
  if (text(claims, "jti").empty()) throw invalid_proof("jti is required");
  if (text(claims, "htm") != expected.method) throw invalid_proof("htm is not the method");
  auto htu = normalized_url(text(claims, "htu"));
  if (!htu || htu != normalized_url(expected.url)) throw invalid_proof("htu is not the URL");
  const json::value* iat = claims.if_contains("iat");
  if (!iat || !iat->is_number()) throw invalid_proof("iat is required");
  auto at = static_cast<std::int64_t>(iat->to_number<double>());
  if (at < expected.now - expected.skew || at > expected.now + expected.skew) {
    throw invalid_proof("iat is outside the accepted window");
  }
  if (text(claims, "ath") != sha256_base64url(expected.access_token)) {
    throw invalid_proof("ath does not match the access token");
  }
}

}  // namespace

std::string sha256_base64url(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &size, EVP_sha256(), nullptr) != 1) {
    throw Error(Errc::invalid_config, "SHA-256 failed");
  }
  return base64url_encode(std::string_view(reinterpret_cast<const char*>(digest), size));
}

// RFC 7638 §3.2: the required members in lexicographic order, no whitespace.
std::string jwk_thumbprint(const json::object& jwk) {
  std::string kty = text(jwk, "kty");
  std::vector<std::string_view> members;
  if (kty == "EC") {
    members = {"crv", "kty", "x", "y"};
  } else if (kty == "RSA") {
    members = {"e", "kty", "n"};
  } else if (kty == "OKP") {
    members = {"crv", "kty", "x"};
  } else {
    throw Error(Errc::invalid_token, "unsupported JWK kty \"" + kty + "\"");
  }
  json::object canonical;
  for (std::string_view name : members) {
    std::string value = text(jwk, name);
    if (value.empty()) throw Error(Errc::invalid_token, "the JWK lacks " + std::string(name));
    canonical[name] = value;
  }
  return sha256_base64url(json::serialize(canonical));
}

std::optional<std::string> normalized_url(std::string_view url) {
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

CheckedProof check_dpop_proof(std::string_view proof, const DpopExpectation& expected) {
  Jws jws;
  try {
    jws = parse_jws(proof);
  } catch (const Error& e) {
    throw invalid_proof(e.what());
  }
  check_header(jws);
  check_claims(jws.payload, expected);
  return {jwk_thumbprint(jws.header.at("jwk").as_object()), text(jws.payload, "jti")};
}

bool JtiCache::remember(const std::string& key, std::int64_t now, std::int64_t expires_at) {
  std::lock_guard lock(mutex_);
  for (auto it = expiry_.begin(); it != expiry_.end();) {
    it = it->second <= now ? expiry_.erase(it) : std::next(it);
  }
  if (expiry_.contains(key)) return false;
  if (expiry_.size() >= kMax) return false;  // full of live proofs: refuse rather than forget
  expiry_.emplace(key, expires_at);
  return true;
}

}  // namespace latch::detail
