#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "support/http_test_client.hpp"

namespace latch::test {

struct RawReply {
  std::string bytes;    // everything the server sent
  bool closed = false;  // the server closed (or reset) the connection before the timeout
};

// Opens a connection, sends `bytes` as they are (any garbage), and collects what the server
// sends back until it closes the connection or `timeout` passes. Errors after connecting (a
// reset, a failed write) end the exchange quietly: what arrived before is kept. Throws
// boost::system::system_error when the connection cannot be made. `from`, when set, is the local
// address to connect from ("127.0.0.2": another client on the loopback).
RawReply raw_exchange(std::string_view host, unsigned short port, std::string_view bytes,
                      std::chrono::milliseconds timeout = std::chrono::seconds(5),
                      std::string_view from = {});

// Parses the first HTTP response in `raw`; nullopt when there is none or it is incomplete.
std::optional<HttpResponse> parse_response(std::string_view raw);

}  // namespace latch::test
