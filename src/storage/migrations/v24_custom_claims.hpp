#pragma once

#include <string_view>

namespace latch::storage::migrations {
extern const std::string_view kV24CustomClaims;
}  // namespace latch::storage::migrations
