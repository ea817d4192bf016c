#include "migrate/plan.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <ctime>

#include "crypto/hash.hpp"

namespace latch::migrate {
namespace {

bool is_latch_id(std::string_view id, std::size_t length) {
  return id.size() == length && std::all_of(id.begin(), id.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z');
         });
}

// The digits of `text` from `at` for `count` characters as a number; nullopt when they are not.
std::optional<int> digits(std::string_view text, std::size_t at, std::size_t count) {
  if (at + count > text.size()) return std::nullopt;
  int value = 0;
  auto [end, ec] = std::from_chars(text.data() + at, text.data() + at + count, value);
  if (ec != std::errc() || end != text.data() + at + count) return std::nullopt;
  return value;
}

}  // namespace

std::string derived_id(std::string_view source, std::string_view source_id, std::size_t length) {
  if (is_latch_id(source_id, length)) return std::string(source_id);
  static constexpr std::string_view kAlphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
  std::string seed = std::string(source) + '\0' + std::string(source_id);
  std::string digest = crypto::sha256(seed);
  std::string out;
  for (std::size_t i = 0; out.size() < length; ++i) {
    if (i == digest.size()) {  // longer ids than one digest gives: hash again
      digest = crypto::sha256(digest);
      i = 0;
    }
    out.push_back(kAlphabet[static_cast<unsigned char>(digest[i]) % kAlphabet.size()]);
  }
  return out;
}

std::optional<std::int64_t> iso_millis(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SS[.fff...]Z
  if (text.size() < 20 || text[4] != '-' || text[7] != '-' ||
      (text[10] != 'T' && text[10] != ' ') || text[13] != ':' || text[16] != ':' ||
      text.back() != 'Z') {
    return std::nullopt;
  }
  auto year = digits(text, 0, 4), month = digits(text, 5, 2), day = digits(text, 8, 2);
  auto hour = digits(text, 11, 2), minute = digits(text, 14, 2), second = digits(text, 17, 2);
  if (!year || !month || !day || !hour || !minute || !second || *month < 1 || *month > 12 ||
      *day < 1 || *day > 31 || *hour > 23 || *minute > 59 || *second > 60) {
    return std::nullopt;
  }
  int millis = 0;
  std::string_view rest = text.substr(19, text.size() - 20);
  if (!rest.empty()) {
    if (rest[0] != '.' || rest.size() < 2) return std::nullopt;
    std::string_view fraction = rest.substr(1);
    if (!std::all_of(fraction.begin(), fraction.end(),
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
      return std::nullopt;
    }
    std::string first3 = std::string(fraction.substr(0, 3));
    while (first3.size() < 3) first3.push_back('0');
    millis = std::stoi(first3);
  }
  std::tm tm{};
  tm.tm_year = *year - 1900;
  tm.tm_mon = *month - 1;
  tm.tm_mday = *day;
  tm.tm_hour = *hour;
  tm.tm_min = *minute;
  tm.tm_sec = *second;
  std::time_t seconds = timegm(&tm);
  return static_cast<std::int64_t>(seconds) * 1000 + millis;
}

}  // namespace latch::migrate
