#include "management/account_center.hpp"

#include <algorithm>
#include <array>
#include <boost/json/serialize.hpp>

#include "core/json.hpp"

namespace latch::management {
namespace {

namespace json = boost::json;

constexpr std::array kFieldNames{
    std::pair{AccountField::Name, std::string_view("name")},
    std::pair{AccountField::Avatar, std::string_view("avatar")},
    std::pair{AccountField::Profile, std::string_view("profile")},
    std::pair{AccountField::Email, std::string_view("email")},
    std::pair{AccountField::Phone, std::string_view("phone")},
    std::pair{AccountField::Password, std::string_view("password")},
    std::pair{AccountField::Username, std::string_view("username")},
    std::pair{AccountField::Social, std::string_view("social")},
    std::pair{AccountField::CustomData, std::string_view("customData")},
    std::pair{AccountField::Mfa, std::string_view("mfa")},
    std::pair{AccountField::Passkey, std::string_view("passkey")},
    std::pair{AccountField::Session, std::string_view("session")},
    std::pair{AccountField::TrustedDevice, std::string_view("trustedDevice")},
};

constexpr std::array kControlNames{std::string_view("Off"), std::string_view("ReadOnly"),
                                   std::string_view("Edit")};

std::optional<AccountField> parse_field(std::string_view name) {
  for (auto [field, text] : kFieldNames) {
    if (text == name) return field;
  }
  return std::nullopt;
}

std::optional<FieldControl> parse_control(std::string_view name) {
  for (std::size_t i = 0; i < kControlNames.size(); ++i) {
    if (kControlNames[i] == name) return static_cast<FieldControl>(i);
  }
  return std::nullopt;
}

Error bad(std::string member, std::string what) {
  return with_field(make_error(Errc::InvalidRequest, member + " " + what), member);
}

Result<std::map<AccountField, FieldControl>> parse_fields(const json::value& value) {
  if (!value.is_object()) return bad("fields", "must be an object");
  std::map<AccountField, FieldControl> out;
  for (const auto& [name, control] : value.as_object()) {
    auto field = parse_field(name);
    if (!field) return bad("fields." + std::string(name), "is not an account center field");
    auto parsed = control.is_string() ? parse_control(control.as_string()) : std::nullopt;
    if (!parsed) return bad("fields." + std::string(name), "must be Off, ReadOnly or Edit");
    out[*field] = *parsed;
  }
  return out;
}

Result<std::vector<std::string>> parse_origins(const json::value& value) {
  if (!value.is_array()) return bad("webauthnRelatedOrigins", "must be an array of strings");
  std::vector<std::string> out;
  for (const auto& item : value.as_array()) {
    if (!item.is_string()) return bad("webauthnRelatedOrigins", "must be an array of strings");
    std::string origin(item.as_string());
    if (std::find(out.begin(), out.end(), origin) == out.end()) out.push_back(origin);
  }
  return out;
}

bool is_http_url(std::string_view url) {
  bool scheme = url.starts_with("https://") || url.starts_with("http://");
  return scheme && url.size() <= 2048 && url.find_first_of(" \t\r\n<>\"") == std::string::npos &&
         url.find("://") + 3 < url.size();
}

// A nullable string member: absent → unchanged, null (or "" for the URL) → cleared.
Result<void> apply_nullable(const json::object& patch, std::string_view key,
                            std::optional<std::string>& slot) {
  const auto* v = patch.if_contains(key);
  if (!v) return ok();
  if (v->is_null()) {
    slot.reset();
    return ok();
  }
  if (!v->is_string()) return bad(std::string(key), "must be a string or null");
  slot = std::string(v->as_string());
  if (slot->empty()) slot.reset();
  return ok();
}

Result<void> apply_member(AccountCenter& center, std::string_view key, const json::value& value,
                          const json::object& patch) {
  if (key == "enabled") {
    if (!value.is_bool()) return bad("enabled", "must be true or false");
    center.enabled = value.as_bool();
  } else if (key == "fields") {
    auto fields = parse_fields(value);
    if (!fields) return fields.error();
    center.fields = std::move(*fields);
  } else if (key == "webauthnRelatedOrigins") {
    auto origins = parse_origins(value);
    if (!origins) return origins.error();
    center.webauthn_related_origins = std::move(*origins);
  } else if (key == "deleteAccountUrl") {
    if (auto set = apply_nullable(patch, key, center.delete_account_url); !set) return set;
    if (center.delete_account_url && !is_http_url(*center.delete_account_url)) {
      return bad("deleteAccountUrl", "must be a valid http(s) URL");
    }
  } else if (key == "customCss") {
    return apply_nullable(patch, key, center.custom_css);
  } else if (key != "profileFields") {  // Latch has no custom profile fields: accepted, unused
    return bad(std::string(key), "is not an account center setting");
  }
  return ok();
}

}  // namespace

std::string_view account_field_name(AccountField field) {
  for (auto [f, text] : kFieldNames) {
    if (f == field) return text;
  }
  return "";
}

FieldControl AccountCenter::control(AccountField field) const {
  auto it = fields.find(field);
  return it == fields.end() ? FieldControl::Off : it->second;
}

FieldControl AccountCenter::passkey_control() const {
  auto it = fields.find(AccountField::Passkey);
  return it == fields.end() ? control(AccountField::Mfa) : it->second;
}

AccountCenter default_account_center() {
  AccountCenter center;
  for (auto field :
       {AccountField::Name, AccountField::Avatar, AccountField::Profile, AccountField::Email,
        AccountField::Phone, AccountField::Password, AccountField::Username, AccountField::Social,
        AccountField::Mfa, AccountField::Session}) {
    center.fields[field] = FieldControl::Edit;
  }
  center.fields[AccountField::CustomData] = FieldControl::ReadOnly;
  return center;
}

json::object account_center_json(const AccountCenter& center) {
  json::object fields;
  for (const auto& [field, control] : center.fields) {
    fields[account_field_name(field)] = kControlNames[static_cast<std::size_t>(control)];
  }
  json::array origins;
  for (const auto& o : center.webauthn_related_origins) origins.emplace_back(o);
  auto nullable = [](const std::optional<std::string>& v) -> json::value {
    return v ? json::value(*v) : json::value(nullptr);
  };
  return {{"tenantId", "default"},
          {"id", "default"},
          {"enabled", center.enabled},
          {"fields", std::move(fields)},
          {"webauthnRelatedOrigins", std::move(origins)},
          {"deleteAccountUrl", nullable(center.delete_account_url)},
          {"customCss", nullable(center.custom_css)},
          {"profileFields", nullptr}};
}

Result<AccountCenter> apply_account_center_patch(AccountCenter center, const json::object& patch) {
  for (const auto& [key, value] : patch) {
    if (auto applied = apply_member(center, key, value, patch); !applied) return applied.error();
  }
  return center;
}

Result<AccountCenter> load_account_center(storage::Tx& tx) {
  auto stored = tx.account_center().find();
  if (!stored) return stored.error();
  if (!*stored) return default_account_center();
  auto parsed = parse_json(**stored);
  if (!parsed || !parsed->is_object()) return default_account_center();
  AccountCenter base;  // the stored document says everything it sets
  base.fields.clear();
  auto center = apply_account_center_patch(base, parsed->as_object());
  return center ? std::move(*center) : default_account_center();
}

Result<AccountCenter> update_account_center(storage::Store& store, const json::object& patch,
                                            const Clock& clock) {
  AccountCenter out;
  auto done = store.transact([&](storage::Tx& tx) -> Result<void> {
    auto current = load_account_center(tx);
    if (!current) return current.error();
    auto changed = apply_account_center_patch(std::move(*current), patch);
    if (!changed) return changed.error();
    json::object stored = account_center_json(*changed);
    stored.erase("tenantId");
    stored.erase("id");
    stored.erase("profileFields");
    out = std::move(*changed);
    return tx.account_center().put(json::serialize(stored), clock.now_millis());
  });
  if (!done) return done.error();
  return out;
}

}  // namespace latch::management
