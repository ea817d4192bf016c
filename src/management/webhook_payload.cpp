#include "management/webhook_payload.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cctype>
#include <ctime>

#include "crypto/encoding.hpp"
#include "crypto/hash.hpp"

namespace latch::management {
namespace {

namespace json = boost::json;

constexpr std::string_view kUserAgent = "Latch (Logto-compatible webhooks)";

bool same_name(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

void put_if(json::object& out, std::string_view key, const std::string& value) {
  if (!value.empty()) out[key] = value;
}

}  // namespace

std::string iso_time(std::int64_t millis) {
  std::time_t seconds = static_cast<std::time_t>(millis / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::size_t n = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
  char fraction[8];
  std::snprintf(fraction, sizeof fraction, ".%03dZ", static_cast<int>(millis % 1000));
  return std::string(text, n) + fraction;
}

json::object data_hook_payload(std::string_view event, const HookOrigin* origin, json::value data,
                               std::int64_t now_millis) {
  json::object out{{"event", event}, {"createdAt", iso_time(now_millis)}};
  if (origin) {
    put_if(out, "userAgent", origin->user_agent);
    put_if(out, "ip", origin->ip);
    put_if(out, "path", origin->path);
    put_if(out, "method", origin->method);
    if (origin->status != 0) out["status"] = origin->status;
    if (!origin->matched_route.empty()) {
      json::object params;
      for (const auto& [name, value] : origin->params) params[name] = value;
      out["params"] = std::move(params);
      out["matchedRoute"] = origin->matched_route;
    }
  }
  out["data"] = std::move(data);
  return out;
}

json::object interaction_hook_payload(std::string_view event, const InteractionHookFacts& facts,
                                      std::int64_t now_millis) {
  json::object out{{"event", event},
                   {"interactionEvent", facts.interaction_event},
                   {"createdAt", iso_time(now_millis)}};
  put_if(out, "sessionId", facts.session_id);
  put_if(out, "userAgent", facts.user_agent);
  put_if(out, "userId", facts.user_id);
  put_if(out, "userIp", facts.user_ip);
  if (!facts.user.empty()) out["user"] = facts.user;
  if (!facts.application.empty()) out["application"] = facts.application;
  return out;
}

json::object hook_user(const json::object& user) {
  json::object out;
  for (std::string_view key :
       {"id", "username", "primaryEmail", "primaryPhone", "name", "avatar", "customData",
        "identities", "lastSignInAt", "createdAt", "updatedAt", "profile", "isSuspended"}) {
    if (const auto* value = user.if_contains(key)) out[key] = *value;
  }
  return out;
}

json::object test_payload(std::string_view hook_id, std::string_view event,
                          std::int64_t now_millis) {
  json::object out{{"event", event},
                   {"hookId", hook_id},
                   {"createdAt", iso_time(now_millis)},
                   {"userAgent", "fake-user-agent"}};
  if (model::hook_event_kind(event) == model::HookEventKind::Interaction) {
    out["sessionId"] = "fake-session-id";
    out["userIp"] = "fake-user-ip";
    out["userId"] = "fake-id";
    out["user"] = {{"id", "fake-id"},
                   {"username", "fake-user"},
                   {"primaryEmail", "fake-user@fake-service.com"},
                   {"primaryPhone", "1234567890"},
                   {"name", "Fake User"},
                   {"avatar", "https://fake-service.com/avatars/fake-user.png"},
                   {"customData", {{"theme", "light"}}},
                   {"identities", {{"google", {{"userId", "fake-google-user-id"}}}}},
                   {"profile", json::object{}},
                   {"isSuspended", false},
                   {"lastSignInAt", now_millis},
                   {"createdAt", now_millis},
                   {"updatedAt", now_millis}};
    out["application"] = {{"id", "fake-spa-application-id"},
                          {"type", "SPA"},
                          {"name", "Fake Application"},
                          {"description", "Fake application data for testing"}};
    return out;
  }
  out["path"] = "/fake-path/:id";
  out["method"] = "POST";
  out["status"] = 200;
  out["params"] = {{"id", "fake-id"}};
  out["data"] = {{"result", "success"}};
  return out;
}

std::string delivery_body(std::string_view payload_json, std::string_view hook_id) {
  boost::system::error_code ec;
  auto value = json::parse(payload_json, ec);
  if (ec || !value.is_object()) return "";
  value.as_object()["hookId"] = hook_id;
  return json::serialize(value);
}

std::string sign_body(std::string_view signing_key, std::string_view body) {
  return crypto::hex_encode(crypto::hmac_sha256(signing_key, body));
}

std::vector<std::pair<std::string, std::string>> delivery_headers(const model::Hook& hook,
                                                                  const model::HookConfig& config,
                                                                  std::string_view body,
                                                                  std::string_view delivery_id,
                                                                  std::int64_t now_millis) {
  std::vector<std::pair<std::string, std::string>> out{{"user-agent", std::string(kUserAgent)},
                                                       {"content-type", "application/json"}};
  for (const auto& [name, value] : config.headers) {
    auto same = [&](const auto& h) { return same_name(h.first, name); };
    out.erase(std::remove_if(out.begin(), out.end(), same), out.end());
    out.emplace_back(name, value);
  }
  std::vector<std::pair<std::string, std::string>> ours;
  if (!hook.signing_key.empty()) {
    ours.emplace_back("logto-signature-sha-256", sign_body(hook.signing_key, body));
  }
  ours.emplace_back("latch-delivery-id", std::string(delivery_id));
  ours.emplace_back("latch-timestamp", std::to_string(now_millis));
  for (const auto& [name, value] : ours) {
    auto same = [&](const auto& h) { return same_name(h.first, name); };
    out.erase(std::remove_if(out.begin(), out.end(), same), out.end());
    out.emplace_back(name, value);
  }
  return out;
}

std::int64_t hook_backoff_millis(std::int64_t attempts, std::int64_t base_millis, double unit) {
  std::int64_t shift = std::clamp<std::int64_t>(attempts - 1, 0, 30);
  std::int64_t delay = base_millis;
  for (std::int64_t i = 0; i < shift && delay < kMaxHookBackoffMillis; ++i) delay *= 2;
  delay = std::min(delay, kMaxHookBackoffMillis);
  double factor = 0.5 + 0.5 * std::clamp(unit, 0.0, 1.0);
  return static_cast<std::int64_t>(static_cast<double>(delay) * factor);
}

std::int64_t hook_max_attempts(const model::Hook& hook) {
  int retries = hook.config.retries.value_or(model::kDefaultHookRetries);
  return 1 + std::clamp(retries, 0, model::kMaxHookRetries);
}

}  // namespace latch::management
