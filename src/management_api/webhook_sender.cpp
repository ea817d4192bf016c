#include "management_api/webhook_sender.hpp"

#include "connectors/http/outbound.hpp"

namespace latch::management_api {

Result<management::WebhookAnswer> OutboundWebhookSender::post(
    const std::string& url, const std::vector<std::pair<std::string, std::string>>& headers,
    const std::string& body) const {
  connectors::OutboundRequest request{.method = "POST",
                                      .url = url,
                                      .headers = headers,
                                      .body = body,
                                      .timeout = timeout_,
                                      .max_body = 64 * 1024};
  auto response = connectors::send_request(request);
  if (!response) return response.error();
  return management::WebhookAnswer{.status = response->status, .body = std::move(response->body)};
}

}  // namespace latch::management_api
