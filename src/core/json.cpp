#include "core/json.hpp"

#include <boost/json/parse.hpp>
#include <cmath>

namespace latch {
namespace {

// Parsing limits nesting to 32 levels (boost::json::parse_options), which bounds the recursion.
bool all_numbers_finite(const boost::json::value& value) {
  switch (value.kind()) {
    case boost::json::kind::double_:
      return std::isfinite(value.get_double());
    case boost::json::kind::array:
      for (const auto& item : value.get_array()) {
        if (!all_numbers_finite(item)) return false;
      }
      return true;
    case boost::json::kind::object:
      for (const auto& member : value.get_object()) {
        if (!all_numbers_finite(member.value())) return false;
      }
      return true;
    default:
      return true;
  }
}

}  // namespace

Result<boost::json::value> parse_json(std::string_view text) {
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(text, ec);
  if (ec) {
    return make_error(Errc::InvalidRequest, "malformed JSON", ec.message());
  }
  if (!all_numbers_finite(value)) {
    return make_error(Errc::InvalidRequest, "malformed JSON", "a number is out of range");
  }
  return value;
}

std::string json_text(const boost::json::object& object, std::string_view key,
                      std::string fallback) {
  const boost::json::value* value = object.if_contains(key);
  if (value == nullptr || !value->is_string()) return fallback;
  return std::string(value->get_string());
}

boost::json::object json_object_or_empty(std::string_view text) {
  auto value = parse_json(text);
  if (!value || !value->is_object()) return {};
  return std::move(value->as_object());
}

}  // namespace latch
