#pragma once

#include <chrono>

#include "management/webhook_dispatcher.hpp"

namespace latch::management_api {

// management::WebhookSender over the outbound HTTP client (connectors/http/outbound.hpp): POST
// with a deadline of `timeout`, reading at most 64 KiB of the answer. Thread-safe.
class OutboundWebhookSender final : public management::WebhookSender {
 public:
  explicit OutboundWebhookSender(std::chrono::milliseconds timeout) : timeout_(timeout) {}
  Result<management::WebhookAnswer> post(
      const std::string& url, const std::vector<std::pair<std::string, std::string>>& headers,
      const std::string& body) const override;

 private:
  std::chrono::milliseconds timeout_;
};

}  // namespace latch::management_api
