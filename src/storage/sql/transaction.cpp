#include "storage/sql/transaction.hpp"

#include <chrono>

#include "core/metrics.hpp"

namespace latch::storage::sql {
namespace {

// The series of one kind of transaction: read-write ("write") or read-only ("read").
struct TransactionStats {
  explicit TransactionStats(const char* kind)
      : duration(metrics::registry().histogram(
            "latch_db_transaction_duration_seconds",
            "Time from BEGIN to COMMIT or ROLLBACK of a database transaction.", {{"kind", kind}})),
        committed(metrics::registry().counter("latch_db_transactions_total",
                                              "Database transactions, by how they ended.",
                                              {{"kind", kind}, {"result", "committed"}})),
        failed(metrics::registry().counter("latch_db_transactions_total",
                                           "Database transactions, by how they ended.",
                                           {{"kind", kind}, {"result", "failed"}})) {}
  metrics::Histogram& duration;
  metrics::Counter& committed;
  metrics::Counter& failed;
};

TransactionStats& stats_for(const std::string& begin) {
  static TransactionStats read("read");
  static TransactionStats write("write");
  return begin.find("READ ONLY") != std::string::npos || begin == "BEGIN" ? read : write;
}

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

Result<void> run_unmeasured(Connection& conn, const std::string& begin,
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

}  // namespace

Result<void> run_transaction(Connection& conn, const std::string& begin,
                             const std::function<Result<void>()>& body) {
  TransactionStats& stats = stats_for(begin);
  auto started = std::chrono::steady_clock::now();
  auto done = run_unmeasured(conn, begin, body);
  stats.duration.observe(std::chrono::steady_clock::now() - started);
  (done ? stats.committed : stats.failed).add();
  return done;
}

}  // namespace latch::storage::sql
