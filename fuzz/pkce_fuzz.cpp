// PKCE (src/crypto/pkce.*). Input: a code_verifier on the first line, a code_challenge after it.
//   - a verifier is valid exactly when it has 43–128 unreserved characters (RFC 7636 §4.1), a
//     challenge exactly when it has 43 base64url characters (§4.2);
//   - BASE64URL(SHA256(verifier)) is a valid challenge, and verify_s256 accepts it exactly when
//     the verifier is valid;
//   - verify_s256 accepts no other challenge.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "crypto/encoding.hpp"
#include "crypto/hash.hpp"
#include "crypto/pkce.hpp"
#include "support/fuzz_check.hpp"

namespace latch::fuzz {
namespace {

bool is_alnum(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

bool spec_verifier(std::string_view v) {
  return v.size() >= 43 && v.size() <= 128 && std::all_of(v.begin(), v.end(), [](char c) {
           return is_alnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
         });
}

bool spec_challenge(std::string_view c) {
  return c.size() == 43 && std::all_of(c.begin(), c.end(),
                                       [](char x) { return is_alnum(x) || x == '-' || x == '_'; });
}

}  // namespace
}  // namespace latch::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace latch;
  const auto fields = fuzz::split_fields(fuzz::as_text(data, size), 2);
  const std::string_view verifier = fields[0];
  const std::string_view challenge = fields[1];
  FUZZ_CHECK(crypto::is_valid_code_verifier(verifier) == fuzz::spec_verifier(verifier));
  FUZZ_CHECK(crypto::is_valid_code_challenge(challenge) == fuzz::spec_challenge(challenge));
  const std::string expected = crypto::base64url_encode(crypto::sha256(verifier));
  FUZZ_CHECK(crypto::is_valid_code_challenge(expected));
  FUZZ_CHECK(crypto::verify_s256(verifier, expected) == fuzz::spec_verifier(verifier));
  if (crypto::verify_s256(verifier, challenge)) {
    FUZZ_CHECK(challenge == expected);
  }
  return 0;
}
