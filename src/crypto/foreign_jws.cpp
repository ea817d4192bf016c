#include "crypto/foreign_jws.hpp"

#include <openssl/rsa.h>

#include <array>
#include <exception>

#include "core/json.hpp"
#include "crypto/encoding.hpp"
#include "crypto/hash.hpp"
#include "crypto/jwk.hpp"
#include "crypto/jwk_codec.hpp"
#include "crypto/openssl_util.hpp"

namespace latch::crypto {
namespace {

// As jws.cpp: far above any assertion a client sends; bounds the work.
constexpr std::size_t kMaxTokenSize = 64 * 1024;

constexpr std::array<std::pair<ForeignAlg, std::string_view>, 8> kNames{{
    {ForeignAlg::HS256, "HS256"},
    {ForeignAlg::HS384, "HS384"},
    {ForeignAlg::HS512, "HS512"},
    {ForeignAlg::RS256, "RS256"},
    {ForeignAlg::PS256, "PS256"},
    {ForeignAlg::ES256, "ES256"},
    {ForeignAlg::ES384, "ES384"},
    {ForeignAlg::EdDSA, "EdDSA"},
}};

Error malformed(std::string detail) {
  return make_error(Errc::InvalidToken, "malformed token", std::move(detail));
}

std::optional<boost::json::object> decode_object(std::string_view part) {
  auto json = base64url_decode(part);
  if (!json) return std::nullopt;
  auto value = parse_json(*json);
  if (!value || !value->is_object()) return std::nullopt;
  return std::move(value->get_object());
}

Result<UnverifiedJws> decode(std::string_view token) {
  std::size_t first = token.find('.');
  std::size_t second = first == std::string_view::npos ? first : token.find('.', first + 1);
  if (token.size() > kMaxTokenSize || second == std::string_view::npos ||
      token.find('.', second + 1) != std::string_view::npos) {
    return malformed("not three parts or too large");
  }
  auto header = decode_object(token.substr(0, first));
  auto payload = decode_object(token.substr(first + 1, second - first - 1));
  auto signature = base64url_decode(token.substr(second + 1));
  if (!header || !payload || !signature) return malformed("a part is not base64url JSON");
  auto name = detail::string_member(*header, "alg");
  auto alg = name ? parse_foreign_alg(*name) : std::nullopt;
  if (!alg) return make_error(Errc::InvalidToken, "unsupported algorithm", "alg none or unknown");
  if (header->contains("crit")) {
    return make_error(Errc::InvalidToken, "unsupported critical header", "crit");
  }
  return UnverifiedJws{std::move(*header), std::move(*payload), *alg,
                       std::string(token.substr(0, second)), std::move(*signature)};
}

std::optional<JwsAlg> as_jws_alg(ForeignAlg alg) {
  switch (alg) {
    case ForeignAlg::RS256:
      return JwsAlg::RS256;
    case ForeignAlg::ES256:
      return JwsAlg::ES256;
    case ForeignAlg::ES384:
      return JwsAlg::ES384;
    case ForeignAlg::EdDSA:
      return JwsAlg::EdDSA;
    default:
      return std::nullopt;
  }
}

// RFC 7518 §3.5: RSASSA-PSS with SHA-256, MGF1 with SHA-256 and a salt as long as the hash.
bool verify_ps256(const UnverifiedJws& jws, const boost::json::object& jwk) {
  if (jwk.contains("use") && detail::string_member(jwk, "use") != "sig") return false;
  if (jwk.contains("alg") && detail::string_member(jwk, "alg") != "PS256") return false;
  auto key = detail::public_key_from_jwk(jwk);
  if (!key || key->alg != JwsAlg::RS256) return false;
  detail::EvpMdCtxPtr ctx(EVP_MD_CTX_new());
  EVP_PKEY_CTX* pctx = nullptr;
  if (!ctx ||
      EVP_DigestVerifyInit_ex(ctx.get(), &pctx, "SHA256", nullptr, nullptr, key->pkey.get(),
                              nullptr) != 1 ||
      EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) != 1 ||
      EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) != 1 ||
      EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, EVP_sha256()) != 1) {
    return false;
  }
  return EVP_DigestVerify(ctx.get(), detail::as_bytes(jws.signature), jws.signature.size(),
                          detail::as_bytes(jws.signing_input), jws.signing_input.size()) == 1;
}

}  // namespace

std::optional<ForeignAlg> parse_foreign_alg(std::string_view name) {
  // RFC 9864 §2.2: the fully-specified name of EdDSA with Ed25519 (what jose and openid-client
  // sign with for an Ed25519 key).
  if (name == "Ed25519") return ForeignAlg::EdDSA;
  for (const auto& [alg, text] : kNames) {
    if (text == name) return alg;
  }
  return std::nullopt;
}

std::string_view foreign_alg_name(ForeignAlg alg) {
  for (const auto& [a, text] : kNames) {
    if (a == alg) return text;
  }
  return "";
}

bool is_hmac(ForeignAlg alg) {
  return alg == ForeignAlg::HS256 || alg == ForeignAlg::HS384 || alg == ForeignAlg::HS512;
}

Result<UnverifiedJws> decode_unverified(std::string_view token) {
  try {
    return decode(token);
  } catch (const std::exception& e) {  // allocation failure inside boost::json
    return malformed(e.what());
  }
}

bool verify_hmac(const UnverifiedJws& jws, std::string_view key) {
  std::string mac;
  switch (jws.alg) {
    case ForeignAlg::HS256:
      mac = hmac_sha256(key, jws.signing_input);
      break;
    case ForeignAlg::HS384:
      mac = hmac_sha384(key, jws.signing_input);
      break;
    case ForeignAlg::HS512:
      mac = hmac_sha512(key, jws.signing_input);
      break;
    default:
      return false;
  }
  return constant_time_equal(mac, jws.signature);
}

bool verify_with_jwk(const UnverifiedJws& jws, const boost::json::object& jwk) {
  if (jws.alg == ForeignAlg::PS256) return verify_ps256(jws, jwk);
  auto alg = as_jws_alg(jws.alg);
  if (!alg) return false;
  auto key = VerifyKey::from_jwk(jwk);  // checks "use" and that "alg" fits the key's type
  if (!key || (key->alg() && *key->alg() != *alg)) return false;
  return key->verify(*alg, jws.signing_input, jws.signature);
}

}  // namespace latch::crypto
