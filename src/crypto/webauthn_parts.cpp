#include "crypto/webauthn_parts.hpp"

#include "core/json.hpp"
#include "crypto/cbor_reader.hpp"
#include "crypto/encoding.hpp"
#include "crypto/hash.hpp"
#include "crypto/webauthn.hpp"

namespace latch::crypto::webauthn::detail {
namespace {

constexpr std::size_t kRpIdHashSize = 32, kFixedSize = 37;  // rpIdHash, flags, signCount
constexpr std::size_t kAaguidSize = 16;
constexpr std::size_t kMaxCredentialIdSize = 1023;  // §5.8.3

std::uint32_t big_endian(std::string_view bytes) {
  std::uint32_t value = 0;
  for (const char c : bytes) {
    value = (value << 8) | static_cast<unsigned char>(c);
  }
  return value;
}

// §6.5.1: aaguid, credentialIdLength, credentialId, then one CBOR item, the COSE_Key. Advances
// `rest` past them.
Result<AttestedCredentialData> parse_attested(std::string_view& rest) {
  if (rest.size() < kAaguidSize + 2) {
    return failure("attested credential data truncated");
  }
  AttestedCredentialData out;
  out.aaguid = rest.substr(0, kAaguidSize);
  const std::size_t id_size = big_endian(rest.substr(kAaguidSize, 2));
  rest.remove_prefix(kAaguidSize + 2);
  if (id_size == 0 || id_size > kMaxCredentialIdSize || id_size > rest.size()) {
    return failure("credential ID length " + std::to_string(id_size) + " out of range");
  }
  out.credential_id = rest.substr(0, id_size);
  rest.remove_prefix(id_size);
  const auto key = crypto::detail::load_cbor(rest);
  if (!key) {
    return failure("credential public key: " + key.error().detail);
  }
  out.public_key = rest.substr(0, key->size);
  rest.remove_prefix(key->size);
  return out;
}

// §6.1: the extensions are one CBOR map that ends the authenticator data.
Result<void> check_extensions(std::string_view rest) {
  const auto extensions = crypto::detail::load_cbor(rest);
  if (!extensions || extensions->size != rest.size() || !cbor_isa_map(extensions->item.get())) {
    return failure("extensions are not one CBOR map ending the authenticator data");
  }
  return ok();
}

}  // namespace

Error failure(std::string detail) {
  return keyed_error(Errc::InvalidRequest, kWebauthnVerificationFailed, std::move(detail));
}

Result<std::string> decode_field(std::string_view text, std::string_view field) {
  if (text.size() > kMaxInputBytes / 3 * 4 + 4) {
    return failure(std::string(field) + " too long");
  }
  auto bytes = base64url_decode(text);
  if (!bytes || bytes->empty()) {
    return failure(std::string(field) + " is not base64url");
  }
  return std::move(*bytes);
}

Result<void> check_client_data(std::string_view json, const ExpectedClientData& expected) {
  const auto parsed = parse_json(json);
  if (!parsed || !parsed->is_object()) {
    return failure("clientDataJSON is not a JSON object");
  }
  const auto& object = parsed->get_object();
  if (json_text(object, "type") != expected.type) {
    return failure("clientData type is not " + std::string(expected.type));
  }
  const auto challenge = base64url_decode(json_text(object, "challenge"));
  const auto wanted = base64url_decode(expected.challenge);
  if (!wanted || wanted->empty()) {
    return failure("expected challenge is not base64url");
  }
  if (!challenge || !constant_time_equal(*challenge, *wanted)) {
    return failure("clientData challenge does not match");
  }
  const boost::json::value* origin = object.if_contains("origin");
  if (expected.origin.empty() || origin == nullptr || !origin->is_string() ||
      origin->get_string() != expected.origin) {
    return failure("clientData origin does not match");
  }
  return ok();
}

Result<AuthenticatorData> parse_authenticator_data(std::string_view bytes) {
  if (bytes.size() < kFixedSize) {
    return failure("authenticator data shorter than 37 bytes");
  }
  AuthenticatorData out;
  out.rp_id_hash = bytes.substr(0, kRpIdHashSize);
  out.flags = static_cast<std::uint8_t>(bytes[kRpIdHashSize]);
  out.sign_count = big_endian(bytes.substr(kRpIdHashSize + 1, 4));
  std::string_view rest = bytes.substr(kFixedSize);
  if ((out.flags & kFlagAt) != 0) {
    auto attested = parse_attested(rest);
    if (!attested) {
      return attested.error();
    }
    out.attested = *attested;
  }
  if ((out.flags & kFlagEd) != 0) {
    if (auto extensions = check_extensions(rest); !extensions) {
      return extensions.error();
    }
    rest = {};
  }
  if (!rest.empty()) {
    return failure("trailing bytes after the authenticator data");
  }
  return out;
}

Result<void> check_authenticator_data(const AuthenticatorData& data, std::string_view rp_id,
                                      bool require_uv) {
  if (rp_id.empty() || !constant_time_equal(data.rp_id_hash, sha256(rp_id))) {
    return failure("rpIdHash is not SHA-256 of the RP ID");
  }
  if ((data.flags & kFlagUp) == 0) {
    return failure("user presence flag not set");
  }
  if (require_uv && (data.flags & kFlagUv) == 0) {
    return failure("user verification required but not performed");
  }
  if ((data.flags & kFlagBs) != 0 && (data.flags & kFlagBe) == 0) {
    return failure("backup state set without backup eligibility");
  }
  return ok();
}

}  // namespace latch::crypto::webauthn::detail
