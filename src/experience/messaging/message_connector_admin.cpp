#include "experience/messaging/message_connector_admin.hpp"

#include <algorithm>
#include <charconv>

namespace latch::experience {
namespace {

namespace json = boost::json;
using connectors::ConfigField;

constexpr std::string_view kMask = "********";

json::value default_of(const ConfigField& field) {
  if (field.type == "boolean") return field.default_value == "true";
  if (field.type == "json") return json::object{};
  if (field.type == "number") {
    std::int64_t n = 0;
    const auto& d = field.default_value;
    std::from_chars(d.data(), d.data() + d.size(), n);
    return n;
  }
  return json::string(field.default_value);
}

const ConfigField* field_of(const MessageFactory& factory, std::string_view key) {
  const auto& all = factory.fields;
  auto it = std::find_if(all.begin(), all.end(), [&](const auto& f) { return f.key == key; });
  return it == all.end() ? nullptr : &*it;
}

// Applies the admin's `input` on top of `change.config` (the stored settings, or none): the
// secret field goes to `change.secret`, null resets a field, unknown fields are refused.
Result<void> apply(const MessageFactory& factory, const json::object& input,
                   MessageConnectorChange& change) {
  for (const auto& [key, value] : input) {
    const auto* field = field_of(factory, key);
    if (!field) return make_error(Errc::InvalidRequest, "unknown field " + std::string(key));
    if (key == factory.secret_key) {
      if (value.is_null()) {
        change.secret = "";
      } else if (!value.is_string()) {
        return make_error(Errc::InvalidRequest, field->key + " must be a string");
      } else if (value.as_string() != kMask) {
        change.secret = std::string(value.as_string());
      }
    } else if (value.is_null()) {
      change.config.erase(key);
    } else {
      change.config[key] = value;
    }
  }
  return ok();
}

// Every non-secret field of the factory, checked, defaults filled in; nothing else.
Result<json::object> complete(const MessageFactory& factory, const json::object& config) {
  json::object out;
  for (const auto& field : factory.fields) {
    if (field.key == factory.secret_key) continue;
    const auto* value = config.if_contains(field.key);
    if (!value || value->is_null()) {
      if (field.required) return make_error(Errc::InvalidRequest, field.key + " is required");
      out[field.key] = default_of(field);
      continue;
    }
    if (auto valid = connectors::check_config_field(field, *value); !valid) return valid.error();
    out[field.key] = *value;
  }
  return out;
}

json::object connector_json(const MessageFactory& factory, const StoredMessageConnector& stored) {
  json::object config;
  for (const auto& field : factory.fields) {
    if (field.key == factory.secret_key) {
      config[field.key] = stored.has_secret ? kMask : "";
      continue;
    }
    const auto* value = stored.config.if_contains(field.key);
    config[field.key] = value ? *value : json::value(nullptr);
  }
  // The factory's description, and what this instance adds to it.
  json::object connector = message_factory_json(factory);
  connector["connectorId"] = factory.id;
  connector["syncProfile"] = false;
  connector["config"] = std::move(config);
  connector["metadata"] = json::object{};
  connector["updatedAt"] = stored.updated_at;
  return connector;
}

}  // namespace

json::object message_factory_json(const MessageFactory& factory) {
  return {{"id", factory.id},
          {"type", factory.type},
          {"target", factory.target},
          {"name", {{"en", factory.name}}},
          {"description", {{"en", factory.description}}},
          {"platform", nullptr},
          {"isStandard", false},
          {"readme", factory.description},
          {"formItems", connectors::form_items_json(factory.fields)}};
}

Result<json::object> MessageConnectorAdmin::save(const MessageFactory& factory,
                                                 const json::object& config, bool create) {
  using Mode = MessageConnectorChange::Mode;
  MessageConnectorChange change{
      factory.kind, {}, std::nullopt, create ? Mode::Create : Mode::Update};
  if (!create) {
    auto stored = connectors_.find(factory.kind);
    if (!stored) return stored.error();
    if (!*stored) return keyed_error(Errc::NotFound, "entity.not_found", "no " + factory.id);
    change.config = std::move((*stored)->config);
  }
  if (auto applied = apply(factory, config, change); !applied) return applied.error();
  auto completed = complete(factory, change.config);
  if (!completed) return completed.error();
  change.config = std::move(*completed);
  if (auto saved = connectors_.save(change); !saved) return saved.error();
  return find(factory);
}

Result<json::object> MessageConnectorAdmin::create(const MessageFactory& factory,
                                                   const json::object& config) {
  return save(factory, config, true);
}

Result<json::object> MessageConnectorAdmin::update(const MessageFactory& factory,
                                                   const json::object& config) {
  return save(factory, config, false);
}

Result<json::object> MessageConnectorAdmin::find(const MessageFactory& factory) {
  auto stored = connectors_.find(factory.kind);
  if (!stored) return stored.error();
  if (!*stored) return keyed_error(Errc::NotFound, "entity.not_found", "no " + factory.id);
  return connector_json(factory, **stored);
}

Result<void> MessageConnectorAdmin::remove(const MessageFactory& factory) {
  return connectors_.remove(factory.kind);
}

Result<json::array> MessageConnectorAdmin::list() {
  json::array out;
  for (const auto& factory : message_factories()) {
    auto stored = connectors_.find(factory.kind);
    if (!stored) return stored.error();
    if (*stored) out.push_back(connector_json(factory, **stored));
  }
  return out;
}

}  // namespace latch::experience
