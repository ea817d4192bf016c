#include "saml/instant.hpp"

#include <cstdio>

namespace latch::saml {
namespace {

using namespace std::chrono;

// Reads exactly `width` digits at `pos`.
std::optional<int> digits(std::string_view text, std::size_t pos, std::size_t width) {
  if (pos + width > text.size()) {
    return std::nullopt;
  }
  int value = 0;
  for (std::size_t i = pos; i < pos + width; ++i) {
    if (text[i] < '0' || text[i] > '9') {
      return std::nullopt;
    }
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

bool expect(std::string_view text, std::size_t pos, char c) {
  return pos < text.size() && text[pos] == c;
}

// The zone suffix at `pos` ("Z" or "±hh:mm") as an offset from UTC.
std::optional<minutes> zone(std::string_view text, std::size_t pos) {
  if (text.substr(pos) == "Z") {
    return minutes(0);
  }
  const auto hours = digits(text, pos + 1, 2);
  const auto mins = digits(text, pos + 4, 2);
  if (text.size() != pos + 6 || !hours || !mins || !expect(text, pos + 3, ':') ||
      (text[pos] != '+' && text[pos] != '-') || *hours > 14 || *mins > 59) {
    return std::nullopt;
  }
  const minutes offset(*hours * 60 + *mins);
  return text[pos] == '-' ? -offset : offset;
}

}  // namespace

std::string format_instant(Instant instant) {
  const auto day = floor<days>(instant);
  const year_month_day date(day);
  const hh_mm_ss time(floor<seconds>(instant - day));
  char out[32];
  std::snprintf(out, sizeof out, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()));
  return out;
}

std::optional<Instant> parse_instant(std::string_view text) {
  const auto y = digits(text, 0, 4);
  const auto mo = digits(text, 5, 2);
  const auto d = digits(text, 8, 2);
  const auto h = digits(text, 11, 2);
  const auto mi = digits(text, 14, 2);
  const auto s = digits(text, 17, 2);
  if (!y || !mo || !d || !h || !mi || !s || !expect(text, 4, '-') || !expect(text, 7, '-') ||
      !expect(text, 10, 'T') || !expect(text, 13, ':') || !expect(text, 16, ':') || *h > 23 ||
      *mi > 59 || *s > 60) {
    return std::nullopt;
  }
  const year_month_day date{year(*y), month(static_cast<unsigned>(*mo)),
                            day(static_cast<unsigned>(*d))};
  if (!date.ok()) {
    return std::nullopt;
  }
  std::size_t pos = 19;
  milliseconds fraction(0);
  if (expect(text, pos, '.')) {
    int scale = 100;
    for (++pos; pos < text.size() && text[pos] >= '0' && text[pos] <= '9'; ++pos) {
      fraction += milliseconds((text[pos] - '0') * scale);
      scale /= 10;
    }
    if (text[pos - 1] == '.') {
      return std::nullopt;  // a '.' with no digits
    }
  }
  const auto offset = zone(text, pos);
  if (!offset) {
    return std::nullopt;
  }
  return Instant(sys_days(date) + hours(*h) + minutes(*mi) + seconds(*s) + fraction - *offset);
}

}  // namespace latch::saml
