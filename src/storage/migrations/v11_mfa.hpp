#pragma once

#include <string_view>

namespace latch::storage::migrations {
extern const std::string_view kV11Mfa;
}  // namespace latch::storage::migrations
