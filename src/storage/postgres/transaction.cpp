#include "storage/postgres/transaction.hpp"

namespace latch::storage::postgres {

Result<void> run_transaction(Connection& conn, const std::string& begin,
                             const std::function<Result<void>()>& body) {
  if (auto begun = conn.exec(begin); !begun) {
    return begun;
  }
  auto done = body();
  if (done) {
    done = conn.exec("COMMIT");
    if (done) {
      return done;
    }
  }
  std::string sqlstate = conn.last_sqlstate();
  // Nothing better to do with a failed ROLLBACK: a broken connection is dropped by the pool.
  (void)conn.exec("ROLLBACK");
  if (conn.healthy()) {
    // Keep the SQLSTATE of the failure, not of the ROLLBACK, for the retry decision.
    conn.remember_sqlstate(sqlstate);
  }
  return done;
}

}  // namespace latch::storage::postgres
