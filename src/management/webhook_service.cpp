#include "management/webhook_service.hpp"

#include <algorithm>
#include <boost/url/parse.hpp>

#include "crypto/random.hpp"

namespace latch::management {
namespace {

namespace json = boost::json;

constexpr std::int64_t kDay = 24 * 3600 * 1000;

Error bad_field(std::string field, std::string description) {
  return with_field(make_error(Errc::InvalidRequest, std::move(description)), std::move(field));
}

Error hook_not_found(const std::string& id) {
  return keyed_error(Errc::NotFound, "entity.not_found", "no hook " + id);
}

bool is_token_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

Result<void> validate_url(const std::string& url) {
  auto bad = [] { return bad_field("config.url", "url must be an http or https URL"); };
  if (url.empty() || url.size() > 2048) return bad();
  auto parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed) return bad();
  if (parsed->scheme() != "http" && parsed->scheme() != "https") return bad();
  if (!parsed->has_authority() || parsed->encoded_host().empty() || parsed->has_userinfo()) {
    return bad();
  }
  return ok();
}

// Applies the members `input` gives to `hook`, checking each.
Result<void> apply(model::Hook& hook, const HookInput& input) {
  if (input.name) {
    if (input.name->size() > 256) return bad_field("name", "name must be at most 256 characters");
    hook.name = *input.name;
  }
  if (input.event) {
    if (*input.event) {
      auto one = validate_hook_events({**input.event}, "event");
      if (!one) return one.error();
    }
    hook.event = *input.event;
  }
  if (input.events) {
    if (input.events->empty()) {
      return with_field(keyed_error(Errc::InvalidRequest, "hook.missing_events"), "events");
    }
    auto events = validate_hook_events(*input.events, "events");
    if (!events) return events.error();
    hook.events = std::move(*events);
  }
  if (input.config) {
    if (auto valid = validate_hook_config(*input.config); !valid) return valid;
    hook.config = *input.config;
  }
  if (input.enabled) hook.enabled = *input.enabled;
  return ok();
}

// Loads hook `id`, applies `edit` and stores it, in one transaction.
template <class Edit>
Result<model::Hook> change(storage::Store& store, const std::string& id, Edit edit) {
  model::Hook out;
  auto done = store.transact([&](storage::Tx& tx) -> Result<void> {
    auto found = tx.hooks().find(id);
    if (!found) return found.error();
    if (!*found) return hook_not_found(id);
    out = std::move(**found);
    if (auto edited = edit(out); !edited) return edited;
    return tx.hooks().update(out);
  });
  if (!done) return done.error();
  return out;
}

}  // namespace

Result<void> validate_hook_config(const model::HookConfig& config) {
  if (auto url = validate_url(config.url); !url) return url;
  for (const auto& [name, value] : config.headers) {
    if (name.empty() || !std::all_of(name.begin(), name.end(), is_token_char)) {
      return bad_field("config.headers", "a header name must be a token: " + name);
    }
    if (value.find_first_of("\r\n") != std::string::npos || value.find('\0') != std::string::npos) {
      return bad_field("config.headers", "a header value must be one line: " + name);
    }
  }
  if (config.retries && (*config.retries < 0 || *config.retries > model::kMaxHookRetries)) {
    return bad_field("config.retries", "retries must be 0 to 3");
  }
  return ok();
}

Result<std::vector<std::string>> validate_hook_events(const std::vector<std::string>& events,
                                                      std::string_view field) {
  std::vector<std::string> out;
  for (const auto& event : events) {
    if (!model::hook_event_kind(event)) {
      return bad_field(std::string(field), "unknown hook event: " + event);
    }
    if (std::find(out.begin(), out.end(), event) == out.end()) out.push_back(event);
  }
  return out;
}

Result<model::Hook> WebhookService::create(const HookInput& input) {
  if ((!input.events || input.events->empty()) && !(input.event && *input.event)) {
    return with_field(keyed_error(Errc::InvalidRequest, "hook.missing_events"), "events");
  }
  if (!input.config) return bad_field("config", "config is required");
  model::Hook hook;
  hook.id = crypto::random_id(21);
  hook.signing_key = crypto::random_alnum(32);
  hook.created_at = clock_.now_millis();
  if (auto applied = apply(hook, input); !applied) return applied.error();
  auto done = store_.transact([&](storage::Tx& tx) { return tx.hooks().insert(hook); });
  if (!done) return done.error();
  return hook;
}

Result<model::Hook> WebhookService::update(const std::string& id, const HookInput& input) {
  return change(store_, id, [&](model::Hook& hook) { return apply(hook, input); });
}

Result<model::Hook> WebhookService::rotate_signing_key(const std::string& id) {
  return change(store_, id, [](model::Hook& hook) -> Result<void> {
    hook.signing_key = crypto::random_alnum(32);
    return ok();
  });
}

Result<void> WebhookService::remove(const std::string& id) {
  return store_.transact([&](storage::Tx& tx) { return tx.hooks().remove(id); });
}

Result<model::Hook> WebhookService::get(const std::string& id) {
  std::optional<model::Hook> found;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto hook = tx.hooks().find(id);
    if (!hook) return hook.error();
    found = std::move(*hook);
    return ok();
  });
  if (!done) return done.error();
  if (!found) return hook_not_found(id);
  return std::move(*found);
}

Result<HookPage> WebhookService::list(std::optional<storage::Page> page) {
  HookPage out;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto hooks = tx.hooks().list(page);
    if (!hooks) return hooks.error();
    auto total = tx.hooks().count();
    if (!total) return total.error();
    out = {std::move(*hooks), *total};
    return ok();
  });
  if (!done) return done.error();
  return out;
}

Result<storage::HookExecutionStats> WebhookService::stats(const std::string& id) {
  storage::HookExecutionStats out;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto stats = tx.hooks().execution_stats(id, clock_.now_millis() - kDay);
    if (!stats) return stats.error();
    out = *stats;
    return ok();
  });
  if (!done) return done.error();
  return out;
}

Result<HookLogPage> WebhookService::recent_logs(const std::string& id, const HookLogQuery& query) {
  if (query.from && query.to && *query.from > *query.to) {
    return keyed_error(Errc::InvalidRequest, "log.invalid_time_window");
  }
  storage::HookLogFilter filter{
      .hook_id = id, .key = query.key, .from = query.from, .to = query.to};
  // Logto: without a window, the last 24 hours.
  if (!query.from && !query.to) filter.from = clock_.now_millis() - kDay;
  HookLogPage out;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto logs = tx.hook_deliveries().logs(filter, query.page);
    if (!logs) return logs.error();
    auto total = tx.hook_deliveries().count_logs(filter);
    if (!total) return total.error();
    out = {std::move(*logs), *total};
    return ok();
  });
  if (!done) return done.error();
  return out;
}

json::object to_json(const model::Hook& hook) {
  json::object config{{"url", hook.config.url}};
  if (!hook.config.headers.empty()) {
    json::object headers;
    for (const auto& [name, value] : hook.config.headers) headers[name] = value;
    config["headers"] = std::move(headers);
  }
  if (hook.config.retries) config["retries"] = *hook.config.retries;
  json::array events;
  for (const auto& event : hook.events) events.emplace_back(event);
  return {{"id", hook.id},
          {"name", hook.name},
          {"event", hook.event ? json::value(*hook.event) : json::value(nullptr)},
          {"events", std::move(events)},
          {"config", std::move(config)},
          {"signingKey", hook.signing_key},
          {"enabled", hook.enabled},
          {"createdAt", hook.created_at}};
}

}  // namespace latch::management
