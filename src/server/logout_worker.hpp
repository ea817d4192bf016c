#pragma once

#include <chrono>

#include "core/periodic.hpp"
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

// Runs oidc::LogoutDispatcher rounds every `interval` on its own thread (a round that found work
// is followed by another at once), so that back-channel logout notices go out within about that
// time of a sign-out, on whichever node picks them up.
class LogoutWorker {
 public:
  LogoutWorker(oidc::LogoutDispatcher& dispatcher, std::chrono::milliseconds interval)
      : dispatcher_(dispatcher), thread_(interval, [this] { return round(); }) {}
  void start() { thread_.start(); }
  // Waits for the round in progress. Call connectors::stop_outbound() first to cut its sends short.
  void stop() { thread_.stop(); }

 private:
  // One round; true when it found something to send.
  bool round();

  oidc::LogoutDispatcher& dispatcher_;
  PeriodicThread thread_;  // last: stopped before the rest goes
};

}  // namespace latch::server
