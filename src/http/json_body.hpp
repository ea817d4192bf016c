#pragma once

#include <boost/json/object.hpp>
#include <string_view>

#include "core/result.hpp"

namespace latch::http {

// Parses a request body that must be one JSON object (RFC 8259). Boost.JSON already refuses
// invalid UTF-8 and lone surrogates; this also refuses a NUL character in any key or string,
// which no database column may hold. InvalidRequest otherwise.
[[nodiscard]] Result<boost::json::object> parse_json_object(std::string_view body);

}  // namespace latch::http
