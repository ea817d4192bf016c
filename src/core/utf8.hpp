#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

// UTF-8 (RFC 3629), the only text encoding Latch stores: both databases refuse anything else.
namespace latch {

// The code points of `text`, or nullopt when it is not valid UTF-8 (overlong forms, surrogates
// and values past U+10FFFF included).
std::optional<std::vector<char32_t>> decode_utf8(std::string_view text);

// Appends the UTF-8 form of `point`. REQUIRES: point <= U+10FFFF and not a surrogate.
void encode_utf8(char32_t point, std::string& out);

// True when `text` is valid UTF-8. Allocates nothing.
bool is_utf8(std::string_view text);

}  // namespace latch
