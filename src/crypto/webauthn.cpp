#include "crypto/webauthn.hpp"

#include "crypto/cbor_reader.hpp"
#include "crypto/encoding.hpp"
#include "crypto/hash.hpp"
#include "crypto/random.hpp"
#include "crypto/webauthn_parts.hpp"

namespace latch::crypto::webauthn {

using namespace detail;  // the pieces of this verifier (webauthn_parts.hpp)

namespace {

namespace cd = crypto::detail;

constexpr std::size_t kChallengeBytes = 32;  // §13.4.3: at least 16 random bytes

// §7.1 step 12: the attestationObject map {fmt, attStmt, authData} (§6.5.4), nothing after it.
struct AttestationObject {
  cd::CborItemPtr root;
  std::string_view fmt, authenticator_data;
  const cbor_item_t* statement = nullptr;
};

Result<AttestationObject> parse_attestation_object(std::string_view bytes) {
  auto loaded = cd::load_cbor(bytes);
  if (!loaded || loaded->size != bytes.size() || !cbor_isa_map(loaded->item.get())) {
    return failure("attestationObject is not one CBOR map");
  }
  const cbor_item_t* map = loaded->item.get();
  const auto fmt = cd::cbor_map_get(map, "fmt");
  const auto statement = cd::cbor_map_get(map, "attStmt");
  const auto auth_data = cd::cbor_map_get(map, "authData");
  const auto fmt_text = fmt ? cd::cbor_text(*fmt) : std::nullopt;
  const auto auth_bytes = auth_data ? cd::cbor_bytes(*auth_data) : std::nullopt;
  if (!fmt_text || !statement || *statement == nullptr || !auth_bytes) {
    return failure("attestationObject lacks fmt, attStmt or authData");
  }
  return AttestationObject{std::move(loaded->item), *fmt_text, *auth_bytes, *statement};
}

Credential credential_of(const AuthenticatorData& data, const cd::CoseKey& key) {
  return Credential{.credential_id = base64url_encode(data.attested->credential_id),
                    .public_key = base64url_encode(data.attested->public_key),
                    .algorithm = key.algorithm,
                    .counter = data.sign_count,
                    .aaguid = hex_encode(data.attested->aaguid),
                    .user_verified = (data.flags & kFlagUv) != 0,
                    .backup_eligible = (data.flags & kFlagBe) != 0,
                    .backed_up = (data.flags & kFlagBs) != 0};
}

// §7.1 steps 13-21 once the attestation object is parsed.
Result<Credential> verify_attested(const RegistrationInput& in, const AttestationObject& object,
                                   std::string_view client_data) {
  const auto data = parse_authenticator_data(object.authenticator_data);
  if (!data) {
    return data.error();
  }
  if (auto checked = check_authenticator_data(*data, in.rp_id, in.require_user_verification);
      !checked) {
    return checked.error();
  }
  if (!data->attested) {
    return failure("no attested credential data (AT flag not set)");
  }
  const auto key = cd::parse_cose_key(data->attested->public_key);
  if (!key) {
    return failure("credential public key: " + key.error().detail);
  }
  const std::string client_data_hash = sha256(client_data);
  const AttestationInput attestation{.fmt = object.fmt,
                                     .statement = object.statement,
                                     .authenticator_data = object.authenticator_data,
                                     .client_data_hash = client_data_hash,
                                     .credential_key = &*key};
  if (auto verified = verify_attestation(attestation); !verified) {
    return verified.error();
  }
  return credential_of(*data, *key);
}

// §7.2 step 21: a sign count that does not move on may mean a cloned authenticator.
Result<void> check_counter(std::uint32_t stored, std::uint32_t received) {
  if ((stored != 0 || received != 0) && received <= stored) {
    return failure("sign count " + std::to_string(received) + " not above stored " +
                   std::to_string(stored) + ": possibly a cloned authenticator");
  }
  return ok();
}

// The assertion's base64url fields, decoded.
struct AssertionBytes {
  std::string client_data, authenticator_data, signature, public_key;
};

Result<AssertionBytes> decode_assertion(const AssertionInput& in) {
  auto client_data = decode_field(in.client_data_json, "clientDataJSON");
  auto authenticator_data = decode_field(in.authenticator_data, "authenticatorData");
  auto signature = decode_field(in.signature, "signature");
  auto public_key = decode_field(in.public_key, "public key");
  for (const auto* field : {&client_data, &authenticator_data, &signature, &public_key}) {
    if (!*field) {
      return field->error();
    }
  }
  return AssertionBytes{std::move(*client_data), std::move(*authenticator_data),
                        std::move(*signature), std::move(*public_key)};
}

// §7.2 steps 19-20: the signature over authenticatorData || SHA-256(clientDataJSON), verified
// with the stored credential key.
Result<void> verify_assertion_signature(const AssertionBytes& bytes) {
  const auto key = cd::parse_cose_key(bytes.public_key);
  if (!key) {
    return failure("stored public key: " + key.error().detail);
  }
  const std::string signed_data = bytes.authenticator_data + sha256(bytes.client_data);
  if (!cd::verify_cose_signature(key->key, signed_data, bytes.signature)) {
    return failure("assertion signature does not verify");
  }
  return ok();
}

}  // namespace

Result<Credential> verify_registration(const RegistrationInput& in) {
  const auto client_data = decode_field(in.client_data_json, "clientDataJSON");
  if (!client_data) {
    return client_data.error();
  }
  const ExpectedClientData expected{"webauthn.create", in.expected_challenge, in.expected_origin};
  if (auto checked = check_client_data(*client_data, expected); !checked) {
    return checked.error();
  }
  const auto bytes = decode_field(in.attestation_object, "attestationObject");
  if (!bytes) {
    return bytes.error();
  }
  const auto object = parse_attestation_object(*bytes);
  if (!object) {
    return object.error();
  }
  return verify_attested(in, *object, *client_data);
}

// §7.2 steps 10-21; the caller has done steps 1-9 (which credential, whose user).
Result<Assertion> verify_assertion(const AssertionInput& in) {
  const auto bytes = decode_assertion(in);
  if (!bytes) {
    return bytes.error();
  }
  const ExpectedClientData expected{"webauthn.get", in.expected_challenge, in.expected_origin};
  if (auto checked = check_client_data(bytes->client_data, expected); !checked) {
    return checked.error();
  }
  const auto data = parse_authenticator_data(bytes->authenticator_data);
  if (!data) {
    return data.error();
  }
  if (auto checked = check_authenticator_data(*data, in.rp_id, in.require_user_verification);
      !checked) {
    return checked.error();
  }
  if (auto verified = verify_assertion_signature(*bytes); !verified) {
    return verified.error();
  }
  if (auto counted = check_counter(in.stored_counter, data->sign_count); !counted) {
    return counted.error();
  }
  return Assertion{.counter = data->sign_count, .user_verified = (data->flags & kFlagUv) != 0};
}

std::string new_challenge() { return random_token(kChallengeBytes); }

}  // namespace latch::crypto::webauthn
