#include "crypto/totp.hpp"

#include <algorithm>
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include "crypto/hash.hpp"
#include "crypto/random.hpp"

namespace latch::crypto {
namespace {

constexpr std::size_t kSecretBytes = 20;  // RFC 4226 §4 R6 recommends 160 bits
constexpr int kMaxWindow = 10;
constexpr std::uint32_t kPowersOfTen[] = {1,      10,      100,      1000,      10000,
                                          100000, 1000000, 10000000, 100000000, 1000000000};

std::string_view as_chars(std::span<const std::uint8_t> bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

// RFC 4226 §5.3: the 8-byte big-endian counter.
std::string counter_bytes(std::uint64_t counter) {
  std::string out(8, '\0');
  for (int i = 7; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = static_cast<char>(counter & 0xFF);
    counter >>= 8;
  }
  return out;
}

// RFC 4226 §5.3 dynamic truncation: 31 bits from the offset the last nibble names.
std::uint32_t dynamic_truncation(std::string_view mac) {
  const auto offset = static_cast<std::size_t>(mac.back() & 0x0F);
  const auto byte = [&](std::size_t i) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(mac[offset + i]));
  };
  return ((byte(0) & 0x7F) << 24) | (byte(1) << 16) | (byte(2) << 8) | byte(3);
}

bool is_six_digits(std::string_view code) {
  if (code.size() != static_cast<std::size_t>(kTotpDigits)) {
    return false;
  }
  for (const char c : code) {
    if (c < '0' || c > '9') {
      return false;
    }
  }
  return true;
}

// `now`, then now - 1 and now + 1, ... out to `window` steps each side; none before the epoch.
std::vector<std::int64_t> candidate_steps(std::int64_t now, int window) {
  const int reach = std::clamp(window, 0, kMaxWindow);
  std::vector<std::int64_t> steps{now};
  for (int distance = 1; distance <= reach; ++distance) {
    if (now - distance >= 0) {
      steps.push_back(now - distance);
    }
    steps.push_back(now + distance);
  }
  return steps;
}

std::string percent_encode(std::string_view text) {
  return boost::urls::encode(text, boost::urls::unreserved_chars);
}

}  // namespace

std::string generate_totp_secret() {
  const std::string bytes = random_bytes(kSecretBytes);
  return base32_encode(
      std::span(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()));
}

std::string hotp(std::span<const std::uint8_t> key, std::uint64_t counter, int digits) {
  const int width = std::clamp(digits, 1, 9);
  const std::string mac = hmac_sha1(as_chars(key), counter_bytes(counter));
  const std::uint32_t value = dynamic_truncation(mac) % kPowersOfTen[width];
  std::string out = std::to_string(value);
  out.insert(0, static_cast<std::size_t>(width) - out.size(), '0');
  return out;
}

// RFC 6238 §4.2: T = floor(unix_seconds / X); §5.2: a window of steps either side, now first.
std::optional<std::int64_t> totp_match(std::string_view secret_base32, std::string_view code,
                                       std::int64_t unix_seconds, int window) {
  const auto key = base32_decode(secret_base32);
  if (!is_six_digits(code) || !key || key->empty() || unix_seconds < 0) {
    return std::nullopt;
  }
  std::optional<std::int64_t> matched;
  // Every candidate is computed and compared, so the time taken does not say which one matched.
  for (const std::int64_t step : candidate_steps(unix_seconds / kTotpPeriod, window)) {
    const std::string expected = hotp(*key, static_cast<std::uint64_t>(step), kTotpDigits);
    if (constant_time_equal(expected, code) && !matched) {
      matched = step;
    }
  }
  return matched;
}

std::string totp_uri(std::string_view issuer, std::string_view account, std::string_view secret) {
  const std::string issuer_encoded = percent_encode(issuer);
  std::string uri = "otpauth://totp/" + issuer_encoded + ":" + percent_encode(account);
  uri += "?secret=" + percent_encode(secret);
  uri += "&issuer=" + issuer_encoded;
  uri += "&algorithm=SHA1&digits=6&period=30";
  return uri;
}

}  // namespace latch::crypto
