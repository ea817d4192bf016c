#include <openssl/err.h>
#include <openssl/evp.h>

#include <algorithm>
#include <climits>

#include "crypto/encoding.hpp"
#include "crypto/password_digest.hpp"
#include "crypto/password_formats.hpp"

// The key-derivation forms of Logto's Legacy digest (see legacy_password.cpp for the list). The
// password is always the last argument, "@"; checks refuse what the derivation could not run, so
// that a digest accepted when stored stays usable.
namespace latch::crypto::detail {
namespace {

constexpr std::uint64_t kMaxKeyLength = 1024;

Error unsupported_md(const std::string& name) {
  return keyed_error(Errc::InvalidRequest, "password.unsupported_legacy_hash_algorithm",
                     "no OpenSSL digest " + name + " for PBKDF2");
}

// `count` arguments, the last of them "@".
Result<void> check_arity(const LegacyTuple& t, std::size_t count) {
  if (t.args.size() != count || t.args.back() != "@") {
    return invalid_legacy(t.algorithm + " takes " + std::to_string(count) +
                          " arguments, the last \"@\"");
  }
  return ok();
}

// Logto's PBKDF2 salt: "hex:" then bytes in hex, or else the text itself.
std::optional<std::string> salt_of(std::string_view arg) {
  if (!arg.starts_with("hex:")) return std::string(arg);
  auto bytes = hex_decode(arg.substr(4));
  if (!bytes || bytes->empty()) return std::nullopt;
  return bytes;
}

// Firebase's base64, in either alphabet (its CLI writes + and /, its Admin SDK - and _).
std::optional<std::string> firebase_base64(std::string_view text) {
  std::string standard(text);
  std::replace(standard.begin(), standard.end(), '-', '+');
  std::replace(standard.begin(), standard.end(), '_', '/');
  if (standard.empty()) return std::nullopt;
  return base64_decode(standard);
}

struct ScryptParams {
  std::uint64_t n = 0, r = 0, p = 0;
};

// RFC 7914 §2 and OpenSSL's own bounds, then Latch's: 128 · r · (N + p) bytes at most
// kMaxScryptMemory, p at most kMaxScryptParallelism.
Result<void> check_scrypt_params(const ScryptParams& s) {
  if (s.n < 2 || (s.n & (s.n - 1)) != 0 || s.r == 0 || s.p == 0 ||
      (16 * s.r < 64 && s.n >= (std::uint64_t{1} << (16 * s.r)))) {
    return invalid_legacy("scrypt N must be a power of two above 1 and below 2^(16r); r, p >= 1");
  }
  const std::uint64_t blocks = kMaxScryptMemory / 128;
  if (s.p > kMaxScryptParallelism || s.n > blocks || s.r > blocks / (s.n + s.p)) {
    return digest_too_costly("scrypt memory or parallelism above Latch's limits");
  }
  return ok();
}

std::optional<std::string> scrypt(std::string_view password, std::string_view salt,
                                  const ScryptParams& s, std::size_t length) {
  std::string key(length, '\0');
  const std::uint64_t memory = 128 * s.r * (s.n + s.p + 2);
  bool made =
      EVP_PBE_scrypt(password.data(), password.size(),
                     reinterpret_cast<const unsigned char*>(salt.data()), salt.size(), s.n, s.r,
                     s.p, memory, reinterpret_cast<unsigned char*>(key.data()), key.size()) == 1;
  ERR_clear_error();
  if (!made) return std::nullopt;
  return key;
}

// A decimal argument: invalid when it is no number, too costly above `max` (however many digits).
Result<std::uint64_t> number(const LegacyTuple& t, std::size_t i, std::uint64_t max) {
  const std::string& text = t.args[i];
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos ||
      (text.size() > 1 && text[0] == '0')) {
    return invalid_legacy(t.algorithm + " argument " + std::to_string(i) + " not a number");
  }
  auto n = parse_decimal(text, 0, max);
  if (!n) return digest_too_costly(t.algorithm + " argument above Latch's limit");
  return *n;
}

// The key length a hex digest must have: keylen, which must match it.
Result<std::size_t> hex_key_length(const LegacyTuple& t, std::size_t i) {
  auto length = number(t, i, kMaxKeyLength);
  if (!length) return length.error();
  auto expected = hex_decode(t.digest);
  if (*length == 0 || !expected || expected->size() != *length) {
    return invalid_legacy("the digest is not hex of keylen bytes");
  }
  return static_cast<std::size_t>(*length);
}

}  // namespace

Result<void> check_pbkdf2(const LegacyTuple& t) {
  if (auto r = check_arity(t, 5); !r) return r;
  if (!salt_of(t.args[0])) return invalid_legacy("a hex: salt that is not hex");
  auto iterations = number(t, 1, kMaxPbkdf2Work);
  if (!iterations) return iterations.error();
  if (*iterations == 0) return invalid_legacy("PBKDF2 iterations must be at least 1");
  auto length = hex_key_length(t, 2);
  if (!length) return length.error();
  MdPtr md = fetch_md(t.args[3]);
  const int block = md ? EVP_MD_get_size(md.get()) : 0;
  if (block <= 0 || (EVP_MD_get_flags(md.get()) & EVP_MD_FLAG_XOF) != 0) {
    return unsupported_md(t.args[3]);
  }
  const std::uint64_t blocks = (*length + block - 1) / block;  // RFC 8018 §5.2: l
  if (*iterations > kMaxPbkdf2Work / blocks) {
    return digest_too_costly("PBKDF2 iterations × blocks above Latch's limit");
  }
  return ok();
}

