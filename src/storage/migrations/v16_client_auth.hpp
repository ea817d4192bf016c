#pragma once

#include <string_view>

namespace latch::storage::migrations {
extern const std::string_view kV16ClientAuth;
}  // namespace latch::storage::migrations
