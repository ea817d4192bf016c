#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace latch {

// Parses JSON that comes from outside (a request body, a provider's answer, a token's payload).
// InvalidRequest when `text` is not JSON (RFC 8259), or holds a number beyond the range of a
// double: Boost.JSON 1.81 reads such a number as infinity and serializes it as `Infinity`, which
// is not JSON, so a document stored from it would never read back. Thread-safe.
[[nodiscard]] Result<boost::json::value> parse_json(std::string_view text);

// The value of the string member `key` of `object`; `fallback` when `key` is absent or holds
// anything but a string (null, a number, an object...).
std::string json_text(const boost::json::object& object, std::string_view key,
                      std::string fallback = {});

// The JSON object stored as `text` (a customData column); an empty object when `text` is not
// one, so a damaged row still reads.
boost::json::object json_object_or_empty(std::string_view text);

}  // namespace latch
