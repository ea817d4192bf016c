#include "storage/sqlite/transaction.hpp"

namespace latch::storage::sqlite {
namespace {

// Rolls back on scope exit unless the transaction has ended (committed).
class RollbackGuard {
 public:
  explicit RollbackGuard(Connection& conn) : conn_(conn) {}
  ~RollbackGuard() {
    if (conn_.in_transaction()) {
      // Nothing better to do with a failed ROLLBACK: SQLite ends the transaction regardless.
      (void)conn_.exec("ROLLBACK");
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
  return conn.exec("COMMIT");
}

}  // namespace latch::storage::sqlite
