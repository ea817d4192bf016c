#include "server/housekeeper.hpp"

#include <spdlog/spdlog.h>

namespace latch::server {
namespace {

constexpr std::string_view kPurge = "purge";
constexpr std::int64_t kFailureMemory = 86400;  // seconds; the lockout window is far shorter

}  // namespace

Result<std::int64_t> purge_expired(storage::Store& store, const Clock& clock,
                                   std::chrono::milliseconds interval, std::int64_t batch) {
  bool claimed = false;
  auto claim = store.transact([&](storage::Tx& tx) -> Result<void> {
    if (auto locked = tx.lock(kPurge); !locked) return locked;
    auto got = tx.maintenance().claim_run(
        kPurge, clock.now_seconds(),
        std::chrono::duration_cast<std::chrono::seconds>(interval).count() / 2);
    if (!got) return got.error();
    claimed = *got;
    return ok();
  });
  if (!claim) return claim.error();
  if (!claimed) return 0;
  std::int64_t total = 0;
  for (;;) {
    storage::PurgeCounts counts;
    std::int64_t now = clock.now_seconds();
    auto done = store.transact([&](storage::Tx& tx) -> Result<void> {
      auto purged = tx.maintenance().purge_expired(now, now - kFailureMemory, batch);
      if (!purged) return purged.error();
      counts = *purged;
      return ok();
    });
    if (!done) return done.error();
    total += counts.total();
    // A kind that filled its batch may have more; the others are done.
    if (counts.interactions < batch && counts.sessions < batch && counts.grants < batch &&
        counts.codes < batch && counts.access_tokens < batch && counts.verification_codes < batch &&
        counts.setup_tokens < batch && counts.verification_records < batch &&
        counts.replays < batch && counts.device_codes < batch && counts.pushed_requests < batch &&
        counts.subject_tokens < batch && counts.initial_access_tokens < batch) {
      return total;
    }
  }
}

Result<std::int64_t> purge_audit_log(storage::Store& store, const Clock& clock,
                                     std::chrono::seconds retention, std::int64_t batch) {
  if (retention.count() <= 0) return 0;
  std::int64_t before =
      clock.now_millis() - std::chrono::duration_cast<std::chrono::milliseconds>(retention).count();
  std::int64_t total = 0;
  for (;;) {
    std::int64_t removed = 0;
    auto done = store.transact([&](storage::Tx& tx) -> Result<void> {
      auto purged = tx.logs().purge_before(before, batch);
      if (!purged) return purged.error();
      removed = *purged;
      return ok();
    });
    if (!done) return done.error();
    total += removed;
    if (removed < batch) return total;
  }
}

Housekeeper::Housekeeper(storage::Store& store, const Clock& clock,
                         std::chrono::milliseconds interval, std::chrono::seconds audit_retention)
    : store_(store),
      clock_(clock),
      interval_(interval),
      audit_retention_(audit_retention),
      thread_(interval, [this] {
        round();
        return false;
      }) {}

void Housekeeper::round() {
  auto removed = purge_expired(store_, clock_, interval_);
  if (!removed) {
    spdlog::warn("purging expired rows failed: {}", removed.error().description);
  } else if (*removed > 0) {
    spdlog::info("purged {} expired rows", *removed);
  }
  // Only the node that ran the round above would find much; the others find nothing.
  auto aged = purge_audit_log(store_, clock_, audit_retention_);
  if (!aged) {
    spdlog::warn("purging old audit log entries failed: {}", aged.error().description);
  } else if (*aged > 0) {
    spdlog::info("purged {} audit log entries past their retention", *aged);
  }
}

}  // namespace latch::server
