#include "storage/postgres/transaction.hpp"

namespace latch::storage::postgres {
namespace {

// Rolls back on scope exit unless the transaction has ended, also when `body` throws. Keeps the
// SQLSTATE of the failure (not of the ROLLBACK) for the store's retry decision.
class RollbackGuard {
 public:
  explicit RollbackGuard(Connection& conn) : conn_(conn) {}
  ~RollbackGuard() {
    if (conn_.in_transaction()) {
      std::string sqlstate = conn_.last_sqlstate();
      // Nothing better to do with a failed ROLLBACK: a broken connection is dropped by the pool.
      (void)conn_.exec("ROLLBACK");
      conn_.remember_sqlstate(std::move(sqlstate));
    }
  }
  RollbackGuard(const RollbackGuard&) = delete;
  RollbackGuard& operator=(const RollbackGuard&) = delete;

 private:
  Connection& conn_;
};

}  // namespace

Result<void> run_transaction(Connection& conn, const std::string& begin,
                             const std::function<Result<void>()>& body) {
  if (auto begun = conn.exec(begin); !begun) {
    return begun;
  }
  RollbackGuard guard(conn);
  if (auto done = body(); !done) {
    return done;
  }
  if (conn.transaction_failed()) {
    // `body` ignored a failed statement; COMMIT would roll back without a word.
    return make_error(
        Errc::Internal, "database error",
        "a statement failed inside the transaction (SQLSTATE " + conn.last_sqlstate() + ")");
  }
  return conn.exec("COMMIT");
}

}  // namespace latch::storage::postgres
