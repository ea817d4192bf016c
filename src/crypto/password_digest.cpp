#include "crypto/password_digest.hpp"

#include <openssl/evp.h>

#include <array>
#include <string>
#include <utility>

#include "crypto/hash.hpp"
#include "crypto/password.hpp"
#include "crypto/password_formats.hpp"

namespace latch::crypto {
namespace {

using detail::invalid_digest;

constexpr std::array<std::pair<std::string_view, PasswordAlgorithm>, 8> kNames{{
    {"Argon2i", PasswordAlgorithm::Argon2i},
    {"Argon2id", PasswordAlgorithm::Argon2id},
    {"Argon2d", PasswordAlgorithm::Argon2d},
    {"Bcrypt", PasswordAlgorithm::Bcrypt},
    {"SHA1", PasswordAlgorithm::Sha1},
    {"SHA256", PasswordAlgorithm::Sha256},
    {"MD5", PasswordAlgorithm::Md5},
    {"Legacy", PasswordAlgorithm::Legacy},
}};

bool is_argon2(PasswordAlgorithm a) {
  return a == PasswordAlgorithm::Argon2i || a == PasswordAlgorithm::Argon2id ||
         a == PasswordAlgorithm::Argon2d;
}

// The OpenSSL digest behind an unsalted hex method, and its size in bytes.
std::pair<const char*, std::size_t> plain_digest(PasswordAlgorithm a) {
  switch (a) {
    case PasswordAlgorithm::Sha1:
      return {"SHA1", 20};
    case PasswordAlgorithm::Sha256:
      return {"SHA256", 32};
    default:
      return {"MD5", 16};
  }
}

// MD5, SHA1, SHA256 of the password, unsalted, compared with the digest's bytes.
bool verify_plain(std::string_view password, PasswordAlgorithm a, std::string_view digest) {
  auto expected = detail::hex_decode(digest);
  auto [name, size] = plain_digest(a);
  if (!expected || expected->size() != size) return false;
  std::string actual(EVP_MAX_MD_SIZE, '\0');
  unsigned int length = 0;
  EVP_MD* md = EVP_MD_fetch(nullptr, name, nullptr);
  bool made =
      md && EVP_Digest(password.data(), password.size(),
                       reinterpret_cast<unsigned char*>(actual.data()), &length, md, nullptr) == 1;
  EVP_MD_free(md);
  if (!made) return false;
  actual.resize(length);
  return constant_time_equal(actual, *expected);
}

}  // namespace

std::optional<PasswordAlgorithm> password_algorithm_named(std::string_view name) {
  for (const auto& [text, algorithm] : kNames) {
    if (text == name) return algorithm;
  }
  return std::nullopt;
}

std::string_view name_of(PasswordAlgorithm algorithm) {
  for (const auto& [text, a] : kNames) {
    if (a == algorithm) return text;
  }
  return {};
}

Result<void> check_password_digest(PasswordAlgorithm algorithm, std::string_view digest) {
  if (digest.size() > kMaxDigestSize) return invalid_digest("digest too long");
  if (digest.find('\0') != std::string_view::npos) return invalid_digest("NUL in a digest");
  if (is_argon2(algorithm)) return detail::check_argon2(digest);
  switch (algorithm) {
    case PasswordAlgorithm::Bcrypt:
      return detail::check_bcrypt(digest);
    case PasswordAlgorithm::Legacy:
      return detail::check_legacy(digest);
    default:
      // An unsalted hex digest carries no cost to bound: as Logto, any text is stored, and one
      // that is not hex of the method's size verifies no password (verify_plain).
      return ok();
  }
}

bool verify_password_digest(std::string_view password, PasswordAlgorithm algorithm,
                            std::string_view digest) {
  if (!check_password_digest(algorithm, digest)) return false;
  if (is_argon2(algorithm)) return verify_password(password, digest);  // takes its own slot
  if (algorithm == PasswordAlgorithm::Md5 || algorithm == PasswordAlgorithm::Sha1 ||
      algorithm == PasswordAlgorithm::Sha256) {
    return verify_plain(password, algorithm, digest);
  }
  LimiterSlot slot(password_slots());
  if (algorithm == PasswordAlgorithm::Bcrypt) return detail::verify_bcrypt(password, digest);
  return detail::verify_legacy(password, digest);
}

bool needs_decoy_on_failure(PasswordAlgorithm algorithm) {
  return algorithm == PasswordAlgorithm::Sha1 || algorithm == PasswordAlgorithm::Sha256 ||
         algorithm == PasswordAlgorithm::Md5 || algorithm == PasswordAlgorithm::Legacy;
}

bool needs_rehash(PasswordAlgorithm algorithm, std::string_view digest) {
  const PasswordParams latch;
  const std::string ours = "$argon2id$v=19$m=" + std::to_string(latch.memory_kib) +
                           ",t=" + std::to_string(latch.iterations) +
                           ",p=" + std::to_string(latch.parallelism) + "$";
  return algorithm != PasswordAlgorithm::Argon2id || !digest.starts_with(ours);
}

}  // namespace latch::crypto
