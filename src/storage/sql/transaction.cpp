#include "storage/sql/transaction.hpp"

namespace latch::storage::sql {
namespace {

// Rolls back on scope exit unless the transaction has ended (committed).
class RollbackGuard {
 public:
  explicit RollbackGuard(Connection& conn) : conn_(conn) {}
  ~RollbackGuard() {
    if (conn_.in_transaction()) {
      conn_.rollback();
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
  return conn.commit();
}

}  // namespace latch::storage::sql
