#include "connectors/sms/http_sms_sender.hpp"

#include <boost/json/serialize.hpp>

#include "connectors/http/outbound.hpp"

namespace latch::connectors {

Result<void> HttpSmsSender::send(const OutgoingMessage& message) const {
  OutboundRequest req{.method = "POST", .url = settings_.url};
  req.headers.emplace_back("Content-Type", "application/json");
  if (!settings_.authorization.empty()) {
    req.headers.emplace_back("Authorization", settings_.authorization);
  }
  req.body = boost::json::serialize(
      boost::json::object{{"to", message.to}, {"from", settings_.from}, {"text", message.text}});
  req.timeout = settings_.timeout;
  auto res = send_request(req);
  if (!res) {
    if (res.error().code == Errc::InvalidRequest) {
      return make_error(Errc::InvalidRequest, "the SMS connector URL is not an http(s) URL");
    }
    return make_error(Errc::Unavailable, "cannot reach the SMS provider",
                      res.error().description + ": " + res.error().detail);
  }
  if (res->status / 100 != 2) {
    return make_error(Errc::Unavailable, "the SMS provider refused the message",
                      "HTTP " + std::to_string(res->status));
  }
  return ok();
}

}  // namespace latch::connectors
