#include "server/webhook_worker.hpp"

#include <spdlog/spdlog.h>

namespace latch::server {

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

}  // namespace latch::server
