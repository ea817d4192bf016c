#pragma once

// A software authenticator for the WebAuthn tests: keys from OpenSSL, CBOR written with libcbor,
// and builders for the responses a browser sends, each field overridable so a test can break
// exactly one thing.

#include <cbor.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include "crypto/cbor_reader.hpp"
#include "crypto/encoding.hpp"
#include "crypto/hash.hpp"
#include "crypto/openssl_util.hpp"
#include "crypto/webauthn.hpp"

namespace latch::crypto::webauthn::test_support {

using crypto::detail::CborItemPtr;
using crypto::detail::EvpPkeyPtr;

inline constexpr std::string_view kRpId = "id.example.com";
inline constexpr std::string_view kOrigin = "https://id.example.com";
inline const std::string kChallenge = base64url_encode(std::string(32, '\x5a'));
inline const std::string kAaguid = std::string("\x01\x23\x45\x67\x89\xab\xcd\xef", 8) +
                                   std::string("\xfe\xdc\xba\x98\x76\x54\x32\x10", 8);
inline const std::string kCredentialId = std::string("cred-\x00\x01\xff", 8);

inline constexpr std::uint8_t kUp = 0x01, kUv = 0x04, kBe = 0x08, kBs = 0x10, kAt = 0x40,
                              kEd = 0x80;

// --- CBOR ---------------------------------------------------------------------------------------

inline cbor_item_t* cbor_text_item(std::string_view text) {
  return cbor_build_stringn(text.data(), text.size());
}
inline cbor_item_t* cbor_bytes_item(std::string_view bytes) {
  return cbor_build_bytestring(reinterpret_cast<cbor_data>(bytes.data()), bytes.size());
}
inline cbor_item_t* cbor_int_item(std::int64_t value) {
  return value >= 0 ? cbor_build_uint64(static_cast<std::uint64_t>(value))
                    : cbor_build_negint64(static_cast<std::uint64_t>(-1 - value));
}

// A definite map of `entries`, which it takes ownership of.
inline CborItemPtr cbor_map_of(
    std::initializer_list<std::pair<cbor_item_t*, cbor_item_t*>> entries) {
  CborItemPtr map(cbor_new_definite_map(entries.size()));
  for (const auto& [key, value] : entries) {
    cbor_map_add(map.get(), cbor_pair{.key = cbor_move(key), .value = cbor_move(value)});
  }
  return map;
}

inline std::string serialize(const cbor_item_t* item) {
  unsigned char* buffer = nullptr;
  std::size_t capacity = 0;
  const std::size_t length = cbor_serialize_alloc(item, &buffer, &capacity);
  std::string out(reinterpret_cast<const char*>(buffer), length);
  free(buffer);
  return out;
}

// --- Keys ---------------------------------------------------------------------------------------

struct TestKey {
  EvpPkeyPtr pkey;
  int alg = 0;
};

inline TestKey generate_key(int alg) {
  EVP_PKEY* raw = alg == kEs256 ? EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256")
                                : EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", std::size_t{2048});
  if (raw == nullptr) {
    throw std::runtime_error("key generation failed");
  }
  return TestKey{EvpPkeyPtr(raw), alg};
}

// One key per algorithm for the whole binary (RSA generation is slow), and a second one to sign
// with where a test wants the wrong key.
inline const TestKey& test_key(int alg, int index = 0) {
  static const TestKey keys[2][2] = {{generate_key(kEs256), generate_key(kEs256)},
                                     {generate_key(kRs256), generate_key(kRs256)}};
  return keys[alg == kEs256 ? 0 : 1][index];
}

inline std::string bignum_bytes(const EVP_PKEY* pkey, const char* name, int width) {
  BIGNUM* raw = nullptr;
  if (EVP_PKEY_get_bn_param(pkey, name, &raw) != 1) {
    throw std::runtime_error(name);
  }
  std::string out(static_cast<std::size_t>(width > 0 ? width : BN_num_bytes(raw)), '\0');
  BN_bn2binpad(raw, reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(out.size()));
  BN_free(raw);
  return out;
}

// RFC 9053 §7.1.1 / RFC 8230 §4, with `alg` as the COSE "alg" (another value to test refusal).
inline std::string cose_key(const TestKey& key, std::optional<std::int64_t> alg = std::nullopt) {
  const std::int64_t label = alg.value_or(key.alg);
  if (key.alg == kEs256) {
    return serialize(
        cbor_map_of({{cbor_int_item(1), cbor_int_item(2)},
                     {cbor_int_item(3), cbor_int_item(label)},
                     {cbor_int_item(-1), cbor_int_item(1)},
                     {cbor_int_item(-2),
                      cbor_bytes_item(bignum_bytes(key.pkey.get(), OSSL_PKEY_PARAM_EC_PUB_X, 32))},
                     {cbor_int_item(-3),
                      cbor_bytes_item(bignum_bytes(key.pkey.get(), OSSL_PKEY_PARAM_EC_PUB_Y, 32))}})
            .get());
  }
  return serialize(
      cbor_map_of({{cbor_int_item(1), cbor_int_item(3)},
                   {cbor_int_item(3), cbor_int_item(label)},
                   {cbor_int_item(-1),
                    cbor_bytes_item(bignum_bytes(key.pkey.get(), OSSL_PKEY_PARAM_RSA_N, 0))},
                   {cbor_int_item(-2),
                    cbor_bytes_item(bignum_bytes(key.pkey.get(), OSSL_PKEY_PARAM_RSA_E, 0))}})
          .get());
}

// SHA-256 signature as an authenticator makes it: DER ECDSA or PKCS#1 v1.5.
inline std::string sign(const TestKey& key, std::string_view data) {
  const crypto::detail::EvpMdCtxPtr ctx(EVP_MD_CTX_new());
  std::size_t length = 0;
  if (EVP_DigestSignInit_ex(ctx.get(), nullptr, "SHA256", nullptr, nullptr, key.pkey.get(),
                            nullptr) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &length,
                     reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1) {
    throw std::runtime_error("sign failed");
  }
  std::string out(length, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &length,
                     reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1) {
    throw std::runtime_error("sign failed");
  }
  out.resize(length);
  return out;
}

// A self-signed DER certificate for `key` (an attestation certificate of a "packed" statement).
inline std::string self_signed_certificate(const TestKey& key) {
  X509* cert = X509_new();
  X509_set_version(cert, X509_VERSION_3);
  ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert), 0);
  X509_gmtime_adj(X509_getm_notAfter(cert), 3600);
  X509_set_pubkey(cert, key.pkey.get());
  X509_NAME* name = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("Latch test"), -1, -1, 0);
  X509_set_issuer_name(cert, name);
  X509_sign(cert, key.pkey.get(), EVP_sha256());
  unsigned char* der = nullptr;
  const int length = i2d_X509(cert, &der);
  std::string out(reinterpret_cast<const char*>(der), static_cast<std::size_t>(length));
  OPENSSL_free(der);
  X509_free(cert);
  return out;
}

