#pragma once

#include <boost/json/object.hpp>
#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "support/subprocess.hpp"

// A loopback HTTP receiver for what the server POSTs on its own (webhook deliveries, back-channel
// logout tokens): a python3 process that answers each POST and reports it. Answers 200
// {"ok":true}, except: a path with "always-fail" gets 503 each time, one with "fail-first" 503 the
// first time.
namespace latch::test {

struct Received {
  std::string path;
  int status = 0;                              // what the receiver answered
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  boost::json::object payload;  // the body parsed, when it is a JSON object
};

class PostReceiver {
 public:
  // Listens on `port` (0: any free one). Throws std::runtime_error when it does not start.
  explicit PostReceiver(int port = 0);
  int port() const { return port_; }
  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }

  // The requests to `path`, once there are `count` of them (or what came within `timeout`).
  std::vector<Received> wait_for(const std::string& path, std::size_t count,
                                 std::chrono::milliseconds timeout = std::chrono::seconds(20));

 private:
  std::vector<Received> of(const std::string& path) const;

  Process process_;
  int port_ = 0;
  std::vector<Received> received_;
};

// Lower-case hex of `raw` (a signature to compare with a header).
std::string hex(std::string_view raw);

}  // namespace latch::test
