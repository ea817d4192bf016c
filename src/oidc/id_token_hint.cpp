#include "oidc/id_token_hint.hpp"

#include "crypto/jws.hpp"

namespace latch::oidc {

Result<IdTokenHint> read_id_token_hint(const Config& config, const KeyStore& keys,
                                       std::string_view hint) {
  auto snapshot = keys.snapshot();
  auto jwt =
      crypto::verify_jwt(hint, [&](std::string_view kid) { return snapshot->verifier(kid); });
  if (!jwt) return make_error(Errc::InvalidRequest, "id_token_hint is not a valid ID token");
  const auto* iss = jwt->payload.if_contains("iss");
  const auto* aud = jwt->payload.if_contains("aud");
  const auto* sub = jwt->payload.if_contains("sub");
  if (!iss || !iss->is_string() || iss->as_string() != config.issuer() || !aud ||
      !aud->is_string() || !sub || !sub->is_string()) {
    return make_error(Errc::InvalidRequest, "id_token_hint was not issued by this provider");
  }
  return IdTokenHint{std::string(aud->as_string()), std::string(sub->as_string())};
}

}  // namespace latch::oidc
