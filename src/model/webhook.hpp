#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// Webhooks (Logto's hooks): an HTTPS endpoint that is POSTed a signed JSON payload when one of
// the events it subscribes to happens. docs/webhooks.md is the operator's side.
namespace latch::model {

// Where and how a hook is delivered (Logto's HookConfig).
struct HookConfig {
  std::string url;                                           // http:// or https://
  std::vector<std::pair<std::string, std::string>> headers;  // sent with every delivery
  // Logto's deprecated `retries` (0 to 3): the retries after a failed first attempt. Absent
  // means kDefaultHookRetries, as in Logto.
  std::optional<int> retries;
};

inline constexpr int kDefaultHookRetries = 3;
inline constexpr int kMaxHookRetries = 3;

// One webhook. Thread-compatible plain data.
struct Hook {
  std::string id;  // 21 chars of [0-9a-z]
  std::string name;
  std::optional<std::string> event;  // Logto's legacy single event, used when `events` is empty
  std::vector<std::string> events;   // the events it is sent, each one of hook_events()
  HookConfig config;
  std::string signing_key;  // the HMAC-SHA256 key of logto-signature-sha-256
  bool enabled = true;
  std::int64_t created_at = 0;  // epoch milliseconds

  // True when the hook is enabled and subscribes to `name` (through `events`, or `event` when
  // `events` is empty, as Logto reads it).
  bool wants(std::string_view name) const;
};

// How Logto groups its events: interaction hooks carry the sign-in (userIp, sessionId, user,
// application), data hooks the change (data, path, method, status, params), exception hooks a
// refusal.
enum class HookEventKind { Interaction, Data, Exception };

// Every event a hook may subscribe to, in Logto's order (packages/schemas hookEvents, without
// the dev-feature TrustedDevice events).
std::span<const std::string_view> hook_events();

// The kind of a known event; nullopt for a name outside hook_events().
std::optional<HookEventKind> hook_event_kind(std::string_view name);

}  // namespace latch::model
