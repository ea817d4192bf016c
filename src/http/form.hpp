#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "http/request.hpp"

namespace latch::http {

// Percent-decodes `text`; with `plus_as_space`, '+' becomes ' ' (form encoding). nullopt on a
// malformed escape, a decoded NUL byte or a result that is not UTF-8.
std::optional<std::string> percent_decode(std::string_view text, bool plus_as_space);
// Percent-encodes everything but RFC 3986 unreserved characters.
std::string percent_encode(std::string_view text);

// Parses application/x-www-form-urlencoded (also query strings). InvalidRequest on a malformed
// escape, a NUL byte, or a name or value that is not UTF-8.
[[nodiscard]] Result<Params> parse_form(std::string_view body);

// Encodes pairs as application/x-www-form-urlencoded.
std::string encode_form(const Params& params);

}  // namespace latch::http
