#pragma once

#include <functional>
#include <string>

#include "core/result.hpp"
#include "storage/sql/connection.hpp"

namespace latch::storage::sql {

// Runs `begin` (BEGIN, BEGIN IMMEDIATE, BEGIN ... ISOLATION LEVEL ...), then `body`, then commits.
// Rolls back when `body` fails or throws, or when BEGIN succeeded and COMMIT did not.
[[nodiscard]] Result<void> run_transaction(Connection& conn, const std::string& begin,
                                           const std::function<Result<void>()>& body);

}  // namespace latch::storage::sql
