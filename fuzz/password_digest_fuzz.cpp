// Password digests made elsewhere (src/crypto/password_digest.*, legacy_*.cpp). Input: an
// algorithm name (Logto's, "Legacy", "Bcrypt", ...) on the first line, a digest after it.
//   - check_password_digest never crashes, and refuses only with InvalidRequest and one of its
//     four keys;
//   - a refused digest never verifies;
//   - an accepted MD5, SHA1 or SHA256 digest verifies "fuzz" exactly when it is that hash's hex.
// Accepted digests of the slow methods are not verified here: their cost is capped at seconds,
// which is what a fuzzer must not spend per input.

#include <openssl/evp.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "crypto/password_digest.hpp"
#include "support/fuzz_check.hpp"

namespace latch::fuzz {
namespace {

bool is_refusal_key(std::string_view key) {
  return key == "password.invalid_digest" || key == "password.digest_cost_too_high" ||
         key == "password.invalid_legacy_password_format" ||
         key == "password.unsupported_legacy_hash_algorithm";
}

// Lower-case hex of `md`("fuzz"), an oracle apart from the code under test's own hex handling.
std::string hex_of_fuzz(const char* md) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest("fuzz", 4, out, &length, EVP_get_digestbyname(md), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[out[i] >> 4];
    hex += kHex[out[i] & 15];
  }
  return hex;
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; });
  return out;
}

}  // namespace
}  // namespace latch::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace latch;
  using crypto::PasswordAlgorithm;
  const auto fields = fuzz::split_fields(fuzz::as_text(data, size), 2);
  const auto algorithm = crypto::password_algorithm_named(fields[0]);
  if (!algorithm) return 0;
  const std::string_view digest = fields[1];
  const auto checked = crypto::check_password_digest(*algorithm, digest);
  if (!checked) {
    FUZZ_CHECK(checked.error().code == Errc::InvalidRequest);
    FUZZ_CHECK(fuzz::is_refusal_key(checked.error().key));
    FUZZ_CHECK(!crypto::verify_password_digest("fuzz", *algorithm, digest));
    return 0;
  }
  const char* md = *algorithm == PasswordAlgorithm::Md5      ? "MD5"
                   : *algorithm == PasswordAlgorithm::Sha1   ? "SHA1"
                   : *algorithm == PasswordAlgorithm::Sha256 ? "SHA256"
                                                             : nullptr;
  if (md) {
    FUZZ_CHECK(crypto::verify_password_digest("fuzz", *algorithm, digest) ==
               (fuzz::lower(digest) == fuzz::hex_of_fuzz(md)));
  }
  return 0;
}
