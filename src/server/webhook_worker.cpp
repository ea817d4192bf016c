#include "server/webhook_worker.hpp"

#include <spdlog/spdlog.h>

namespace latch::server {

WebhookWorker::~WebhookWorker() { stop(); }

bool WebhookWorker::round() {
  auto done = dispatcher_.run_once();
  if (!done) {
    spdlog::warn("webhook round failed: {}", done.error().description);
    return false;
  }
  int worked = done->sent + done->retried + done->dropped;
  if (worked > 0) {
    spdlog::info("webhooks: {} sent, {} to retry, {} dropped", done->sent, done->retried,
                 done->dropped);
  }
  return worked > 0;
}

void WebhookWorker::start() {
  thread_ = std::thread([this] {
    bool busy = false;
    for (;;) {
      {
        std::unique_lock lock(mutex_);
        auto wait = busy ? std::chrono::milliseconds(0) : interval_;
        if (wake_.wait_for(lock, wait, [this] { return stopping_; })) return;
      }
      busy = round();
    }
  });
}

void WebhookWorker::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace latch::server
