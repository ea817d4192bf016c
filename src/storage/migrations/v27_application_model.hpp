#pragma once

#include <string_view>

namespace latch::storage::migrations {
extern const std::string_view kV27ApplicationModel;
}  // namespace latch::storage::migrations
