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

// The text encodings a form body may declare in its Content-Type `charset` (Node's names, as
// Logto's body parser reads them): UTF-8, UTF-16LE and ISO-8859-1.
enum class Charset { Utf8, Utf16Le, Latin1 };

// The charset `name` (case-insensitive: "utf-8", "utf8", "utf-16le", "utf16le", "ucs-2",
// "latin1", "iso-8859-1", "us-ascii", ...), or nullopt for one Latch does not read.
std::optional<Charset> charset_named(std::string_view name);

// `text` in `from` re-encoded as UTF-8; nullopt when it is not valid in `from` (an odd number
// of UTF-16 bytes, an unpaired surrogate). UTF-8 is returned as is, unchecked.
std::optional<std::string> to_utf8(std::string_view text, Charset from);

}  // namespace latch
