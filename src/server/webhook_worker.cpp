#include "server/webhook_worker.hpp"

#include "server/outbox_round.hpp"

namespace latch::server {

bool WebhookWorker::round() { return report_round(dispatcher_.run_once(), "webhooks"); }

}  // namespace latch::server
