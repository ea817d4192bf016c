#pragma once

#include <string>
#include <string_view>
#include <vector>

// Lists of strings stored as JSON arrays in TEXT columns (redirect URIs, scope names).
namespace latch::storage::sql {

std::string to_json_array(const std::vector<std::string>& items);

// The strings of a JSON array. Elements that are not strings, and text that is not a JSON array,
// read as nothing: the column is only ever written by to_json_array.
std::vector<std::string> from_json_array(std::string_view json);

}  // namespace latch::storage::sql
