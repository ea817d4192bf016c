#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "storage/sql/connection.hpp"

namespace latch::storage::sql {

// Cache names the repositories bump on every write to the data they cover.
inline constexpr std::string_view kApplicationsEpoch = "applications";
inline constexpr std::string_view kResourcesEpoch = "resources";
inline constexpr std::string_view kKeysEpoch = "keys";
// What machine-to-machine roles grant apps: roles, their scopes and their apps.
inline constexpr std::string_view kRolesEpoch = "roles";
inline constexpr std::string_view kJwtCustomizersEpoch = "jwt_customizers";

// The PostgreSQL LISTEN/NOTIFY channel that bump_epoch notifies with the cache name as payload,
// so that every node reloads at once instead of at its next periodic epoch check.
inline constexpr std::string_view kEpochChannel = "latch_epochs";

// Increments the epoch named `cache` (creating it at 1); on PostgreSQL also notifies
// kEpochChannel. REQUIRES: inside a write transaction.
[[nodiscard]] Result<void> bump_epoch(Connection& conn, std::string_view cache);

// `written`, then, when it succeeded, bump_epoch(conn, cache).
[[nodiscard]] Result<void> bump_after(Connection& conn, Result<void> written,
                                      std::string_view cache);

// Every epoch row.
[[nodiscard]] Result<std::map<std::string, std::int64_t>> read_epochs(Connection& conn);

}  // namespace latch::storage::sql
