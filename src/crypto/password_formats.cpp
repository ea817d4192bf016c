#include "crypto/password_formats.hpp"

#include <argon2.h>
#include <crypt.h>

#include <algorithm>
#include <charconv>
#include <memory>

#include "crypto/encoding.hpp"
#include "crypto/hash.hpp"
#include "crypto/password_digest.hpp"

namespace latch::crypto::detail {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Removes `prefix` from the front of `text`; false (text unchanged) when it is not there.
bool consume(std::string_view& text, std::string_view prefix) {
  if (!text.starts_with(prefix)) return false;
  text.remove_prefix(prefix.size());
  return true;
}

// The decimal number up to `end` (not consumed), removed from `text`.
std::optional<std::uint64_t> take_number(std::string_view& text, char end) {
  std::size_t stop = text.find(end);
  if (stop == std::string_view::npos) return std::nullopt;
  auto n = parse_decimal(text.substr(0, stop), 0, UINT32_MAX);
  text.remove_prefix(stop);
  return n;
}

// PHC's base64 (RFC 4648 §4 without padding), canonical: libargon2 refuses anything else.
std::optional<std::string> phc_base64(std::string_view text) {
  if (text.empty() || text.find('=') != std::string_view::npos) return std::nullopt;
  auto bytes = base64_decode(text);
  if (!bytes) return std::nullopt;
  std::string again = base64_encode(*bytes);
  again.erase(std::find(again.begin(), again.end(), '='), again.end());
  if (again != text) return std::nullopt;
  return bytes;
}

struct Argon2Cost {
  std::uint64_t memory_kib = 0, iterations = 0, parallelism = 0;
};

// "[v=16|19$]m=M,t=T,p=P$salt$hash" after the variant, as libargon2's decoder reads it.
std::optional<Argon2Cost> parse_phc_rest(std::string_view rest) {
  if (consume(rest, "v=")) {
    auto v = take_number(rest, '$');
    if (!v || (*v != ARGON2_VERSION_10 && *v != ARGON2_VERSION_13) || !consume(rest, "$")) {
      return std::nullopt;
    }
  }
  std::optional<std::uint64_t> m, t, p;
  if (!consume(rest, "m=") || !(m = take_number(rest, ',')) || !consume(rest, ",t=") ||
      !(t = take_number(rest, ',')) || !consume(rest, ",p=") || !(p = take_number(rest, '$')) ||
      !consume(rest, "$")) {
    return std::nullopt;
  }
  std::size_t dollar = rest.find('$');
  if (dollar == std::string_view::npos) return std::nullopt;
  auto salt = phc_base64(rest.substr(0, dollar));
  auto hash = phc_base64(rest.substr(dollar + 1));
  if (!salt || !hash || salt->size() < ARGON2_MIN_SALT_LENGTH || hash->size() < ARGON2_MIN_OUTLEN) {
    return std::nullopt;
  }
  return Argon2Cost{*m, *t, *p};
}

}  // namespace

Error invalid_digest(std::string detail) {
  return keyed_error(Errc::InvalidRequest, "password.invalid_digest", std::move(detail));
}

Error digest_too_costly(std::string detail) {
  return keyed_error(Errc::InvalidRequest, "password.digest_cost_too_high", std::move(detail));
}

Error invalid_legacy(std::string detail) {
  return keyed_error(Errc::InvalidRequest, "password.invalid_legacy_password_format",
                     std::move(detail));
}

std::optional<std::string> hex_decode(std::string_view hex) {
  if (hex.size() % 2 != 0) return std::nullopt;
  std::string out(hex.size() / 2, '\0');
  for (std::size_t i = 0; i < out.size(); ++i) {
    int hi = hex_value(hex[2 * i]);
    int lo = hex_value(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out[i] = static_cast<char>(hi * 16 + lo);
  }
  return out;
}

std::optional<std::uint64_t> parse_decimal(std::string_view text, std::uint64_t min,
                                           std::uint64_t max) {
  if (text.empty() || (text.size() > 1 && text[0] == '0')) return std::nullopt;
  std::uint64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || n < min || n > max) {
    return std::nullopt;
  }
  return n;
}

Result<void> check_argon2(std::string_view phc) {
  std::string_view rest = phc;
  if (!consume(rest, "$argon2id$") && !consume(rest, "$argon2i$") && !consume(rest, "$argon2d$")) {
    return invalid_digest("not an Argon2 PHC string");
  }
  auto cost = parse_phc_rest(rest);
  if (!cost) return invalid_digest("malformed Argon2 PHC string");
  if (cost->iterations < ARGON2_MIN_TIME || cost->parallelism < ARGON2_MIN_LANES ||
      cost->memory_kib < 8 * cost->parallelism) {
    return invalid_digest("Argon2 parameters below the minimums of RFC 9106");
  }
  if (cost->memory_kib > kMaxArgon2MemoryKib || cost->iterations > kMaxArgon2Iterations ||
      cost->parallelism > kMaxArgon2Parallelism) {
    return digest_too_costly("Argon2 m, t or p above Latch's limits");
  }
  return ok();
}

// "$2b$" cost "$" then 22 characters of salt and 31 of hash in bcrypt's base64 alphabet.
Result<void> check_bcrypt(std::string_view digest) {
  constexpr std::string_view kAlphabet =
      "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  if (digest.size() != 60 ||
      !(digest.starts_with("$2a$") || digest.starts_with("$2b$") || digest.starts_with("$2y$"))) {
    return invalid_digest("not a $2a$, $2b$ or $2y$ bcrypt string of 60 characters");
  }
  auto digit = [&](std::size_t i) { return digest[i] >= '0' && digest[i] <= '9'; };
  if (!digit(4) || !digit(5) || digest[6] != '$' ||
      digest.find_first_not_of(kAlphabet, 7) != std::string_view::npos) {
    return invalid_digest("malformed bcrypt string");
  }
  const int cost = (digest[4] - '0') * 10 + (digest[5] - '0');
  if (cost < 4) return invalid_digest("bcrypt cost below 4");
  if (cost > static_cast<int>(kMaxBcryptCost)) {
    return digest_too_costly("bcrypt cost above Latch's limit");
  }
  // bcrypt's radix-64 keeps 128 bits of salt in 22 characters and 184 of hash in 31: the last
  // character of each has spare low bits, which libxcrypt drops. A digest with any set would
  // never equal what it computes. (Checked here without computing: an import checks millions.)
  auto spare_bits_clear = [&](std::size_t at, std::size_t spare) {
    return kAlphabet.find(digest[at]) % spare == 0;
  };
  if (!spare_bits_clear(28, 16)) {
    return invalid_digest("bcrypt salt that libxcrypt does not read as written");
  }
  if (!spare_bits_clear(59, 4)) {
    return invalid_digest("bcrypt hash with stray low bits");
  }
  return ok();
}

bool verify_bcrypt(std::string_view password, std::string_view digest) {
  if (!check_bcrypt(digest) || password.find('\0') != std::string_view::npos) return false;
  // bcrypt reads at most 72 bytes of the password; libxcrypt refuses very long ones instead.
  const std::string key(password.substr(0, 72));
  const std::string setting(digest);
  auto data = std::make_unique<crypt_data>();
  const char* out = crypt_rn(key.c_str(), setting.c_str(), data.get(), sizeof(crypt_data));
  return out && out[0] != '*' && constant_time_equal(out, digest);
}

}  // namespace latch::crypto::detail