// --- Responses ----------------------------------------------------------------------------------

inline std::string client_data_json(std::string_view type, std::string_view challenge = kChallenge,
                                    std::string_view origin = kOrigin) {
  return R"({"type":")" + std::string(type) + R"(","challenge":")" + std::string(challenge) +
         R"(","origin":")" + std::string(origin) + R"(","crossOrigin":false})";
}

struct AuthenticatorDataSpec {
  std::string rp_id = std::string(kRpId);
  std::uint8_t flags = kUp | kUv;
  std::uint32_t counter = 0;
  std::optional<std::string> cose_key;  // attested credential data (AT) with this key
  std::string credential_id = kCredentialId;
  std::string extensions;  // CBOR bytes appended after the attested data (set ED yourself)
};

inline std::string authenticator_data(const AuthenticatorDataSpec& spec) {
  std::string out = sha256(spec.rp_id);
  out += static_cast<char>(spec.flags | (spec.cose_key ? kAt : 0));
  for (int shift = 24; shift >= 0; shift -= 8) {
    out += static_cast<char>((spec.counter >> shift) & 0xFF);
  }
  if (spec.cose_key) {
    out += kAaguid;
    out += static_cast<char>(spec.credential_id.size() >> 8);
    out += static_cast<char>(spec.credential_id.size() & 0xFF);
    out += spec.credential_id;
    out += *spec.cose_key;
  }
  return out + spec.extensions;
}

inline std::string attestation_object(std::string_view fmt, CborItemPtr statement,
                                      std::string_view auth_data) {
  return serialize(cbor_map_of({{cbor_text_item("fmt"), cbor_text_item(fmt)},
                                {cbor_text_item("attStmt"), statement.release()},
                                {cbor_text_item("authData"), cbor_bytes_item(auth_data)}})
                       .get());
}

inline CborItemPtr empty_statement() { return CborItemPtr(cbor_new_definite_map(0)); }

// A "packed" statement signed by `signer` over auth_data || SHA-256(client_data), with x5c when
// `certificate` is given.
inline CborItemPtr packed_statement(const TestKey& signer, std::int64_t alg,
                                    std::string_view auth_data, std::string_view client_data,
                                    std::optional<std::string> certificate = std::nullopt) {
  const std::string signature = sign(signer, std::string(auth_data) + sha256(client_data));
  if (!certificate) {
    return cbor_map_of({{cbor_text_item("alg"), cbor_int_item(alg)},
                        {cbor_text_item("sig"), cbor_bytes_item(signature)}});
  }
  cbor_item_t* chain = cbor_new_definite_array(1);
  cbor_array_push(chain, cbor_move(cbor_bytes_item(*certificate)));
  return cbor_map_of({{cbor_text_item("alg"), cbor_int_item(alg)},
                      {cbor_text_item("sig"), cbor_bytes_item(signature)},
                      {cbor_text_item("x5c"), chain}});
}

inline RegistrationInput registration_input(std::string_view client_data,
                                            std::string_view attestation) {
  return RegistrationInput{.client_data_json = base64url_encode(client_data),
                           .attestation_object = base64url_encode(attestation),
                           .expected_challenge = kChallenge,
                           .expected_origin = std::string(kOrigin),
                           .rp_id = std::string(kRpId)};
}

// An assertion by `key` over `auth_data` and `client_data`, checked against `stored` COSE key.
inline AssertionInput assertion_input(const TestKey& key, std::string_view auth_data,
                                      std::string_view client_data,
                                      std::string_view stored_cose_key) {
  return AssertionInput{
      .client_data_json = base64url_encode(client_data),
      .authenticator_data = base64url_encode(auth_data),
      .signature = base64url_encode(sign(key, std::string(auth_data) + sha256(client_data))),
      .expected_challenge = kChallenge,
      .expected_origin = std::string(kOrigin),
      .rp_id = std::string(kRpId),
      .public_key = base64url_encode(stored_cose_key)};
}

}  // namespace latch::crypto::webauthn::test_support
