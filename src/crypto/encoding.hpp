#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace latch::crypto {

std::string base64url_encode(std::string_view bytes);  // RFC 4648 §5, no padding
// Accepts input with or without padding; nullopt on any character outside the alphabet.
std::optional<std::string> base64url_decode(std::string_view text);
std::string base64_encode(std::string_view bytes);  // RFC 4648 §4, padded
std::optional<std::string> base64_decode(std::string_view text);
std::string hex_encode(std::string_view bytes);  // lower case

}  // namespace latch::crypto
