#pragma once

#include <boost/json/object.hpp>
#include <string_view>

#include "core/result.hpp"

namespace latch::http {

// Parses a request body that must be one JSON object (RFC 8259) with latch::parse_json (which
// refuses numbers beyond a double; Boost.JSON refuses invalid UTF-8 and lone surrogates), and
// also refuses a NUL character in any key or string, which no database column may hold.
// InvalidRequest otherwise.
[[nodiscard]] Result<boost::json::object> parse_json_object(std::string_view body);

}  // namespace latch::http
