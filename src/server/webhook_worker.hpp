#pragma once

#include <chrono>

#include "core/periodic.hpp"
#include "management/webhook_dispatcher.hpp"
#include "management/webhook_events.hpp"

namespace latch::server {

// Runs management::WebhookDispatcher rounds every `interval` on its own thread (a round that
// found work is followed by another at once, and a change on this node wakes it), so that
// webhook events go out at once from the node that made the change, and within about `interval`
// from any node when that one could not send them (docs/webhooks.md).
class WebhookWorker {
 public:
  WebhookWorker(management::WebhookDispatcher& dispatcher, std::chrono::milliseconds interval)
      : dispatcher_(dispatcher), thread_(interval, [this] { return round(); }) {}
  ~WebhookWorker() { stop(); }
  WebhookWorker(const WebhookWorker&) = delete;
  WebhookWorker& operator=(const WebhookWorker&) = delete;
  // Also answers management::webhook_doorbell(): an event queued on this node goes out at once.
  void start() {
    thread_.start();
    management::webhook_doorbell().listen([this] { thread_.wake(); });
  }
  // Waits for the round in progress. Call connectors::stop_outbound() first to cut its sends short.
  void stop() {
    management::webhook_doorbell().listen({});
    thread_.stop();
  }

 private:
  // One round; true when it claimed something (so the next one should not wait).
  bool round();

  management::WebhookDispatcher& dispatcher_;
  PeriodicThread thread_;  // last: stopped before the rest goes
};

}  // namespace latch::server
