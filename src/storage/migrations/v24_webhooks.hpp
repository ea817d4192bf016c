#pragma once

#include <string_view>

namespace latch::storage::migrations {
extern const std::string_view kV24Webhooks;
}  // namespace latch::storage::migrations
