#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"

// A small blocking HTTP/1.1 client for talking to providers on the internet (social sign-in,
// SMS gateways). Call it from the outbound pool (http::Lane::Outbound), never an I/O thread and
// never the database pool: a provider may keep it waiting for the whole timeout.
namespace latch::connectors {

struct OutboundRequest {
  std::string method = "GET";
  std::string url;  // http:// or https://
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // Bounds the whole exchange: resolve, connect, TLS, write and read.
  std::chrono::milliseconds timeout{10000};
  std::size_t max_body = 1 << 20;
};

struct OutboundResponse {
  int status = 0;
  std::string content_type;
  std::string body;
};

// Sends `request` and reads the answer (any status). TLS peers are verified against the system
// store with the host name. InvalidRequest for a URL that is not http(s); Unavailable when the
// host cannot be reached, TLS fails, the time runs out or the answer is not HTTP or too large
// (the detail says which).
[[nodiscard]] Result<OutboundResponse> send_request(const OutboundRequest& request);

}  // namespace latch::connectors
