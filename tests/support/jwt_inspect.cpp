#include "support/jwt_inspect.hpp"

#include <boost/json/parse.hpp>

#include "crypto/encoding.hpp"
#include "crypto/jwk.hpp"

namespace latch::test {
namespace {

std::optional<boost::json::object> json_part(std::string_view part) {
  auto bytes = crypto::base64url_decode(part);
  if (!bytes) return std::nullopt;
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(*bytes, ec);
  if (ec || !value.is_object()) return std::nullopt;
  return value.as_object();
}

}  // namespace

std::optional<DecodedJwt> decode_jwt(std::string_view token) {
  std::size_t first = token.find('.');
  std::size_t second = first == std::string_view::npos ? first : token.find('.', first + 1);
  if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) {
    return std::nullopt;
  }
  auto header = json_part(token.substr(0, first));
  auto payload = json_part(token.substr(first + 1, second - first - 1));
  auto signature = crypto::base64url_decode(token.substr(second + 1));
  if (!header || !payload || !signature) return std::nullopt;
  return DecodedJwt{std::move(*header), std::move(*payload), std::string(token.substr(0, second)),
                    std::move(*signature)};
}

std::optional<boost::json::object> find_jwk(const boost::json::value& jwks, std::string_view kid) {
  if (!jwks.is_object() || !jwks.as_object().contains("keys")) return std::nullopt;
  const auto& keys = jwks.at("keys");
  if (!keys.is_array()) return std::nullopt;
  for (const auto& key : keys.as_array()) {
    const auto* found = key.is_object() ? key.as_object().if_contains("kid") : nullptr;
    if (found && found->is_string() && found->as_string() == kid) return key.as_object();
  }
  return std::nullopt;
}

::testing::AssertionResult verified_by_jwks(const DecodedJwt& jwt, const boost::json::value& jwks) {
  const auto* kid = jwt.header.if_contains("kid");
  const auto* alg_name = jwt.header.if_contains("alg");
  if (!kid || !kid->is_string() || !alg_name || !alg_name->is_string()) {
    return ::testing::AssertionFailure() << "the header lacks kid or alg";
  }
  auto alg = crypto::parse_alg(alg_name->as_string());
  if (!alg) return ::testing::AssertionFailure() << "unsupported alg " << alg_name->as_string();
  auto jwk = find_jwk(jwks, kid->as_string());
  if (!jwk) return ::testing::AssertionFailure() << "kid " << kid->as_string() << " not in JWKS";
  auto key = crypto::VerifyKey::from_jwk(*jwk);
  if (!key) return ::testing::AssertionFailure() << "JWK rejected: " << key.error().description;
  if (!key->verify(*alg, jwt.signing_input, jwt.signature)) {
    return ::testing::AssertionFailure() << "the signature does not verify";
  }
  return ::testing::AssertionSuccess();
}

}  // namespace latch::test
