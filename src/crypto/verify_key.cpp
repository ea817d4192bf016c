#include "crypto/jwk.hpp"
#include "crypto/jwk_codec.hpp"
#include "crypto/prepared_key.hpp"

namespace latch::crypto {

struct VerifyKey::Impl {
  detail::PreparedKey key;
};

namespace {

Error invalid_jwk(std::string detail) {
  return make_error(Errc::InvalidRequest, "invalid JWK", std::move(detail));
}

// RFC 7517 §4.4: the optional "alg" must name an algorithm we support and that fits the key.
Result<std::optional<JwsAlg>> declared_alg(const boost::json::object& jwk, JwsAlg key_alg) {
  if (!jwk.contains("alg")) {
    return std::nullopt;
  }
  const auto name = detail::string_member(jwk, "alg");
  const auto alg = name ? parse_alg(*name) : std::nullopt;
  if (!alg) {
    return invalid_jwk("unsupported alg");
  }
  if (*alg != key_alg) {
    return invalid_jwk("alg does not fit the key type");
  }
  return alg;
}

// RFC 7517 §4.2 and §4.5: "use", when present, must be "sig"; "kid", when present, a string.
Result<std::string> checked_kid(const boost::json::object& jwk) {
  if (jwk.contains("use") && detail::string_member(jwk, "use") != "sig") {
    return invalid_jwk("key is not for signatures");
  }
  if (!jwk.contains("kid")) {
    return std::string();
  }
  const auto kid = detail::string_member(jwk, "kid");
  if (!kid) {
    return invalid_jwk("kid is not a string");
  }
  return std::string(*kid);
}

}  // namespace

Result<VerifyKey> VerifyKey::from_jwk(const boost::json::object& jwk) {
  auto key = detail::public_key_from_jwk(jwk);
  if (!key) {
    return key.error();
  }
  auto alg = declared_alg(jwk, key->alg);
  if (!alg) {
    return alg.error();
  }
  auto kid = checked_kid(jwk);
  if (!kid) {
    return kid.error();
  }
  auto prepared = detail::PreparedKey::prepare(std::move(key->pkey), key->alg,
                                               detail::PreparedKey::Use::Verify);
  if (!prepared) {
    return invalid_jwk("key cannot verify");
  }
  VerifyKey verify_key;
  verify_key.impl_ = std::make_shared<const Impl>(Impl{std::move(*prepared)});
  verify_key.alg_ = *alg;
  verify_key.kid_ = std::move(*kid);
  return verify_key;
}

bool VerifyKey::verify(JwsAlg alg, std::string_view signing_input,
                       std::string_view signature) const {
  // The key type fixes the algorithm, so a header cannot steer verification to another one.
  return impl_ && alg == impl_->key.alg() && impl_->key.verify(signing_input, signature);
}

}  // namespace latch::crypto
