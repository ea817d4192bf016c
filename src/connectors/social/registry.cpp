#include <algorithm>
#include <boost/url/parse.hpp>

#include "connectors/social/factories.hpp"

namespace latch::connectors {
namespace {

namespace json = boost::json;

Error bad_field(const ConfigField& field, std::string_view why) {
  return make_error(Errc::InvalidRequest, field.key + " " + std::string(why));
}

}  // namespace

bool is_http_url(std::string_view text) {
  auto url = boost::urls::parse_absolute_uri(text);
  return url && (url->scheme() == "https" || url->scheme() == "http") && !url->host().empty();
}

json::array form_items_json(const std::vector<ConfigField>& fields) {
  json::array items;
  for (const auto& field : fields) {
    json::object item{{"key", field.key},         {"label", field.label},
                      {"type", field.type},       {"required", field.required},
                      {"isSecret", field.secret}, {"description", field.description}};
    if (!field.default_value.empty()) item["defaultValue"] = field.default_value;
    if (!field.choices.empty()) {
      json::array choices;
      for (const auto& c : field.choices) choices.emplace_back(c);
      item["selectItems"] = std::move(choices);
    }
    items.push_back(std::move(item));
  }
  return items;
}

Result<void> check_config_field(const ConfigField& field, const json::value& value) {
  if (field.type == "number") {
    return value.is_int64() ? ok() : Result<void>(bad_field(field, "must be an integer"));
  }
  if (field.type == "boolean") {
    return value.is_bool() ? ok() : Result<void>(bad_field(field, "must be true or false"));
  }
  if (field.type == "json") {
    return value.is_object() ? ok() : Result<void>(bad_field(field, "must be a JSON object"));
  }
  if (!value.is_string()) return bad_field(field, "must be a string");
  std::string_view text = value.as_string();
  if (field.required && text.empty()) return bad_field(field, "is required");
  if (text.size() > 4096) return bad_field(field, "is too long");
  if (field.type == "url" && !text.empty() && !is_http_url(text)) {
    return bad_field(field, "must be an http(s) URL");
  }
  if (field.type == "select" && !text.empty() &&
      std::find(field.choices.begin(), field.choices.end(), text) == field.choices.end()) {
    std::string list;
    for (const auto& c : field.choices) list += (list.empty() ? "" : ", ") + c;
    return bad_field(field, "must be one of: " + list);
  }
  return ok();
}

Result<json::object> ConnectorFactory::validate(const json::object& config) const {
  const auto& all = fields();
  for (const auto& [key, value] : config) {
    auto known = std::find_if(all.begin(), all.end(), [&](const auto& f) { return f.key == key; });
    if (known == all.end()) {
      return make_error(Errc::InvalidRequest, "unknown field " + std::string(key));
    }
  }
  json::object out;
  for (const auto& field : all) {
    const auto* value = config.if_contains(field.key);
    if (!value || value->is_null() ||
        (value->is_string() && value->as_string().empty() && !field.default_value.empty())) {
      if (field.required) return bad_field(field, "is required");
      if (field.type == "boolean") {
        out[field.key] = field.default_value == "true";
      } else if (field.type == "json") {
        out[field.key] = json::object{};
      } else {
        out[field.key] = field.default_value;
      }
      continue;
    }
    if (auto valid = check_config_field(field, *value); !valid) return valid.error();
    out[field.key] = *value;
  }
  return out;
}

const std::vector<const ConnectorFactory*>& social_factories() {
  static const std::vector<const ConnectorFactory*> all{&github_factory(), &google_factory(),
                                                        &microsoft_factory(), &oidc_factory(),
                                                        &oauth2_factory()};
  return all;
}

const ConnectorFactory* find_factory(std::string_view id) {
  for (const auto* f : social_factories()) {
    if (f->metadata().factory_id == id) return f;
  }
  for (const auto* f : social_factories()) {
    if (!f->metadata().is_standard && f->metadata().target == id) return f;
  }
  return nullptr;
}

}  // namespace latch::connectors
