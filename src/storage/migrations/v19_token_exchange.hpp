#pragma once

#include <string_view>

namespace latch::storage::migrations {
extern const std::string_view kV19TokenExchange;
}  // namespace latch::storage::migrations
