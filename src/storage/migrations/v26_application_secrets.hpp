#pragma once

#include <string_view>

namespace latch::storage::migrations {
extern const std::string_view kV26ApplicationSecrets;
}  // namespace latch::storage::migrations
