#pragma once

#include <chrono>
#include <cstdint>

#include "core/clock.hpp"
#include "core/periodic.hpp"
#include "core/result.hpp"
#include "storage/store.hpp"

namespace latch::server {

// Purges what has expired (interactions, sessions, grants with their codes and tokens, codes,
// opaque access tokens, verification codes, setup tokens, old failed sign-ins) every `interval`,
// so that the database does not grow with anonymous traffic. With several nodes on one database,
// one node runs each round (Tx::lock and a claim recorded in maintenance_runs); every node tries.
// Runs on its own thread; deletes in short batches so that no transaction holds the database
// for long.
class Housekeeper {
 public:
  // `audit_retention`: audit log entries older than this go too; zero keeps them.
  Housekeeper(storage::Store& store, const Clock& clock, std::chrono::milliseconds interval,
              std::chrono::seconds audit_retention = std::chrono::seconds(0));
  void start() { thread_.start(); }
  void stop() { thread_.stop(); }

 private:
  void round();

  storage::Store& store_;
  const Clock& clock_;
  std::chrono::milliseconds interval_;
  std::chrono::seconds audit_retention_;
  PeriodicThread thread_;  // last: stopped before the rest goes
};

// One purge round: claims it (false when another node ran one within `interval`), then deletes
// in batches of `batch` rows per kind until nothing expired is left. Returns the rows removed.
// Blocking.
[[nodiscard]] Result<std::int64_t> purge_expired(storage::Store& store, const Clock& clock,
                                                 std::chrono::milliseconds interval,
                                                 std::int64_t batch = 500);

// Deletes the audit log entries older than `retention` (zero: none), in batches of `batch`.
// Returns the entries removed. Blocking.
[[nodiscard]] Result<std::int64_t> purge_audit_log(storage::Store& store, const Clock& clock,
                                                   std::chrono::seconds retention,
                                                   std::int64_t batch = 500);

}  // namespace latch::server
