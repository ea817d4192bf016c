#include "management/app_sign_in_experience.hpp"

#include <algorithm>
#include <array>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/url/parse.hpp>

namespace latch::management {
namespace {

namespace json = boost::json;

Error invalid(const std::string& field, const std::string& what) {
  return with_field(make_error(Errc::InvalidRequest, field + " must be " + what), field);
}

Error not_found(const std::string& what) {
  return keyed_error(Errc::NotFound, "entity.not_exists_with_id", what);
}

// An object whose members are among `keys`, each of a type `allowed` accepts.
template <class Allowed>
Result<void> check_object(const json::value& value, const std::string& field,
                          std::initializer_list<std::string_view> keys, Allowed allowed) {
  if (!value.is_object()) return invalid(field, "an object");
  for (const auto& [json_key, member] : value.as_object()) {
    std::string_view key(json_key.data(), json_key.size());
    if (std::find(keys.begin(), keys.end(), key) == keys.end() || !allowed(key, member)) {
      return invalid(field + "." + std::string(key), "one of Logto's members, well typed");
    }
  }
  return ok();
}

bool is_url(const json::value& v) {
  return v.is_string() && v.as_string().size() <= 2048 &&
         boost::urls::parse_absolute_uri(v.as_string()).has_value();
}

// A text member: a string, or null; "" is stored as null.
Result<json::value> text_member(const json::value& v, const std::string& field, bool url) {
  if (v.is_null() || (v.is_string() && v.as_string().empty())) return json::value(nullptr);
  if (!v.is_string()) return invalid(field, "a string or null");
  if (url && !is_url(v)) return invalid(field, "an absolute URL of at most 2048 characters");
  return v;
}

// `body`'s members checked and laid over `document`.
Result<void> apply(const json::object& body, json::object& document) {
  for (const auto& [json_key, value] : body) {
    std::string field(json_key.data(), json_key.size());
    std::string_view key = field;
    if (key == "branding") {
      auto r = check_object(value, field, {"logoUrl", "darkLogoUrl", "favicon", "darkFavicon"},
                            [](std::string_view, const json::value& v) { return is_url(v); });
      if (!r) return r;
    } else if (key == "color") {
      auto r = check_object(value, field, {"primaryColor", "darkPrimaryColor", "isDarkModeEnabled"},
                            [](std::string_view k, const json::value& v) {
                              return k == "isDarkModeEnabled" ? v.is_bool() : v.is_string();
                            });
      if (!r) return r;
    } else if (key == "customCss" || key == "displayName" || key == "termsOfUseUrl" ||
               key == "privacyPolicyUrl") {
      auto text = text_member(value, field, field.ends_with("Url"));
      if (!text) return text.error();
      document[key] = std::move(*text);
      continue;
    } else {
      return invalid(field, "one of Logto's members");
    }
    document[key] = value;
  }
  return ok();
}

json::object fresh_document() {
  return {{"branding", json::object{}}, {"color", json::object{}},     {"customCss", nullptr},
          {"termsOfUseUrl", nullptr},   {"privacyPolicyUrl", nullptr}, {"displayName", nullptr}};
}

json::object shown(const std::string& app_id, json::object document) {
  document["tenantId"] = "default";
  document["applicationId"] = app_id;
  return document;
}

Result<void> require_app(storage::Tx& tx, const std::string& app_id) {
  auto app = tx.applications().find(app_id);
  if (!app) return app.error();
  if (!*app) return not_found("no application " + app_id);
  return ok();
}

}  // namespace

Result<AppSignInExperienceService::Saved> AppSignInExperienceService::put(
    const std::string& app_id, const json::object& body) {
  Saved saved;
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    if (auto r = require_app(tx, app_id); !r) return r;
    auto stored = tx.app_sign_in_experiences().find(app_id);
    if (!stored) return stored.error();
    json::object document = fresh_document();
    if (*stored) {
      boost::system::error_code ec;
      auto parsed = json::parse(**stored, ec);
      if (!ec && parsed.is_object()) document = std::move(parsed.as_object());
    }
    if (auto r = apply(body, document); !r) return r;
    auto put = tx.app_sign_in_experiences().put(app_id, json::serialize(document));
    if (!put) return put.error();
    saved.created = *put;
    saved.document = shown(app_id, std::move(document));
    return ok();
  });
  if (!done) return done.error();
  return saved;
}

Result<json::object> AppSignInExperienceService::get(const std::string& app_id) {
  json::object out;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    if (auto r = require_app(tx, app_id); !r) return r;
    auto stored = tx.app_sign_in_experiences().find(app_id);
    if (!stored) return stored.error();
    if (!*stored) return not_found("no sign-in experience for application " + app_id);
    boost::system::error_code ec;
    auto parsed = json::parse(**stored, ec);
    out =
        shown(app_id, !ec && parsed.is_object() ? std::move(parsed.as_object()) : fresh_document());
    return ok();
  });
  if (!done) return done.error();
  return out;
}

}  // namespace latch::management
