#include "server/logout_worker.hpp"

#include <spdlog/spdlog.h>

#include "connectors/http/outbound.hpp"
#include "server/outbox_round.hpp"

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

bool LogoutWorker::round() { return report_round(dispatcher_.run_once(), "back-channel logout"); }

}  // namespace latch::server
