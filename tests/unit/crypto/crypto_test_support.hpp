#pragma once

#include <array>
#include <boost/json/object.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include "core/result.hpp"
#include "crypto/encoding.hpp"
#include "crypto/jwk.hpp"

namespace latch::crypto::test_support {

// The value of a Result a test expects to succeed. An error throws, which GoogleTest reports as
// a failure of the running test (Result::value() cannot: latch::Error is not an exception type).
template <class T>
T expect_ok(Result<T> result) {
  if (!result) {
    throw std::runtime_error("unexpected error: " + result.error().description + " (" +
                             result.error().detail + ")");
  }
  return std::move(*result);
}

// The string member `name` of `object`, or "<missing>" when absent or not a string.
inline std::string_view json_text(const boost::json::object& object, std::string_view name) {
  const boost::json::value* value = object.if_contains(name);
  return value != nullptr && value->is_string() ? std::string_view(value->get_string())
                                                : std::string_view("<missing>");
}

inline constexpr std::array<JwsAlg, 4> kAllAlgs = {JwsAlg::ES256, JwsAlg::ES384, JwsAlg::RS256,
                                                   JwsAlg::EdDSA};

// One generated key per algorithm, made once for the whole binary (RSA generation is slow).
inline const SigningKeyPair& test_key(JwsAlg alg) {
  static const std::array<SigningKeyPair, 4> keys = {
      SigningKeyPair::generate(JwsAlg::ES256), SigningKeyPair::generate(JwsAlg::ES384),
      SigningKeyPair::generate(JwsAlg::RS256), SigningKeyPair::generate(JwsAlg::EdDSA)};
  return keys[static_cast<std::size_t>(alg)];
}

// RFC 8037 Appendix A.1: the Ed25519 test key.
inline constexpr std::string_view kRfc8037Seed = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A";
inline constexpr std::string_view kRfc8037X = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
inline constexpr std::string_view kRfc8037Thumbprint =
    "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k";  // RFC 8037 Appendix A.3
// RFC 8037 Appendix A.4: the JWS over "Example of Ed25519 signing" with that key.
inline constexpr std::string_view kRfc8037SigningInput =
    "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc";
inline constexpr std::string_view kRfc8037Signature =
    "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";

// The RFC 8037 key as a PKCS#8 PEM: the fixed RFC 8410 §7 prefix, then the 32-byte seed.
inline std::string rfc8037_private_pem() {
  const std::string prefix("\x30\x2e\x02\x01\x00\x30\x05\x06\x03\x2b\x65\x70\x04\x22\x04\x20", 16);
  const std::string der = prefix + base64url_decode(kRfc8037Seed).value();
  return "-----BEGIN PRIVATE KEY-----\n" + base64_encode(der) + "\n-----END PRIVATE KEY-----\n";
}

// RFC 7515 Appendix A.3: an ES256 JWS (no kid) and its P-256 public key.
inline constexpr std::string_view kRfc7515Es256Token =
    "eyJhbGciOiJFUzI1NiJ9."
    "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
    "."
    "DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";
inline constexpr std::string_view kRfc7515X = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU";
inline constexpr std::string_view kRfc7515Y = "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0";

// RFC 7638 §3.1: an RSA public key and its thumbprint.
inline constexpr std::string_view kRfc7638N =
    "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_"
    "BJECPebWK"
    "RXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_"
    "FDW2QvzqY368QQMi"
    "cAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-"
    "bFTWhAI4vMQFh6WeZu0fM4lFd2NcRw"
    "r3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
inline constexpr std::string_view kRfc7638Thumbprint =
    "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";

}  // namespace latch::crypto::test_support
