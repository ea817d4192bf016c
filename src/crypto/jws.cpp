#include "crypto/jws.hpp"

#include <boost/json/serialize.hpp>
#include <exception>
#include <optional>

#include "core/json.hpp"
#include "crypto/encoding.hpp"
#include "crypto/jwk_codec.hpp"

namespace latch::crypto {
namespace {

// Far above any token we issue or accept; bounds the work an attacker can ask for.
constexpr std::size_t kMaxTokenSize = 64 * 1024;

Error invalid_token(std::string description, std::string detail) {
  return make_error(Errc::InvalidToken, std::move(description), std::move(detail));
}

Error malformed(std::string detail) { return invalid_token("malformed token", std::move(detail)); }

// RFC 7515 §7.1: BASE64URL(header) "." BASE64URL(payload) "." BASE64URL(signature).
struct CompactParts {
  std::string_view header;
  std::string_view payload;
  std::string_view signature;
  std::string_view signing_input;  // header "." payload (RFC 7515 §5.1 step 6)
};

std::optional<CompactParts> split_compact(std::string_view token) {
  const std::size_t first = token.find('.');
  if (first == std::string_view::npos) {
    return std::nullopt;
  }
  const std::size_t second = token.find('.', first + 1);
  if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) {
    return std::nullopt;
  }
  return CompactParts{token.substr(0, first), token.substr(first + 1, second - first - 1),
                      token.substr(second + 1), token.substr(0, second)};
}

// A base64url part holding a JSON object (RFC 7515 §5.2 steps 2-4 and 7). The parse keeps the
// lexically last of duplicate members, as RFC 7515 §4 allows, and refuses numbers out of range.
std::optional<boost::json::object> decode_object(std::string_view part) {
  const auto json = base64url_decode(part);
  if (!json) {
    return std::nullopt;
  }
  auto value = parse_json(*json);
  if (!value || !value->is_object()) {
    return std::nullopt;
  }
  return std::move(value->get_object());
}

// RFC 7515 §4.1.1 and §4.1.11: an algorithm we sign with ("none" never, RFC 8725 §3.1), and no
// critical extensions, since we understand none.
Result<JwsAlg> header_alg(const boost::json::object& header) {
  const auto name = detail::string_member(header, "alg");
  if (!name) {
    return malformed("header has no alg");
  }
  const auto alg = parse_alg(*name);
  if (!alg) {
    return invalid_token("unsupported algorithm", "alg is none or not supported");
  }
  if (header.contains("crit")) {
    return invalid_token("unsupported critical header", "crit is not supported");
  }
  return *alg;
}

// RFC 7515 §4.1.4: the key named by "kid"; a token without one asks for the key under "".
Result<const VerifyKey*> header_key(const boost::json::object& header, const KeyLookup& keys) {
  const auto kid = detail::string_member(header, "kid");
  if (header.contains("kid") && !kid) {
    return malformed("kid is not a string");
  }
  const VerifyKey* key = keys ? keys(kid.value_or("")) : nullptr;
  if (key == nullptr) {
    return invalid_token("unknown signing key", "no key for kid");
  }
  return key;
}

Result<VerifiedJwt> verify_compact(std::string_view token, const KeyLookup& keys) {
  const auto parts = token.size() <= kMaxTokenSize ? split_compact(token) : std::nullopt;
  if (!parts) {
    return malformed("not three parts or too large");
  }
  auto header = decode_object(parts->header);
  if (!header) {
    return malformed("header is not a base64url JSON object");
  }
  const auto alg = header_alg(*header);
  if (!alg) {
    return alg.error();
  }
  const auto key = header_key(*header, keys);
  if (!key) {
    return key.error();
  }
  if ((*key)->alg() && *(*key)->alg() != *alg) {
    return invalid_token("algorithm does not fit the key", "alg differs from the key's alg");
  }
  const auto signature = base64url_decode(parts->signature);
  if (!signature || !(*key)->verify(*alg, parts->signing_input, *signature)) {
    return invalid_token("invalid signature", "signature invalid or alg does not fit the key");
  }
  // The payload is parsed only once it is authenticated.
  auto payload = decode_object(parts->payload);
  if (!payload) {
    return malformed("payload is not a base64url JSON object");
  }
  return VerifiedJwt{std::move(*header), std::move(*payload)};
}

}  // namespace

std::string sign_jwt(const SigningKeyPair& key, const boost::json::object& payload,
                     std::string_view typ) {
  boost::json::object header;
  header.reserve(3);
  header.emplace("alg", alg_name(key.alg()));
  if (!typ.empty()) {
    header.emplace("typ", typ);
  }
  header.emplace("kid", key.kid());
  // RFC 7515 §5.1: sign ASCII(BASE64URL(header) "." BASE64URL(payload)).
  std::string token = base64url_encode(boost::json::serialize(header));
  token += '.';
  token += base64url_encode(boost::json::serialize(payload));
  const std::string signature = key.sign(token);
  token += '.';
  token += base64url_encode(signature);
  return token;
}

Result<VerifiedJwt> verify_jwt(std::string_view token, const KeyLookup& keys) {
  try {
    return verify_compact(token, keys);
  } catch (const std::exception& e) {  // allocation failure inside boost::json, or the lookup
    return malformed(e.what());
  }
}

}  // namespace latch::crypto
