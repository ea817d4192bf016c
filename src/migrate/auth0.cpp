#include "migrate/auth0.hpp"

#include <map>
#include <string>

#include "core/json.hpp"

namespace latch::migrate {
namespace {

namespace json = boost::json;

// Each non-blank line of `ndjson` as an object; InvalidRequest "<file> line N: ..." otherwise.
Result<std::vector<json::object>> lines_of(std::string_view ndjson, std::string_view file) {
  std::vector<json::object> out;
  std::size_t number = 0;
  while (!ndjson.empty()) {
    auto end = ndjson.find('\n');
    std::string_view line = ndjson.substr(0, end);
    ndjson = end == std::string_view::npos ? std::string_view() : ndjson.substr(end + 1);
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    auto value = parse_json(line);
    if (!value || !value->is_object()) {
      return make_error(Errc::InvalidRequest, std::string(file) + " line " +
                                                  std::to_string(number) + ": not a JSON object");
    }
    out.push_back(std::move(value->as_object()));
  }
  return out;
}

std::optional<std::string> text_of(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v || !v->is_string() || v->as_string().empty()) return std::nullopt;
  return std::string(v->as_string());
}

// An identity's user id: a string, or a number (some social providers' ids are numbers).
std::string id_text(const json::value* v) {
  if (!v) return "";
  if (v->is_string()) return std::string(v->as_string());
  if (v->is_int64()) return std::to_string(v->as_int64());
  if (v->is_uint64()) return std::to_string(v->as_uint64());
  return "";
}

// Logto's connector targets for Auth0's social connection names; others keep Auth0's name.
std::string target_of(std::string_view provider) {
  static const std::map<std::string_view, std::string_view> kTargets{
      {"google-oauth2", "google"}, {"windowslive", "microsoft"}, {"linkedin", "linkedin"},
      {"github", "github"},        {"facebook", "facebook"},     {"apple", "apple"},
      {"twitter", "twitter"},      {"discord", "discord"}};
  auto it = kTargets.find(provider);
  return std::string(it == kTargets.end() ? provider : it->second);
}

Result<ImportedUser> user_of(const json::object& o, std::size_t line, ImportPlan& plan) {
  ImportedUser user;
  user.source_id = json_text(o, "user_id");
  if (user.source_id.empty()) {
    return make_error(Errc::InvalidRequest, "users line " + std::to_string(line) + ": no user_id");
  }
  user.id = derived_id("auth0", user.source_id, 12);
  user.username = text_of(o, "username");
  user.email = text_of(o, "email");
  user.phone = text_of(o, "phone_number");
  user.name = text_of(o, "name");
  user.avatar = text_of(o, "picture");
  for (auto [from, to] :
       {std::pair{"given_name", "givenName"}, std::pair{"family_name", "familyName"},
        std::pair{"nickname", "nickname"}}) {
    if (auto v = text_of(o, from)) user.profile[to] = *v;
  }
  for (auto [from, to] :
       {std::pair{"user_metadata", "userMetadata"}, std::pair{"app_metadata", "appMetadata"}}) {
    const auto* v = o.if_contains(from);
    if (v && v->is_object() && !v->as_object().empty()) user.custom_data[to] = *v;
  }
  const auto* blocked = o.if_contains("blocked");
  user.suspended = blocked && blocked->is_bool() && blocked->as_bool();
  if (auto created = text_of(o, "created_at")) user.created_at = iso_millis(*created).value_or(0);
  const auto* identities = o.if_contains("identities");
  if (identities && identities->is_array()) {
    for (const auto& item : identities->as_array()) {
      if (!item.is_object()) continue;
      const auto& identity = item.as_object();
      std::string provider = json_text(identity, "provider");
      const auto* social = identity.if_contains("isSocial");
      if (social && social->is_bool() && social->as_bool()) {
        const auto* details = identity.if_contains("profileData");
        user.identities[target_of(provider)] =
            json::object{{"userId", id_text(identity.if_contains("user_id"))},
                         {"details", details && details->is_object() ? *details : json::object{}}};
      } else if (provider != "auth0" && !provider.empty()) {
        plan.not_imported.push_back("user " + user.source_id + ": the " + provider +
                                    " identity (connection " + json_text(identity, "connection") +
                                    ") is not a social one Latch can link");
      }
    }
  }
  return user;
}

// auth0|<alt_id, else _id.$oid> of a password hashes export line.
std::string hash_user_id(const json::object& o) {
  if (auto alt = text_of(o, "alt_id")) return "auth0|" + *alt;
  const auto* id = o.if_contains("_id");
  if (id && id->is_object()) return "auth0|" + json_text(id->as_object(), "$oid");
  return "";
}

}  // namespace

Result<ImportPlan> read_auth0(std::string_view users, std::string_view hashes) {
  ImportPlan plan;
  auto user_lines = lines_of(users, "users");
  if (!user_lines) return user_lines.error();
  auto hash_lines = lines_of(hashes, "password hashes");
  if (!hash_lines) return hash_lines.error();
  std::map<std::string, std::size_t> by_id, by_email;
  for (std::size_t i = 0; i < user_lines->size(); ++i) {
    auto user = user_of((*user_lines)[i], i + 1, plan);
    if (!user) return user.error();
    by_id[user->source_id] = plan.users.size();
    if (user->email) by_email[*user->email] = plan.users.size();
    plan.users.push_back(std::move(*user));
  }
  for (const auto& o : *hash_lines) {
    std::string id = hash_user_id(o);
    auto email = text_of(o, "email");
    std::string hash = json_text(o, "passwordHash");
    if (!hash.starts_with("$2")) {
      plan.not_imported.push_back("password of " + id + " (" + email.value_or("no email") +
                                  "): not a bcrypt hash");
      continue;
    }
    std::optional<std::size_t> index;
    if (auto it = by_id.find(id); it != by_id.end()) {
      index = it->second;
    } else if (auto by_mail = email ? by_email.find(*email) : by_email.end();
               by_mail != by_email.end()) {
      index = by_mail->second;
    }
    if (!index) {
      if (id.empty() || id == "auth0|") {
        plan.not_imported.push_back("a password hash with no user id");
        continue;
      }
      ImportedUser user;
      user.source_id = id;
      user.id = derived_id("auth0", id, 12);
      user.email = email;
      index = plan.users.size();
      by_id[id] = *index;
      plan.users.push_back(std::move(user));
    }
    plan.users[*index].password = ImportedPassword{"Bcrypt", hash};
  }
  return plan;
}

}  // namespace latch::migrate
