#pragma once

#include <string_view>

namespace latch::storage::migrations {
extern const std::string_view kV6UserSearch;
extern const std::string_view kV6UserSearchPostgres;
}  // namespace latch::storage::migrations
