#pragma once

#include <string_view>

namespace latch::storage::migrations {
extern const std::string_view kV23CustomClaims;
}  // namespace latch::storage::migrations
