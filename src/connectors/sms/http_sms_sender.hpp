#pragma once

#include <chrono>
#include <string>

#include "connectors/message.hpp"

namespace latch::connectors {

struct HttpSmsSettings {
  std::string url;            // http(s)://host[:port]/path that accepts the JSON below
  std::string authorization;  // sent as the Authorization header when not empty
  std::string from;           // sender id passed through to the provider
  std::chrono::seconds timeout{15};
};

// A generic SMS connector: POSTs {"to", "from", "text"} as JSON to the configured URL; any 2xx
// answer means sent. Talks only to the configured host.
class HttpSmsSender final : public MessageSender {
 public:
  explicit HttpSmsSender(HttpSmsSettings settings) : settings_(std::move(settings)) {}
  Result<void> send(const OutgoingMessage& message) const override;

 private:
  HttpSmsSettings settings_;
};

}  // namespace latch::connectors
