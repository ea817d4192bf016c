#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/webhook.hpp"

// What a webhook delivery is made of (docs/webhooks.md): Logto's payloads, the signature and
// headers, and the wait between attempts. Pure functions; thread-safe.
namespace latch::management {

// The request behind a data hook event (Logto's ManagementApiContext and hook metadata). Every
// member is optional on the wire: empty (or 0) leaves it out of the payload.
struct HookOrigin {
  std::string ip;
  std::string user_agent;
  std::string path;           // as requested: /api/users/u1
  std::string method;         // POST, PATCH, ...
  std::string matched_route;  // the route's template: /api/users/:userId
  std::vector<std::pair<std::string, std::string>> params;  // the template's parameters
  int status = 0;                                           // the answer's status
};

// What an interaction hook event (PostRegister, PostSignIn, PostResetPassword) is about.
struct InteractionHookFacts {
  std::string interaction_event;  // Register, SignIn, ForgotPassword
  std::string session_id;         // the interaction's id
  std::string user_agent;
  std::string user_ip;
  std::string user_id;
  boost::json::object user;         // hook_user(to_json(user)); empty: left out
  boost::json::object application;  // {id, type, name, description}; empty: left out
};

// JavaScript's Date.toISOString() of `millis` since the epoch: 2026-12-07T09:36:05.123Z.
std::string iso_time(std::int64_t millis);

// Logto's data hook payload (without hookId): {event, createdAt, userAgent?, ip?, path?,
// method?, status?, params?, matchedRoute?, data}. `origin` may be null (a change the CLI made).
boost::json::object data_hook_payload(std::string_view event, const HookOrigin* origin,
                                      boost::json::value data, std::int64_t now_millis);

// Logto's interaction hook payload (without hookId): {event, interactionEvent, createdAt,
// sessionId, userAgent, userId, userIp, user, application}.
boost::json::object interaction_hook_payload(std::string_view event,
                                             const InteractionHookFacts& facts,
                                             std::int64_t now_millis);

// The members of Logto's user (management::to_json) a hook payload carries (Logto's
// userInfoSelectFields): no hasPassword.
boost::json::object hook_user(const boost::json::object& user);

// Logto's test payload for `event` (generateHookTestPayload): fake user, app and request.
boost::json::object test_payload(std::string_view hook_id, std::string_view event,
                                 std::int64_t now_millis);

// The body a delivery sends: `payload_json` (an object) with hookId added, serialized once;
// the signature is over exactly these bytes. "" when `payload_json` is not a JSON object.
std::string delivery_body(std::string_view payload_json, std::string_view hook_id);

// logto-signature-sha-256: lower-case hex of HMAC-SHA256(signing_key, body).
std::string sign_body(std::string_view signing_key, std::string_view body);

// The headers of a delivery, in order: user-agent, content-type, the hook's own headers (which
// may replace those two), then logto-signature-sha-256 (when the hook has a key),
// latch-delivery-id (`delivery_id`, the same for every attempt of the delivery) and
// latch-timestamp (`now_millis`, this attempt), which the hook's headers cannot replace.
std::vector<std::pair<std::string, std::string>> delivery_headers(const model::Hook& hook,
                                                                  const model::HookConfig& config,
                                                                  std::string_view body,
                                                                  std::string_view delivery_id,
                                                                  std::int64_t now_millis);

// The wait before attempt `attempts` + 1 after `attempts` failures (attempts >= 1):
// base × 2^(attempts − 1), at most kMaxHookBackoffMillis, scaled by a jitter factor in
// [0.5, 1.0] taken from `unit` (in [0, 1)), so that deliveries that failed together spread out.
inline constexpr std::int64_t kMaxHookBackoffMillis = 3600 * 1000;
std::int64_t hook_backoff_millis(std::int64_t attempts, std::int64_t base_millis, double unit);

// How many attempts a delivery of `hook` gets in all: 1 + its retries (Logto's default 3).
std::int64_t hook_max_attempts(const model::Hook& hook);

}  // namespace latch::management
