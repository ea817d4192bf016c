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

bool LogoutWorker::round() {
  auto done = dispatcher_.run_once();
  if (!done) {
    spdlog::warn("back-channel logout round failed: {}", done.error().description);
    return false;
  }
  int worked = done->sent + done->retried + done->dropped;
  if (worked > 0) {
    spdlog::info("back-channel logout: {} sent, {} to retry, {} dropped", done->sent, done->retried,
                 done->dropped);
  }
  return worked > 0;
}

}  // namespace latch::server
