#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "storage/postgres/connection.hpp"

namespace latch::storage::postgres {

// Cache names the repositories bump on every write to the data they cover.
inline constexpr std::string_view kApplicationsEpoch = "applications";
inline constexpr std::string_view kResourcesEpoch = "resources";
inline constexpr std::string_view kKeysEpoch = "keys";

// Increments the epoch named `cache` (creating it at 1). REQUIRES: inside a write transaction.
[[nodiscard]] Result<void> bump_epoch(Connection& conn, std::string_view cache);

// Every epoch row.
[[nodiscard]] Result<std::map<std::string, std::int64_t>> read_epochs(Connection& conn);

}  // namespace latch::storage::postgres
