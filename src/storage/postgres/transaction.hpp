#pragma once

#include <functional>
#include <string>

#include "core/result.hpp"
#include "storage/postgres/connection.hpp"

namespace latch::storage::postgres {

// Runs `begin`, then `body`; COMMIT when it succeeds, ROLLBACK otherwise (and when COMMIT fails).
[[nodiscard]] Result<void> run_transaction(Connection& conn, const std::string& begin,
                                           const std::function<Result<void>()>& body);

}  // namespace latch::storage::postgres
