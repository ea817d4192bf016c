#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <string>

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

}  // namespace latch::oidc
