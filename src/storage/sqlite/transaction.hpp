#pragma once

#include <functional>
#include <string>

#include "core/result.hpp"
#include "storage/sqlite/connection.hpp"

namespace latch::storage::sqlite {

// Runs `body` between `begin` ("BEGIN" or "BEGIN IMMEDIATE") and COMMIT. Rolls back when `body`
// returns an error (passed through), when COMMIT fails, or when `body` throws (rethrown).
// REQUIRES: `conn` is not already in a transaction.
[[nodiscard]] Result<void> run_transaction(Connection& conn, const std::string& begin,
                                           const std::function<Result<void>()>& body);

}  // namespace latch::storage::sqlite
