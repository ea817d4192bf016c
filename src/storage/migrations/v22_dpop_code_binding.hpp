#pragma once

#include <string_view>

namespace latch::storage::migrations {
extern const std::string_view kV22DpopCodeBinding;
}  // namespace latch::storage::migrations
