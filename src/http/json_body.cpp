#include "http/json_body.hpp"

#include "core/json.hpp"

namespace latch::http {
namespace {

bool holds_nul(const boost::json::value& value) {
  if (value.is_string()) return value.as_string().find('\0') != boost::json::string::npos;
  if (value.is_array()) {
    for (const auto& item : value.as_array()) {
      if (holds_nul(item)) return true;
    }
  }
  if (value.is_object()) {
    for (const auto& [key, item] : value.as_object()) {
      if (key.find('\0') != boost::json::string_view::npos || holds_nul(item)) return true;
    }
  }
  return false;
}

}  // namespace

Result<boost::json::object> parse_json_object(std::string_view body) {
  auto value = parse_json(body);
  if (!value || !value->is_object()) {
    return make_error(Errc::InvalidRequest, "the body must be a JSON object");
  }
  if (holds_nul(*value)) {
    return make_error(Errc::InvalidRequest, "text must not contain NUL characters");
  }
  return std::move(value->as_object());
}

}  // namespace latch::http
