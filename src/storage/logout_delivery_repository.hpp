#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace latch::storage {

// One back-channel logout notice waiting to be sent (OIDC Back-Channel Logout 1.0 §2.5): the app
// `client_id` is told that user `user_id`'s session `session_id_hash` (a BrowserSession's id
// hash; "" when the notice is about the user, not one session) has ended. The app's URI and the
// logout token are read and made when it is sent. A row is identified by (client_id, user_id,
// session_id_hash).
struct LogoutDelivery {
  std::string client_id;
  std::string user_id;
  std::string session_id_hash;
  std::int64_t attempts = 0;         // sends tried so far (counted when claimed)
  std::int64_t next_attempt_at = 0;  // epoch ms: due from then; a claim moves it to the lease
  std::int64_t created_at = 0;       // epoch ms
};

// The back-channel logout queue (table backchannel_logouts): written in the transaction that ends
// a session, read by the delivery worker of any node, so that a notice survives a restart and
// never holds up the sign-out. Same rules as repositories.hpp: obtained from a Tx, valid inside
// it, one thread.
class LogoutDeliveryRepository {
 public:
  virtual ~LogoutDeliveryRepository() = default;
  // Queues one notice, due at `now` (ms), for every app that has a grant made in browser session
  // `session_id_hash` and a backchannel_logout_uri. A notice already queued for the same app,
  // user and session is kept as it is. Returns the notices added.
  [[nodiscard]] virtual Result<std::int64_t> enqueue_for_session(std::string_view session_id_hash,
                                                                 std::int64_t now) = 0;
  // The same for every grant of user `user_id` that came from a browser session, one notice per
  // app and session (before the user's sessions and grants go: removing a user, suspending one).
  [[nodiscard]] virtual Result<std::int64_t> enqueue_for_user(std::string_view user_id,
                                                              std::int64_t now) = 0;
  // Claims up to `limit` notices due at `now` (ms), oldest first: each claimed one counts an
  // attempt and is not due again before `lease_until` (so that a node that dies mid-send leaves
  // it to be sent again). Atomic across nodes: of two concurrent claims, one gets each notice.
  [[nodiscard]] virtual Result<std::vector<LogoutDelivery>> claim_due(std::int64_t now,
                                                                      std::int64_t lease_until,
                                                                      int limit) = 0;
  // Makes a claimed notice due again at `at` (ms) after a failed send. Ok when absent.
  [[nodiscard]] virtual Result<void> retry_at(const LogoutDelivery& delivery, std::int64_t at) = 0;
  // Removes a notice: sent, or given up. Ok when absent.
  [[nodiscard]] virtual Result<void> remove(const LogoutDelivery& delivery) = 0;
  // Every queued notice, oldest first (tests, operators).
  [[nodiscard]] virtual Result<std::vector<LogoutDelivery>> list_all() = 0;
};

}  // namespace latch::storage
