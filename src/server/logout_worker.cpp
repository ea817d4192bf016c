#include "server/logout_worker.hpp"

#include <spdlog/spdlog.h>

#include "connectors/http/outbound.hpp"

namespace latch::server {

Result<int> OutboundLogoutSender::post_form(const std::string& url, const std::string& form) const {
  connectors::OutboundRequest request{
      .method = "POST",
      .url = url,
      .headers = {{"Content-Type", "application/x-www-form-urlencoded"}},
      .body = form,
      .timeout = timeout_,
      .max_body = 64 * 1024};
  auto response = connectors::send_request(request);
  if (!response) return response.error();
  return response->status;
}

LogoutWorker::~LogoutWorker() { stop(); }

void LogoutWorker::start() {
  thread_ = std::thread([this] {
    for (;;) {
      {
        std::unique_lock lock(mutex_);
        if (wake_.wait_for(lock, interval_, [this] { return stopping_; })) return;
      }
      auto round = dispatcher_.run_once();
      if (!round) {
        spdlog::warn("back-channel logout round failed: {}", round.error().description);
      } else if (round->sent + round->retried + round->dropped > 0) {
        spdlog::info("back-channel logout: {} sent, {} to retry, {} dropped", round->sent,
                     round->retried, round->dropped);
      }
    }
  });
}

void LogoutWorker::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace latch::server
