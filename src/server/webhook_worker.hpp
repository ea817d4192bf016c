#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "management/webhook_dispatcher.hpp"

namespace latch::server {

// Runs management::WebhookDispatcher rounds every `interval` on its own thread (a round that
// found work is followed by another at once), so that webhook events go out within about that
// time of the change, on whichever node picks them up (docs/webhooks.md).
class WebhookWorker {
 public:
  WebhookWorker(management::WebhookDispatcher& dispatcher, std::chrono::milliseconds interval)
      : dispatcher_(dispatcher), interval_(interval) {}
  ~WebhookWorker();
  void start();
  // Waits for the round in progress. Call connectors::stop_outbound() first to cut its sends short.
  void stop();

 private:
  // One round; true when it claimed something (so the next one should not wait).
  bool round();

  management::WebhookDispatcher& dispatcher_;
  std::chrono::milliseconds interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace latch::server
