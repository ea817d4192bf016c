#pragma once

#include <boost/json/object.hpp>
#include <chrono>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>

#include "core/clock.hpp"
#include "core/periodic.hpp"
#include "storage/store.hpp"

namespace latch::oidc {

// Something worth an audit log row (Logto's log shape: a key such as "Management.POST" or
// "Interaction.SignIn.Submit", Success or Error, who, from where).
struct AuditEvent {
  std::string key;
  bool success = true;
  std::string user_id;
  std::string application_id;
  std::string ip;
  boost::json::object payload;  // what else is worth keeping (never a secret)
};

// The row for `event` at `now_millis`: a new id, and the payload completed with key, result,
// userId, applicationId and ip, as the console's audit log pages read it.
storage::AuditLog audit_log_of(AuditEvent event, std::int64_t now_millis);

// Writes `event` in a transaction of its own. A failure to write is logged, never raised: what
// it records has happened. Blocking.
void record_audit(storage::Store& store, AuditEvent event, std::int64_t now_millis);

// Audit events written in batches by a thread of its own, for paths that must not wait for a
// write of their own: the token endpoint, whose client-credentials tokens touch no database. An
// event is in the log within about `interval`, in one transaction with the others queued. A stop
// writes what is queued; a killed process loses at most that interval's events. Bounded: past
// `capacity` waiting events a new one is dropped and counted
// (`latch_audit_events_dropped_total`), so that a database outage cannot grow it without end.
// Thread-safe.
class AuditQueue {
 public:
  // `store` and `clock` must outlive the queue.
  AuditQueue(storage::Store& store, const Clock& clock, std::chrono::milliseconds interval,
             std::size_t capacity = 20000);
  ~AuditQueue();
  AuditQueue(const AuditQueue&) = delete;
  AuditQueue& operator=(const AuditQueue&) = delete;

  // Queues `event`, stamped with the time it is pushed.
  void push(AuditEvent event);
  void start();
  // Writes what is queued, then stops the thread. Idempotent.
  void stop();
  // Writes what is queued now, on the caller's thread. Blocking.
  void flush();

 private:
  storage::Store& store_;
  const Clock& clock_;
  std::size_t capacity_;
  std::mutex mutex_;
  struct Queued {
    AuditEvent event;
    std::int64_t at_millis = 0;
  };
  std::deque<Queued> queued_;                // guarded by mutex_
  std::mutex flushing_;                      // one batch written at a time
  std::deque<storage::AuditLog> unwritten_;  // rows a failed batch kept; guarded by flushing_
  PeriodicThread thread_;                    // last: stopped before the rest goes
};

}  // namespace latch::oidc
