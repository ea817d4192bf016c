#include "oidc/audit_log.hpp"

#include <spdlog/spdlog.h>
#include <boost/json/serialize.hpp>

#include "core/metrics.hpp"
#include "crypto/random.hpp"

namespace latch::oidc {
namespace {

// Every audit event is counted by key and result (`latch_audit_events_total`); the end of an
// interaction (Logto's "Interaction.<SignIn|Register|ForgotPassword>.Submit") is counted once
// more as a sign-in (`latch_sign_ins_total`), the figure dashboards chart. Keys are Logto's
// bounded set, never an id.
void count(const AuditEvent& event) {
  static const metrics::CounterFamily<2> events(
      "latch_audit_events_total", "Audit events recorded, by key and result.", {"key", "result"});
  static const metrics::CounterFamily<2> sign_ins(
      "latch_sign_ins_total",
      "Finished sign-in interactions (SignIn, Register, ForgotPassword), by result.",
      {"event", "result"});
  std::string_view result = event.success ? "success" : "failure";
  events.at({event.key, result}).add();
  std::string_view key = event.key;
  constexpr std::string_view kPrefix = "Interaction.";
  constexpr std::string_view kSuffix = ".Submit";
  if (key.size() > kPrefix.size() + kSuffix.size() && key.starts_with(kPrefix) &&
      key.ends_with(kSuffix)) {
    std::string_view what =
        key.substr(kPrefix.size(), key.size() - kPrefix.size() - kSuffix.size());
    // Only the three events: a BindMfa submit is not a finished sign-in.
    if (what.find('.') == std::string_view::npos) sign_ins.at({what, result}).add();
  }
}

// The row of `event`, without counting it.
storage::AuditLog row_of(AuditEvent event, std::int64_t now_millis) {
  auto& payload = event.payload;
  payload["key"] = event.key;
  payload["result"] = event.success ? "Success" : "Error";
  if (!event.user_id.empty()) payload["userId"] = event.user_id;
  if (!event.application_id.empty()) payload["applicationId"] = event.application_id;
  if (!event.ip.empty()) payload["ip"] = event.ip;
  return storage::AuditLog{crypto::time_ordered_id(now_millis),
                           event.key,
                           event.success ? "Success" : "Error",
                           event.user_id,
                           event.application_id,
                           event.ip,
                           boost::json::serialize(payload),
                           now_millis};
}

}  // namespace

storage::AuditLog audit_log_of(AuditEvent event, std::int64_t now_millis) {
  count(event);
  return row_of(std::move(event), now_millis);
}

void record_audit(storage::Store& store, AuditEvent event, std::int64_t now_millis) {
  storage::AuditLog log = audit_log_of(std::move(event), now_millis);
  auto done = store.transact([&](storage::Tx& tx) { return tx.logs().insert(log); });
  if (!done) spdlog::error("cannot write audit log {}: {}", log.key, done.error().description);
}

AuditQueue::AuditQueue(storage::Store& store, const Clock& clock,
                       std::chrono::milliseconds interval, std::size_t capacity)
    : store_(store), clock_(clock), capacity_(capacity), thread_(interval, [this] {
        flush();
        return false;
      }) {}

AuditQueue::~AuditQueue() { stop(); }

namespace {

metrics::Counter& dropped_events() {
  static metrics::Counter& dropped = metrics::registry().counter(
      "latch_audit_events_dropped_total",
      "Audit events dropped because too many were waiting to be written.");
  return dropped;
}

}  // namespace

void AuditQueue::push(AuditEvent event) {
  count(event);  // the row (an id, the payload's JSON) is made on the queue's thread
  Queued queued{std::move(event), clock_.now_millis()};
  std::lock_guard lock(mutex_);
  if (queued_.size() >= capacity_) {
    dropped_events().add();
    return;
  }
  queued_.push_back(std::move(queued));
}

void AuditQueue::start() { thread_.start(); }

void AuditQueue::stop() {
  thread_.stop();
  flush();
}

void AuditQueue::flush() {
  std::lock_guard writing(flushing_);
  std::deque<Queued> queued;
  {
    std::lock_guard lock(mutex_);
    queued.swap(queued_);
  }
  for (auto& q : queued) unwritten_.push_back(row_of(std::move(q.event), q.at_millis));
  if (unwritten_.empty()) return;
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    for (const auto& log : unwritten_) {
      if (auto inserted = tx.logs().insert(log); !inserted) return inserted;
    }
    return ok();
  });
  if (done) {
    unwritten_.clear();
    return;
  }
  // Kept for the next round (a database that is briefly away loses nothing): the oldest, within
  // capacity; the rest are dropped and counted.
  spdlog::error("cannot write {} audit log entries yet: {}", unwritten_.size(),
                done.error().description);
  while (unwritten_.size() > capacity_) {
    unwritten_.pop_back();
    dropped_events().add();
  }
}

}  // namespace latch::oidc