std::optional<std::string> derive_pbkdf2(const LegacyTuple& t, std::string_view password) {
  auto salt = salt_of(t.args[0]);
  auto iterations = parse_decimal(t.args[1], 1, kMaxPbkdf2Work);
  auto length = parse_decimal(t.args[2], 1, kMaxKeyLength);
  MdPtr md = fetch_md(t.args[3]);
  if (!salt || !iterations || !length || !md || password.size() > INT_MAX) return std::nullopt;
  std::string key(*length, '\0');
  bool made =
      PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                        reinterpret_cast<const unsigned char*>(salt->data()),
                        static_cast<int>(salt->size()), static_cast<int>(*iterations), md.get(),
                        static_cast<int>(key.size()), reinterpret_cast<unsigned char*>(key.data()));
  ERR_clear_error();
  if (!made) return std::nullopt;
  return key;
}

Result<void> check_scrypt(const LegacyTuple& t) {
  if (auto r = check_arity(t, 6); !r) return r;
  if (!salt_of(t.args[0])) return invalid_legacy("a hex: salt that is not hex");
  auto n = number(t, 1, UINT32_MAX);
  if (!n) return n.error();
  auto r = number(t, 2, UINT32_MAX);
  if (!r) return r.error();
  auto p = number(t, 3, UINT32_MAX);
  if (!p) return p.error();
  if (auto valid = check_scrypt_params({*n, *r, *p}); !valid) return valid;
  if (auto length = hex_key_length(t, 4); !length) return length.error();
  return ok();
}

std::optional<std::string> derive_scrypt(const LegacyTuple& t, std::string_view password) {
  auto salt = salt_of(t.args[0]);
  auto n = parse_decimal(t.args[1], 2, UINT32_MAX);
  auto r = parse_decimal(t.args[2], 1, UINT32_MAX);
  auto p = parse_decimal(t.args[3], 1, UINT32_MAX);
  auto length = parse_decimal(t.args[4], 1, kMaxKeyLength);
  if (!salt || !n || !r || !p || !length) return std::nullopt;
  return scrypt(password, *salt, {*n, *r, *p}, *length);
}

// Firebase's scrypt (github.com/firebase/scrypt, as Logto's firebase-scrypt.ts): the key of
// scrypt(password, salt ‖ separator, N = 2^memCost, r = rounds, p = 1) encrypts the project's
// signer key with AES-256-CTR under a zero IV; the digest is that ciphertext in base64.
Result<void> check_firebase_scrypt(const LegacyTuple& t) {
  if (auto r = check_arity(t, 6); !r) return r;
  auto salt = firebase_base64(t.args[0]);
  auto signer = firebase_base64(t.args[1]);
  auto separator = firebase_base64(t.args[2]);
  auto digest = expected_firebase_scrypt(t);
  if (!salt || !signer || signer->empty() || !separator || !digest ||
      digest->size() != signer->size()) {
    return invalid_legacy("firebase-scrypt salt, signer key, separator or digest not base64");
  }
  auto rounds = number(t, 3, UINT32_MAX);
  if (!rounds) return rounds.error();
  auto mem_cost = number(t, 4, 62);
  if (!mem_cost) return mem_cost.error();
  return check_scrypt_params({std::uint64_t{1} << *mem_cost, *rounds, 1});
}

std::optional<std::string> expected_firebase_scrypt(const LegacyTuple& t) {
  return firebase_base64(t.digest);
}

std::optional<std::string> derive_firebase_scrypt(const LegacyTuple& t, std::string_view password) {
  auto salt = firebase_base64(t.args[0]);
  auto signer = firebase_base64(t.args[1]);
  auto separator = firebase_base64(t.args[2]);
  auto rounds = parse_decimal(t.args[3], 1, UINT32_MAX);
  auto mem_cost = parse_decimal(t.args[4], 1, 62);
  if (!salt || !signer || !separator || !rounds || !mem_cost) return std::nullopt;
  auto key = scrypt(password, *salt + *separator, {std::uint64_t{1} << *mem_cost, *rounds, 1}, 32);
  if (!key || signer->size() > INT_MAX) return std::nullopt;
  std::unique_ptr<EVP_CIPHER, decltype(&EVP_CIPHER_free)> aes(
      EVP_CIPHER_fetch(nullptr, "AES-256-CTR", nullptr), &EVP_CIPHER_free);
  std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)> ctx(EVP_CIPHER_CTX_new(),
                                                                      &EVP_CIPHER_CTX_free);
  const unsigned char iv[16] = {};
  std::string out(signer->size(), '\0');
  int written = 0;
  bool made = aes && ctx &&
              EVP_EncryptInit_ex(ctx.get(), aes.get(), nullptr,
                                 reinterpret_cast<const unsigned char*>(key->data()), iv) == 1 &&
              EVP_EncryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &written,
                                reinterpret_cast<const unsigned char*>(signer->data()),
                                static_cast<int>(signer->size())) == 1 &&
              written == static_cast<int>(out.size());
  ERR_clear_error();
  if (!made) return std::nullopt;
  return out;
}

}  // namespace latch::crypto::detail
