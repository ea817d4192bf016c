#include "crypto/jwk.hpp"

#include <array>
#include <boost/json/serialize.hpp>
#include <span>

#include "crypto/encoding.hpp"
#include "crypto/hash.hpp"
#include "crypto/jwk_codec.hpp"

namespace latch::crypto {
namespace {

constexpr std::array<std::string_view, 4> kEcMembers = {"crv", "kty", "x", "y"};  // RFC 7638 §3.2.1
constexpr std::array<std::string_view, 3> kRsaMembers = {"e", "kty", "n"};    // RFC 7638 §3.2.2
constexpr std::array<std::string_view, 3> kOkpMembers = {"crv", "kty", "x"};  // RFC 8037 §2

// RFC 7638 §3.2: the required members of each key type, in lexicographic order; empty for an
// unsupported type.
std::span<const std::string_view> required_members(std::string_view kty) {
  if (kty == "EC") {
    return kEcMembers;
  }
  if (kty == "RSA") {
    return kRsaMembers;
  }
  if (kty == "OKP") {
    return kOkpMembers;
  }
  return {};
}

}  // namespace

std::string_view alg_name(JwsAlg alg) {
  switch (alg) {
    case JwsAlg::ES256:
      return "ES256";
    case JwsAlg::ES384:
      return "ES384";
    case JwsAlg::RS256:
      return "RS256";
    case JwsAlg::EdDSA:
      return "EdDSA";
  }
  return "";
}

std::optional<JwsAlg> parse_alg(std::string_view name) {
  for (const JwsAlg alg : {JwsAlg::ES256, JwsAlg::ES384, JwsAlg::RS256, JwsAlg::EdDSA}) {
    if (name == alg_name(alg)) {
      return alg;
    }
  }
  return std::nullopt;
}

// RFC 7638 §3: SHA-256 over the JSON object of the required members only, in lexicographic
// order, without whitespace; boost::json keeps insertion order and emits no whitespace.
Result<std::string> jwk_thumbprint(const boost::json::object& jwk) {
  const auto kty = detail::string_member(jwk, "kty");
  const auto members = required_members(kty.value_or(""));
  if (members.empty()) {
    return make_error(Errc::InvalidRequest, "invalid JWK", "unsupported or missing kty");
  }
  boost::json::object canonical;
  for (const std::string_view name : members) {
    const auto value = detail::string_member(jwk, name);
    if (!value) {
      return make_error(Errc::InvalidRequest, "invalid JWK", "a required member is missing");
    }
    canonical.emplace(name, *value);
  }
  return base64url_encode(sha256(boost::json::serialize(canonical)));
}

}  // namespace latch::crypto
