#include "storage/sql/json_list.hpp"

#include <boost/json.hpp>

namespace latch::storage::sql {

std::string to_json_array(const std::vector<std::string>& items) {
  boost::json::array array;
  array.reserve(items.size());
  for (const auto& item : items) {
    array.emplace_back(item);
  }
  return boost::json::serialize(array);
}

std::vector<std::string> from_json_array(std::string_view json) {
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(json, ec);
  std::vector<std::string> items;
  if (ec || !value.is_array()) {
    return items;
  }
  for (const auto& element : value.get_array()) {
    if (element.is_string()) {
      items.emplace_back(element.get_string());
    }
  }
  return items;
}

}  // namespace latch::storage::sql
