#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "model/webhook.hpp"
#include "storage/store.hpp"

// Delivering webhook events (docs/webhooks.md): the changes queue them in their transactions
// (management/webhook_events.hpp); the dispatcher below sends them from a background thread, at
// least once each, retrying with backoff, and logs every attempt.
namespace latch::management {

// An endpoint's answer to a delivery.
struct WebhookAnswer {
  int status = 0;
  std::string body;  // at most what the sender reads (a few KiB)
};

// POSTs a delivery. The composition root implements it over the outbound HTTP client (deadline,
// size cap). Blocking. Thread-safe.
class WebhookSender {
 public:
  virtual ~WebhookSender() = default;
  // The endpoint's answer to POST `url` with `headers` and `body` (any status). Unavailable when
  // the host cannot be reached or the time runs out; InvalidRequest for a URL it cannot use.
  [[nodiscard]] virtual Result<WebhookAnswer> post(
      const std::string& url, const std::vector<std::pair<std::string, std::string>>& headers,
      const std::string& body) const = 0;
};

// What one round did.
struct WebhookRound {
  int sent = 0;     // answered 2xx
  int retried = 0;  // failed, due again later
  int dropped = 0;  // given up: out of attempts, or the hook was disabled meanwhile
};

struct WebhookTiming {
  std::chrono::milliseconds retry_base{2000};     // the wait after a first failure
  std::chrono::milliseconds send_timeout{10000};  // what a send may take (the sender's deadline)
};

// Sends the due deliveries of the outbox. Blocking (database and network); use from one
// background thread per node; several nodes may run it at once (each delivery is claimed by one).
class WebhookDispatcher {
 public:
  WebhookDispatcher(storage::Store& store, const Clock& clock, const WebhookSender& sender,
                    WebhookTiming timing)
      : store_(store), clock_(clock), sender_(sender), timing_(timing) {}

  // Claims up to `batch` due deliveries (for long enough to send them all one after the other:
  // batch × send_timeout + 10 s, after which a node that died holding them leaves them due
  // again) and sends each once, with the hook's current URL,
  // headers and signing key, and logs the attempt (TriggerHook.<event>). 2xx removes it; a
  // failure makes it due again after hook_backoff_millis, or removes it after
  // hook_max_attempts attempts. A delivery of a disabled hook is removed unsent. A database
  // error ends the round; what it claimed is sent again once the claim's lease runs out.
  [[nodiscard]] Result<WebhookRound> run_once(int batch = 10);

 private:
  enum class Outcome { Sent, Retry, Drop };
  struct Attempt {
    Outcome outcome = Outcome::Drop;
    std::optional<storage::AuditLog> log;  // none when nothing was sent
  };
  Attempt deliver(const storage::HookDelivery& delivery, const model::Hook& hook);
  Result<void> settle(const storage::HookDelivery& delivery, const Attempt& attempt);

  storage::Store& store_;
  const Clock& clock_;
  const WebhookSender& sender_;
  WebhookTiming timing_;
  std::mt19937_64 jitter_{std::random_device{}()};
};

}  // namespace latch::management
