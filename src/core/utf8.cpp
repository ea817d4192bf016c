#include "core/utf8.hpp"

#include <cctype>

namespace latch {
namespace {

// Reads the code point at text[i]: its length in bytes, or 0 when the bytes there are not
// valid UTF-8.
int read_point(std::string_view text, std::size_t i, char32_t& point) {
  auto byte = static_cast<unsigned char>(text[i]);
  int length = byte < 0x80           ? 1
               : (byte >> 5) == 0x6  ? 2
               : (byte >> 4) == 0xE  ? 3
               : (byte >> 3) == 0x1E ? 4
                                     : 0;
  if (length == 0 || i + static_cast<std::size_t>(length) > text.size()) return 0;
  point = length == 1 ? byte : byte & (0xFF >> (length + 1));
  for (int k = 1; k < length; ++k) {
    auto next = static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]);
    if ((next & 0xC0) != 0x80) return 0;
    point = (point << 6) | (next & 0x3F);
  }
  constexpr char32_t kLeast[] = {0, 0, 0x80, 0x800, 0x10000};
  if (point < kLeast[length] || point > 0x10FFFF || (point >= 0xD800 && point <= 0xDFFF)) {
    return 0;
  }
  return length;
}

}  // namespace

std::optional<std::vector<char32_t>> decode_utf8(std::string_view text) {
  std::vector<char32_t> points;
  for (std::size_t i = 0; i < text.size();) {
    char32_t point = 0;
    int length = read_point(text, i, point);
    if (length == 0) return std::nullopt;
    points.push_back(point);
    i += static_cast<std::size_t>(length);
  }
  return points;
}

bool is_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    char32_t point = 0;
    int length = read_point(text, i, point);
    if (length == 0) return false;
    i += static_cast<std::size_t>(length);
  }
  return true;
}

void encode_utf8(char32_t point, std::string& out) {
  if (point < 0x80) {
    out += static_cast<char>(point);
  } else if (point < 0x800) {
    out += static_cast<char>(0xC0 | (point >> 6));
    out += static_cast<char>(0x80 | (point & 0x3F));
  } else if (point < 0x10000) {
    out += static_cast<char>(0xE0 | (point >> 12));
    out += static_cast<char>(0x80 | ((point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (point & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (point >> 18));
    out += static_cast<char>(0x80 | ((point >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (point & 0x3F));
  }
}

std::optional<Charset> charset_named(std::string_view name) {
  std::string lower;
  for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "utf-8" || lower == "utf8") return Charset::Utf8;
  if (lower == "utf-16le" || lower == "utf16le" || lower == "ucs-2" || lower == "ucs2") {
    return Charset::Utf16Le;
  }
  if (lower == "latin1" || lower == "iso-8859-1" || lower == "binary" || lower == "us-ascii" ||
      lower == "ascii") {
    return Charset::Latin1;
  }
  return std::nullopt;
}

std::optional<std::string> to_utf8(std::string_view text, Charset from) {
  if (from == Charset::Utf8) return std::string(text);
  std::string out;
  out.reserve(text.size());
  if (from == Charset::Latin1) {
    for (char c : text) encode_utf8(static_cast<unsigned char>(c), out);
    return out;
  }
  if (text.size() % 2 != 0) return std::nullopt;
  auto unit = [&](std::size_t i) {
    return static_cast<char32_t>(static_cast<unsigned char>(text[i]) |
                                 (static_cast<unsigned char>(text[i + 1]) << 8));
  };
  for (std::size_t i = 0; i < text.size(); i += 2) {
    char32_t point = unit(i);
    if (point >= 0xDC00 && point <= 0xDFFF) return std::nullopt;  // a low surrogate alone
    if (point >= 0xD800 && point <= 0xDBFF) {
      if (i + 3 >= text.size()) return std::nullopt;
      char32_t low = unit(i + 2);
      if (low < 0xDC00 || low > 0xDFFF) return std::nullopt;
      point = 0x10000 + ((point - 0xD800) << 10) + (low - 0xDC00);
      i += 2;
    }
    encode_utf8(point, out);
  }
  return out;
}

}  // namespace latch
