#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "core/config.hpp"
#include "core/result.hpp"
#include "model/application.hpp"
#include "oidc/token_service.hpp"
#include "storage/store.hpp"

// OpenID Connect Back-Channel Logout 1.0: when a browser session ends, each app that signed in
// through it and registered a backchannel_logout_uri receives a logout token (§2.4) by POST
// (§2.5). Ending the session only queues the notices (storage/logout_delivery_repository.hpp);
// the dispatcher below sends them from a background thread, so a slow or broken app never holds
// up anyone's sign-out.
namespace latch::oidc {

// §2.4 says the token's lifetime should be short: two minutes.
inline constexpr std::int64_t kLogoutTokenTtl = 120;
// §2.6: an app that answers anything but 2xx is tried again, at most this many times in all.
inline constexpr std::int64_t kLogoutMaxAttempts = 5;

// The logout token (§2.4) telling `app` that `delivery`'s session ended: a JWT of type
// "logout+jwt" signed with the app's ID token algorithm, with iss, aud (the client id), iat, exp,
// jti, events {"http://schemas.openid.net/event/backchannel-logout": {}}, sub and, when the notice
// names a session, its sid (session_sid). Never a nonce (§2.4). Unavailable when no key of that
// algorithm is loaded.
[[nodiscard]] Result<std::string> make_logout_token(const TokenService& tokens,
                                                    const model::Application& app,
                                                    const storage::LogoutDelivery& delivery);

// POSTs a form to an app. The composition root implements it over the outbound HTTP client
// (deadline, size cap). Blocking. Thread-safe.
class LogoutSender {
 public:
  virtual ~LogoutSender() = default;
  // The status of the answer to POST `url` with the form body `form`
  // (application/x-www-form-urlencoded). Unavailable when the host cannot be reached or the time
  // runs out.
  [[nodiscard]] virtual Result<int> post_form(const std::string& url,
                                              const std::string& form) const = 0;
};

// What one round did.
struct LogoutRound {
  int sent = 0;     // answered 2xx
  int retried = 0;  // failed, due again later
  int dropped = 0;  // given up: kLogoutMaxAttempts failures, or the app is gone or has no URI
};

// Sends the due notices of the queue. Blocking (database and network); use from one background
// thread per node; several nodes may run it at once (each notice is claimed by one).
class LogoutDispatcher {
 public:
  LogoutDispatcher(storage::Store& store, const TokenService& tokens, const LogoutSender& sender,
                   std::chrono::milliseconds retry_base)
      : store_(store), tokens_(tokens), sender_(sender), retry_base_(retry_base) {}

  // Claims up to `batch` due notices and sends each once: 2xx removes it; a failure makes it due
  // again after retry_base × 2^(attempts − 1), or removes it (with a warning in the log) after
  // kLogoutMaxAttempts attempts. A database error ends the round.
  [[nodiscard]] Result<LogoutRound> run_once(int batch = 50);

 private:
  enum class Outcome { Sent, Retry, Drop };
  Outcome deliver(const storage::LogoutDelivery& delivery);
  Result<void> settle(const storage::LogoutDelivery& delivery, Outcome outcome);

  storage::Store& store_;
  const TokenService& tokens_;
  const LogoutSender& sender_;
  std::chrono::milliseconds retry_base_;
};

}  // namespace latch::oidc
