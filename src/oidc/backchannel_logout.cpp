#include "oidc/backchannel_logout.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "crypto/jwk.hpp"
#include "crypto/random.hpp"
#include "http/form.hpp"
#include "oidc/session_sid.hpp"

namespace latch::oidc {
namespace {

constexpr std::string_view kLogoutEvent = "http://schemas.openid.net/event/backchannel-logout";

// The app as stored now (a notice outlives changes to the app); nullopt when it is gone.
Result<std::optional<model::Application>> find_app(storage::Store& store,
                                                   const std::string& client_id) {
  std::optional<model::Application> app;
  auto done = store.read([&](storage::Tx& tx) -> Result<void> {
    auto found = tx.applications().find(client_id);
    if (!found) return found.error();
    app = std::move(*found);
    return ok();
  });
  if (!done) return done.error();
  return app;
}

}  // namespace

// OIDC Back-Channel Logout 1.0 §2.4.
Result<std::string> make_logout_token(const TokenService& tokens, const model::Application& app,
                                      const storage::LogoutDelivery& delivery) {
  const Config& config = tokens.config();
  std::string alg_name = app.id_token_signed_response_alg;
  if (alg_name.empty()) alg_name = config.id_token_alg;
  crypto::JwsAlg alg = crypto::parse_alg(alg_name).value_or(crypto::JwsAlg::ES256);
  std::int64_t now = tokens.clock().now_seconds();
  boost::json::object events;
  events[kLogoutEvent] = boost::json::object{};
  boost::json::object claims;
  claims["iss"] = config.issuer();
  claims["aud"] = app.id;
  claims["iat"] = now;
  claims["exp"] = now + kLogoutTokenTtl;
  claims["jti"] = crypto::random_id(32);
  claims["events"] = std::move(events);
  claims["sub"] = delivery.user_id;
  if (!delivery.session_id_hash.empty()) claims["sid"] = session_sid(delivery.session_id_hash);
  return tokens.sign(alg, claims, "logout+jwt");
}

Result<LogoutRound> LogoutDispatcher::run_once(int batch) {
  std::int64_t now = tokens_.clock().now_millis();
  // A claim lasts long enough for every send of the batch to time out; a node that dies while it
  // holds one leaves the notice due again after that.
  std::int64_t lease_until = now + 10 * 60 * 1000;
  std::vector<storage::LogoutDelivery> claimed;
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto due = tx.logout_deliveries().claim_due(now, lease_until, batch);
    if (!due) return due.error();
    claimed = std::move(*due);
    return ok();
  });
  if (!done) return done.error();
  LogoutRound round;
  for (const auto& delivery : claimed) {
    Outcome outcome = deliver(delivery);
    if (auto settled = settle(delivery, outcome); !settled) return settled.error();
    if (outcome == Outcome::Sent) ++round.sent;
    if (outcome == Outcome::Retry) ++round.retried;
    if (outcome == Outcome::Drop) ++round.dropped;
  }
  return round;
}

// §2.5: POST logout_token=... as a form; §2.8: 200 (any 2xx) means the app took it.
LogoutDispatcher::Outcome LogoutDispatcher::deliver(const storage::LogoutDelivery& delivery) {
  auto app = find_app(store_, delivery.client_id);
  if (!app) return Outcome::Retry;
  if (!*app || (*app)->backchannel_logout_uri.empty()) return Outcome::Drop;
  auto token = make_logout_token(tokens_, **app, delivery);
  if (!token) return Outcome::Retry;
  http::Params form;
  form.add("logout_token", *token);
  auto status = sender_.post_form((*app)->backchannel_logout_uri, http::encode_form(form));
  if (status && *status >= 200 && *status < 300) return Outcome::Sent;
  std::string why = status ? "it answered " + std::to_string(*status) : status.error().description;
  if (delivery.attempts >= kLogoutMaxAttempts) {
    spdlog::warn("back-channel logout to app {} dropped after {} attempts: {}", delivery.client_id,
                 delivery.attempts, why);
    return Outcome::Drop;
  }
  spdlog::info("back-channel logout to app {} failed (attempt {}): {}", delivery.client_id,
               delivery.attempts, why);
  return Outcome::Retry;
}

Result<void> LogoutDispatcher::settle(const storage::LogoutDelivery& delivery, Outcome outcome) {
  std::int64_t shift = std::clamp<std::int64_t>(delivery.attempts - 1, 0, 20);
  std::int64_t at = tokens_.clock().now_millis() + retry_base_.count() * (std::int64_t{1} << shift);
  return store_.transact([&](storage::Tx& tx) -> Result<void> {
    if (outcome == Outcome::Retry) return tx.logout_deliveries().retry_at(delivery, at);
    return tx.logout_deliveries().remove(delivery);
  });
}

}  // namespace latch::oidc
