#include "oidc/grants/device_code_grant.hpp"

#include "crypto/hash.hpp"
#include "oidc/error_response.hpp"
#include "oidc/grants/authorization_code_grant.hpp"

namespace latch::oidc {
namespace {

// RFC 8628 §3.5: "the interval MUST be increased by 5 seconds for this and all subsequent
// requests".
constexpr std::int64_t kSlowDownStep = 5;
// A poll this much early still counts as on time: timers fire a little early or late, and a
// device that keeps its interval must never be told to slow down.
constexpr std::int64_t kPollLeewayMs = 500;

Error invalid_grant(std::string description) {
  return make_error(Errc::InvalidGrant, std::move(description));
}

}  // namespace

Result<PendingUserTokens> DeviceCodeGrant::redeem(storage::Tx& tx, const model::DeviceCode& code,
                                                  const GrantContext& ctx) {
  std::int64_t now = tokens_.clock().now_seconds();
  auto consumed = tx.device_codes().consume(code.device_code_hash, now);
  if (!consumed) return consumed.error();
  if (consumed->outcome != model::ConsumeOutcome::Consumed) {
    if (auto revoked = tx.grants().revoke(code.grant_id); !revoked) return revoked.error();
    return invalid_grant("the device code has already been used");
  }
  return issue_for_grant(tx, issuer_, ctx,
                         {.grant_id = code.grant_id,
                          .scope = code.scope,
                          .resources = code.resources,
                          .auth_time = code.auth_time},
                         now);
}

Result<PendingUserTokens> DeviceCodeGrant::poll(storage::Tx& tx, const model::DeviceCode& code,
                                                const GrantContext& ctx) {
  const Clock& clock = tokens_.clock();
  if (code.consumed_at != 0) {
    if (auto revoked = tx.grants().revoke(code.grant_id); !revoked) return revoked.error();
    return invalid_grant("the device code has already been used");
  }
  if (code.expires_at <= clock.now_seconds()) {
    return make_error(Errc::ExpiredToken, "the device code has expired");
  }
  std::int64_t now_ms = clock.now_millis();
  std::int64_t interval = code.interval;
  bool too_soon =
      code.last_polled_at != 0 && now_ms - code.last_polled_at < interval * 1000 - kPollLeewayMs;
  if (too_soon) interval += kSlowDownStep;
  if (auto r = tx.device_codes().record_poll(code.device_code_hash, now_ms, interval); !r) {
    return r.error();
  }
  if (too_soon) return make_error(Errc::SlowDown, "polled sooner than the interval allows");
  switch (code.status) {
    case model::DeviceCodeStatus::Pending:
      return make_error(Errc::AuthorizationPending, "the user has not decided yet");
    case model::DeviceCodeStatus::Denied:
      return make_error(Errc::DeviceAccessDenied, "the user denied the authorization");
    case model::DeviceCodeStatus::Approved:
      break;
  }
  return redeem(tx, code, ctx);
}

Result<TokenResponse> DeviceCodeGrant::handle(const GrantContext& ctx) {
  const std::string& device_code = ctx.request.device_code;
  if (device_code.empty()) return missing_parameter("device_code");
  const model::Application& app = ctx.client.client->app;
  if (app.type != model::AppType::Native || !app.is_device_flow) {
    return make_error(Errc::UnauthorizedClient,
                      "the device authorization grant is not enabled for this app");
  }
  Result<PendingUserTokens> result = invalid_grant("the device code is invalid");
  std::string hash = crypto::token_hash(device_code);
  // Every answer commits: the poll's time and interval are kept whatever the answer.
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto found = tx.device_codes().find(hash);
    if (!found) return found.error();
    if (!*found) return ok();
    if ((*found)->client_id != app.id) {
      result = invalid_grant("the device code was issued to another client");
      return ok();
    }
    result = poll(tx, **found, ctx);
    // A database failure undoes the transaction; a refusal is an answer.
    if (!result &&
        (result.error().code == Errc::Internal || result.error().code == Errc::Unavailable)) {
      return result.error();
    }
    return ok();
  });
  if (!done) return done.error();
  if (!result) return result.error();
  return issuer_.finish(store_, std::move(*result));  // signed after the commit
}

}  // namespace latch::oidc
