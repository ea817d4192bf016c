#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "model/webhook.hpp"
#include "storage/store.hpp"

// Webhooks as the management API and the console manage them (Logto's /api/hooks).
namespace latch::management {

// A hook's fields as a request gives them: an absent member keeps (update) or defaults (create)
// the field; `event` holding nullopt clears the legacy event.
struct HookInput {
  std::optional<std::string> name;
  std::optional<std::optional<std::string>> event;
  std::optional<std::vector<std::string>> events;
  std::optional<model::HookConfig> config;
  std::optional<bool> enabled;
};

struct HookPage {
  std::vector<model::Hook> hooks;
  std::int64_t total = 0;
};

// Recent-logs filter (Logto's GET /hooks/:id/recent-logs).
struct HookLogQuery {
  std::string key;                   // "" = any TriggerHook.* key
  std::optional<std::int64_t> from;  // ms; with neither bound: the last 24 hours
  std::optional<std::int64_t> to;    // ms
  storage::Page page;
};

struct HookLogPage {
  std::vector<storage::AuditLog> logs;
  std::int64_t total = 0;
};

// Blocks on the database: call from the database pool. Thread-safe.
class WebhookService {
 public:
  WebhookService(storage::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // A new hook with a fresh id and signing key, enabled unless `input` says otherwise.
  // InvalidRequest "hook.missing_events" when neither events nor event is given; InvalidRequest
  // naming the field (config, config.url, config.retries, events, event, name) for a bad value.
  [[nodiscard]] Result<model::Hook> create(const HookInput& input);
  // Applies `input`; `config`, when given, replaces the whole configuration. Errors as create's
  // (but events, when given, must not be empty), NotFound "entity.not_found".
  [[nodiscard]] Result<model::Hook> update(const std::string& id, const HookInput& input);
  // A new signing key. NotFound.
  [[nodiscard]] Result<model::Hook> rotate_signing_key(const std::string& id);
  [[nodiscard]] Result<void> remove(const std::string& id);
  [[nodiscard]] Result<model::Hook> get(const std::string& id);
  // Every hook when `page` is nullopt (total then counts them).
  [[nodiscard]] Result<HookPage> list(std::optional<storage::Page> page);
  // Deliveries tried and succeeded in the last 24 hours (Logto's executionStats).
  [[nodiscard]] Result<storage::HookExecutionStats> stats(const std::string& id);
  // The hook's delivery log, newest first. InvalidRequest "log.invalid_time_window" when
  // from > to.
  [[nodiscard]] Result<HookLogPage> recent_logs(const std::string& id, const HookLogQuery& query);

 private:
  storage::Store& store_;
  const Clock& clock_;
};

// InvalidRequest naming the field unless `config` is usable: url is an absolute http(s) URL
// with a host, at most 2048 characters; header names are tokens (RFC 9110 §5.1) and values
// hold no line breaks; retries is 0 to 3.
[[nodiscard]] Result<void> validate_hook_config(const model::HookConfig& config);
// InvalidRequest naming `field` unless every event is one of model::hook_events(). Duplicates
// are dropped (Logto deduplicates).
[[nodiscard]] Result<std::vector<std::string>> validate_hook_events(
    const std::vector<std::string>& events, std::string_view field);

// Logto's hook shape: id, name, event, events, config {url, headers?, retries?}, signingKey,
// enabled, createdAt.
boost::json::object to_json(const model::Hook& hook);

}  // namespace latch::management
