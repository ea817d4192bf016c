#include "migrate/auth0.hpp"

#include <functional>
#include <map>
#include <string>
#include <utility>

#include "core/json.hpp"

namespace latch::migrate {
namespace {

namespace json = boost::json;

// Calls `on_line` with each non-blank line of `ndjson` as an object and its number (counted from
// `first`); InvalidRequest "<file> line N: ..." for one that is not.
Result<void> each_line(std::string_view ndjson, std::string_view file, std::size_t first,
                       const std::function<Result<void>(json::object, std::size_t)>& on_line) {
  std::size_t number = first;
  for (; !ndjson.empty(); ++number) {
    auto end = ndjson.find('\n');
    std::string_view line = ndjson.substr(0, end);
    ndjson = end == std::string_view::npos ? std::string_view() : ndjson.substr(end + 1);
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    auto value = parse_json(line);
    if (!value || !value->is_object()) {
      return make_error(Errc::InvalidRequest, std::string(file) + " line " +
                                                  std::to_string(number) + ": not a JSON object");
    }
    if (auto r = on_line(std::move(value->as_object()), number); !r) return r;
  }
  return ok();
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

Result<Auth0Reader> Auth0Reader::open(std::string_view hashes) {
  Auth0Reader reader;
  if (auto added = reader.add_hashes(hashes); !added) return added.error();
  return reader;
}

Result<void> Auth0Reader::add_hashes(std::string_view part, std::size_t first_line) {
  return each_line(part, "password hashes", first_line,
                   [&](json::object o, std::size_t) -> Result<void> {
                     add_hash(o);
                     return ok();
                   });
}

void Auth0Reader::add_hash(const json::object& o) {
  std::string id = hash_user_id(o);
  auto email = text_of(o, "email");
  std::string digest = json_text(o, "passwordHash");
  if (!digest.starts_with("$2")) {
    notes_.push_back("password of " + id + " (" + email.value_or("no email") +
                     "): not a bcrypt hash");
    return;
  }
  if (id.empty() || id == "auth0|") {
    notes_.push_back("a password hash with no user id");
    return;
  }
  auto index = static_cast<std::uint32_t>(hashes_.size());
  const Hash& hash =
      hashes_.emplace_back(Hash{std::move(id), email.value_or(""), std::move(digest)});
  by_id_.try_emplace(hash.id, index);
  if (!hash.email.empty()) by_email_.try_emplace(hash.email, index);
}

Result<ImportPlan> Auth0Reader::users(std::string_view part, std::size_t first_line) {
  ImportPlan plan;
  plan.not_imported = std::exchange(notes_, {});
  auto read =
      each_line(part, "users", first_line, [&](json::object o, std::size_t line) -> Result<void> {
        auto user = user_of(o, line, plan);
        if (!user) return user.error();
        claim(*user);
        plan.users.push_back(std::move(*user));
        return ok();
      });
  if (!read) return read.error();
  return plan;
}

// Gives `user` its hash: the one with its user id, else the one with its email.
void Auth0Reader::claim(ImportedUser& user) {
  auto it = by_id_.find(user.source_id);
  if (it == by_id_.end() && user.email) {
    it = by_email_.find(*user.email);
    if (it == by_email_.end()) return;
  } else if (it == by_id_.end()) {
    return;
  }
  Hash& hash = hashes_[it->second];
  user.password = ImportedPassword{"Bcrypt", hash.digest};
  hash.claimed = true;
}

ImportPlan Auth0Reader::rest() {
  ImportPlan plan;
  plan.not_imported = std::exchange(notes_, {});
  for (auto& hash : hashes_) {
    if (hash.claimed) continue;
    ImportedUser user;
    user.source_id = hash.id;
    user.id = derived_id("auth0", hash.id, 12);
    if (!hash.email.empty()) user.email = hash.email;
    user.password = ImportedPassword{"Bcrypt", hash.digest};
    hash.claimed = true;
    plan.users.push_back(std::move(user));
  }
  return plan;
}

Result<ImportPlan> read_auth0(std::string_view users, std::string_view hashes) {
  auto reader = Auth0Reader::open(hashes);
  if (!reader) return reader.error();
  auto plan = reader->users(users);
  if (!plan) return plan.error();
  ImportPlan rest = reader->rest();
  for (auto& user : rest.users) plan->users.push_back(std::move(user));
  for (auto& line : rest.not_imported) plan->not_imported.push_back(std::move(line));
  return plan;
}

}  // namespace latch::migrate
