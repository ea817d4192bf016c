#include "management/phone_number.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace latch::management {
namespace {

// The country calling codes ITU-T E.164 assigns and libphonenumber knows (geographic ones, and
// the non-geographic 800, 808, 870, 878, 881-883, 888, 979). No code is a prefix of another.
constexpr std::array kCountryCodes{
    1,   7,   20,  27,  30,  31,  32,  33,  34,  36,  39,  40,  41,  43,  44,  45,  46,  47,
    48,  49,  51,  52,  53,  54,  55,  56,  57,  58,  60,  61,  62,  63,  64,  65,  66,  81,
    82,  84,  86,  90,  91,  92,  93,  94,  95,  98,  211, 212, 213, 216, 218, 220, 221, 222,
    223, 224, 225, 226, 227, 228, 229, 230, 231, 232, 233, 234, 235, 236, 237, 238, 239, 240,
    241, 242, 243, 244, 245, 246, 247, 248, 249, 250, 251, 252, 253, 254, 255, 256, 257, 258,
    260, 261, 262, 263, 264, 265, 266, 267, 268, 269, 290, 291, 297, 298, 299, 350, 351, 352,
    353, 354, 355, 356, 357, 358, 359, 370, 371, 372, 373, 374, 375, 376, 377, 378, 379, 380,
    381, 382, 383, 385, 386, 387, 389, 420, 421, 423, 500, 501, 502, 503, 504, 505, 506, 507,
    508, 509, 590, 591, 592, 593, 594, 595, 596, 597, 598, 599, 670, 672, 673, 674, 675, 676,
    677, 678, 679, 680, 681, 682, 683, 685, 686, 687, 688, 689, 690, 691, 692, 800, 808, 850,
    852, 853, 855, 856, 870, 878, 880, 881, 882, 883, 886, 888, 960, 961, 962, 963, 964, 965,
    966, 967, 968, 970, 971, 972, 973, 974, 975, 976, 977, 979, 992, 993, 994, 995, 996, 998,
};

// The national prefixes other than "0" (the national numbering plans' trunk prefixes).
constexpr std::array<std::pair<int, std::string_view>, 6> kOtherPrefixes{
    {{1, "1"}, {7, "8"}, {36, "06"}, {370, "8"}, {375, "8"}, {993, "8"}}};

// The countries whose numbers are written with no national prefix: the digits after the
// country code are the whole national number, a leading 0 included (Italy's "06 …").
constexpr std::array kNoPrefix{
    30,  34,  39,  45,  47,  48,  56,  65,  216, 220, 221, 222, 223, 224, 225, 226, 227, 228,
    229, 230, 235, 236, 237, 238, 239, 240, 241, 242, 244, 245, 246, 247, 248, 253, 257, 258,
    266, 267, 268, 269, 290, 297, 298, 299, 350, 351, 352, 354, 356, 357, 371, 372, 376, 378,
    379, 420, 500, 501, 502, 503, 504, 505, 506, 507, 508, 509, 592, 597, 599, 670, 672, 673,
    674, 675, 676, 677, 678, 679, 680, 681, 682, 683, 685, 687, 688, 689, 690, 691, 800, 808,
    852, 853, 870, 878, 881, 882, 883, 888, 960, 965, 968, 973, 974, 975, 979, 992, 998,
};

template <std::size_t N>
bool contains(const std::array<int, N>& codes, int code) {
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

std::string_view national_prefix(int code) {
  for (const auto& [other, prefix] : kOtherPrefixes) {
    if (other == code) return prefix;
  }
  return contains(kNoPrefix, code) ? std::string_view() : std::string_view("0");
}

// The digits of `text`: an optional leading "+", then digits among spaces, dashes and
// brackets. nullopt for anything else.
std::optional<std::string> digits_of(std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  std::string digits;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
    } else if (c != ' ' && c != '-' && c != '(' && c != ')') {
      return std::nullopt;
    }
  }
  return digits;
}

}  // namespace

std::optional<PhoneNumber> parse_phone_number(std::string_view text) {
  auto digits = digits_of(text);
  if (!digits) return std::nullopt;
  for (std::size_t length = 1; length <= 3 && length < digits->size(); ++length) {
    int code = std::stoi(digits->substr(0, length));
    if ((*digits)[0] == '0' || !contains(kCountryCodes, code)) continue;
    PhoneNumber number{digits->substr(0, length), digits->substr(length)};
    std::string_view prefix = national_prefix(code);
    if (!prefix.empty() && number.national_number.starts_with(prefix) &&
        number.national_number.size() >= prefix.size() + 4) {
      number.national_number.erase(0, prefix.size());
    }
    const std::size_t size = number.national_number.size();
    if (size < 2 || size > 17) return std::nullopt;
    return number;
  }
  return std::nullopt;
}

}  // namespace latch::management
