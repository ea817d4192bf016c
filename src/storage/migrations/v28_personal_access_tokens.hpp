#pragma once

#include <string_view>

namespace latch::storage::migrations {
extern const std::string_view kV28PersonalAccessTokens;
}  // namespace latch::storage::migrations
