#pragma once

#include <chrono>

#include "core/periodic.hpp"
#include "management/webhook_dispatcher.hpp"

namespace latch::server {

// Runs management::WebhookDispatcher rounds every `interval` on its own thread (a round that
// found work is followed by another at once), so that webhook events go out within about that
// time of the change, on whichever node picks them up (docs/webhooks.md).
class WebhookWorker {
 public:
  WebhookWorker(management::WebhookDispatcher& dispatcher, std::chrono::milliseconds interval)
      : dispatcher_(dispatcher), thread_(interval, [this] { return round(); }) {}
  void start() { thread_.start(); }
  // Waits for the round in progress. Call connectors::stop_outbound() first to cut its sends short.
  void stop() { thread_.stop(); }

 private:
  // One round; true when it claimed something (so the next one should not wait).
  bool round();

  management::WebhookDispatcher& dispatcher_;
  PeriodicThread thread_;  // last: stopped before the rest goes
};

}  // namespace latch::server
