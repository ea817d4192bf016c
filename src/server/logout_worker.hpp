#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "oidc/backchannel_logout.hpp"

namespace latch::server {

// oidc::LogoutSender over the outbound HTTP client (connectors/http/outbound.hpp): POST with a
// deadline and a 64 KiB cap on the answer, which is not read. Thread-safe.
class OutboundLogoutSender final : public oidc::LogoutSender {
 public:
  explicit OutboundLogoutSender(std::chrono::milliseconds timeout) : timeout_(timeout) {}
  Result<int> post_form(const std::string& url, const std::string& form) const override;

 private:
  std::chrono::milliseconds timeout_;
};

// Runs oidc::LogoutDispatcher rounds every `interval` on its own thread, so that back-channel
// logout notices go out within about that time of a sign-out, on whichever node picks them up.
class LogoutWorker {
 public:
  LogoutWorker(oidc::LogoutDispatcher& dispatcher, std::chrono::milliseconds interval)
      : dispatcher_(dispatcher), interval_(interval) {}
  ~LogoutWorker();
  void start();
  // Waits for the round in progress. Call connectors::stop_outbound() first to cut its sends short.
  void stop();

 private:
  oidc::LogoutDispatcher& dispatcher_;
  std::chrono::milliseconds interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace latch::server
