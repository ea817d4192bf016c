#pragma once

#include <string_view>

namespace latch::storage::migrations {
extern const std::string_view kV8RateLimits;
}  // namespace latch::storage::migrations
