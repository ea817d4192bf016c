#include <boost/json/serialize.hpp>

#include "crypto/password_digest.hpp"
#include "experience/security/password_policy.hpp"
#include "management/user_password.hpp"
#include "management/user_search.hpp"
#include "management/user_service.hpp"
#include "management_api/management_api.hpp"

// /api/users (Logto's user shape: management/user_service.hpp to_json).
namespace latch::management_api {
namespace {

namespace json = boost::json;
using http::bhttp::status;

Result<http::Response> user_response(Result<model::User> user) {
  if (!user) return user.error();
  return http::json_response(status::ok, management::to_json(*user));
}

Result<management::UserPatch> patch_of(const json::object& body) {
  management::UserPatch patch;
  for (auto [key, slot] :
       {std::pair{"username", &patch.username}, std::pair{"primaryEmail", &patch.primary_email},
        std::pair{"primaryPhone", &patch.primary_phone}, std::pair{"name", &patch.name},
        std::pair{"avatar", &patch.avatar}}) {
    auto value = nullable_string(body, key);
    if (!value) return value.error();
    *slot = *value;
  }
  for (auto [key, slot] : {std::pair{"customData", &patch.custom_data_json},
                           std::pair{"profile", &patch.profile_json}}) {
    auto value = object_field(body, key);
    if (!value) return value.error();
    if (*value) *slot = json::serialize(**value);
  }
  return patch;
}

// PATCH of one of the user's JSON documents ({customData: {...}} or {profile: {...}}): as Logto,
// its members replace the stored document's of the same name, the others are kept. Answers the
// document as stored.
Result<http::Response> patch_document(management::UserService& s, const std::string& id,
                                      const json::object& body, std::string_view key,
                                      std::optional<std::string> management::UserPatch::*slot) {
  auto document = sole_object(body, key);
  if (!document) return document.error();
  management::UserPatch patch;
  patch.*slot = json::serialize(*document);
  patch.merge_documents = true;
  auto user = s.update(id, patch);
  if (!user) return user.error();
  return http::json_response(status::ok, management::to_json(*user)[key]);
}

// The identifiers a password must not contain (experience::check_password).
std::vector<std::string> identifiers_of(const std::optional<std::string>& username,
                                        const std::optional<std::string>& email,
                                        const std::optional<std::string>& phone) {
  std::vector<std::string> out;
  for (const auto* value : {&username, &email, &phone}) {
    if (*value) out.push_back(**value);
  }
  return out;
}

using Deps = ManagementApiDeps;

// The user as the admin routes show them; with `password_hash` (Logto's includePasswordHash),
// also passwordDigest and passwordAlgorithm, both null when the user has no password.
json::object admin_json(const model::User& user, bool password_hash) {
  json::object out = management::to_json(user);
  if (!password_hash) return out;
  const bool has = !user.password_hash.empty();
  out["passwordDigest"] = has ? json::value(user.password_hash) : json::value(nullptr);
  out["passwordAlgorithm"] = has ? json::value(user.password_algorithm) : json::value(nullptr);
  return out;
}

bool include_password_hash(const Call& c) {
  return management::is_yes(c.request.query.value("includePasswordHash"));
}

management::UserService service(const Deps& d) { return {d.store, d.clock}; }
// The service for a change, whose webhook events name the request (`origin`, which must outlive
// it).
management::UserService changing(const Deps& d, const management::HookOrigin& origin) {
  return {d.store, d.clock, &origin};
}
std::string user_id(const Call& c) { return std::string(c.param("userId")); }

// Passwords an operator sets meet the sign-in experience's policy, as users' own do.
Result<void> check_policy(const Deps& d, const std::string& password,
                          const std::vector<std::string>& identifiers) {
  return experience::check_password(d.settings.get()->password_policy, password, identifiers);
}

// Logto's search parameters (management/user_search.hpp); Latch's own plain search, which its
// indexes serve, otherwise.
Result<management::UserPage> listed_users(const Deps& d, const Call& c, storage::Page page) {
  const auto& query = c.request.query.items();
  if (management::is_advanced_user_search(query)) {
    auto search = management::parse_user_search(query);
    if (!search) return search.error();
    return service(d).search(*search, page);
  }
  std::string search(c.request.query.value("search"));
  // Logto's excludeRoleId: the users a role can still be given to (the console's assign dialog).
  std::string exclude_role(c.request.query.value("excludeRoleId"));
  return exclude_role.empty() ? service(d).list(search, page)
                              : service(d).list_without_role(exclude_role, search, page);
}

Result<http::Response> list_users(const Deps& d, const Call& c) {
  auto page = page_of(c.request);
  if (!page) return page.error();
  auto listed = listed_users(d, c, *page);
  // Logto's message names what is wrong with the search ({details} of request.invalid_input).
  if (!listed && listed.error().key == "request.invalid_input") {
    return error_response(listed.error(), {{"details", " " + listed.error().description}});
  }
  if (!listed) return listed.error();
  json::array items;
  const bool hashes = include_password_hash(c);
  for (const auto& u : listed->users) items.push_back(admin_json(u, hashes));
  return page_response(std::move(items), listed->total);
}

Error bad_field(std::string field, std::string description) {
  return with_field(make_error(Errc::InvalidRequest, std::move(description)), field);
}

// Logto's passwordDigest and passwordAlgorithm (POST /users, routes/admin-user/basics.ts): its
// guard (a digest of at most 256 characters, an algorithm it knows), then its rules in its
// order. An empty digest counts as none, as there. The digest's form is the service's to check.
Result<std::optional<management::ForeignPassword>> foreign_password_of(const json::object& body,
                                                                       bool has_password) {
  auto digest = string_field(body, "passwordDigest");
  if (!digest) return digest.error();
  auto algorithm = string_field(body, "passwordAlgorithm");
  if (!algorithm) return algorithm.error();
  if (*digest && (*digest)->size() > 256) {
    return bad_field("passwordDigest", "passwordDigest must be at most 256 characters");
  }
  if (*algorithm && !crypto::password_algorithm_named(**algorithm)) {
    return bad_field("passwordAlgorithm",
                     "passwordAlgorithm must be one of Argon2i, Argon2id, Argon2d, Bcrypt, SHA1, "
                     "SHA256, MD5, Legacy");
  }
  const bool given = *digest && !(*digest)->empty();
  if (has_password && given) return keyed_error(Errc::InvalidRequest, "user.password_and_digest");
  if (given && !*algorithm) {
    return keyed_error(Errc::InvalidRequest, "user.password_algorithm_required");
  }
  if (!given && *algorithm == "Legacy") {
    return keyed_error(Errc::InvalidRequest, "password.unsupported_encryption_method");
  }
  if (!given) return std::optional<management::ForeignPassword>();
  return std::optional(management::ForeignPassword{std::move(**algorithm), std::move(**digest)});
}

// avatar, customData and profile are read as an update reads them; all of the user is stored in
// one transaction. A password digest made elsewhere is stored as it is (Logto's shape).
Result<http::Response> create_user(const Deps& d, const Call& c) {
  if (auto r = only_fields(
          c.body, {"username", "primaryEmail", "primaryPhone", "name", "avatar", "password",
                   "passwordDigest", "passwordAlgorithm", "customData", "profile"});
      !r) {
    return r.error();
  }
  management::NewUser user;
  for (auto [key, slot] :
       {std::pair{"username", &user.username}, std::pair{"primaryEmail", &user.email},
        std::pair{"primaryPhone", &user.phone}, std::pair{"name", &user.name},
        std::pair{"password", &user.password}}) {
    auto value = string_field(c.body, key);
    if (!value) return value.error();
    *slot = *value;
  }
  auto foreign = foreign_password_of(c.body, user.password.has_value());
  if (!foreign) return foreign.error();
  user.password_digest = std::move(*foreign);
  if (user.password) {
    auto info = identifiers_of(user.username, user.email, user.phone);
    if (auto allowed = check_policy(d, *user.password, info); !allowed) return allowed.error();
  }
  auto extra = patch_of(c.body);
  if (!extra) return extra.error();
  user.avatar = extra->avatar.value_or(std::nullopt);
  user.custom_data_json = extra->custom_data_json;
  user.profile_json = extra->profile_json;
  auto origin = hook_origin(c, 200);
  return user_response(changing(d, origin).create(user));
}

// Logto's includeSsoIdentities adds the user's enterprise SSO identities, includePasswordHash the
// password's digest and algorithm.
Result<http::Response> get_user(const Deps& d, const Call& c) {
  auto user = service(d).get(user_id(c));
  if (!user) return user.error();
  json::object out = admin_json(*user, include_password_hash(c));
  if (management::is_yes(c.request.query.value("includeSsoIdentities"))) {
    auto identities = d.sso.identities_of(user->id);
    if (!identities) return identities.error();
    out["ssoIdentities"] = std::move(*identities);
  }
  return http::json_response(status::ok, out);
}

Result<http::Response> update_user(const Deps& d, const Call& c) {
  if (auto r = only_fields(c.body, {"username", "primaryEmail", "primaryPhone", "name", "avatar",
                                    "customData", "profile"});
      !r) {
    return r.error();
  }
  // Logto: an update that changes nothing is refused, as its database refuses an empty SET.
  if (c.body.empty())
    return keyed_error(Errc::Conflict, "entity.invalid_input", "nothing to update");
  auto patch = patch_of(c.body);
  if (!patch) return patch.error();
  auto origin = hook_origin(c, 200);
  return user_response(changing(d, origin).update(user_id(c), *patch));
}

Result<http::Response> get_custom_data(const Deps& d, const Call& c) {
  auto user = service(d).get(user_id(c));
  if (!user) return user.error();
  return http::json_response(status::ok, management::to_json(*user)["customData"]);
}

Result<http::Response> update_custom_data(const Deps& d, const Call& c) {
  auto origin = hook_origin(c, 200);
  auto s = changing(d, origin);
  return patch_document(s, user_id(c), c.body, "customData",
                        &management::UserPatch::custom_data_json);
}

Result<http::Response> set_password(const Deps& d, const Call& c) {
  auto password = sole_string(c.body, "password");
  if (!password) return password.error();
  auto origin = hook_origin(c, 200);
  auto s = changing(d, origin);
  auto user = s.get(user_id(c));
  if (!user) return user.error();
  auto info = identifiers_of(user->username, user->primary_email, user->primary_phone);
  if (auto allowed = check_policy(d, *password, info); !allowed) return allowed.error();
  return user_response(s.set_password(user_id(c), *password));
}

Result<http::Response> set_suspended(const Deps& d, const Call& c) {
  auto suspended = sole_bool(c.body, "isSuspended");
  if (!suspended) return suspended.error();
  auto origin = hook_origin(c, 200);
  auto s = changing(d, origin);
  if (auto user = s.get(user_id(c)); !user) return user.error();
  return user_response(s.set_suspended(user_id(c), *suspended));
}

Result<http::Response> update_profile(const Deps& d, const Call& c) {
  auto origin = hook_origin(c, 200);
  auto s = changing(d, origin);
  return patch_document(s, user_id(c), c.body, "profile", &management::UserPatch::profile_json);
}

Result<http::Response> has_password(const Deps& d, const Call& c) {
  auto user = service(d).get(user_id(c));
  if (!user) return user.error();
  return http::json_response(status::ok,
                             json::object{{"hasPassword", !user->password_hash.empty()}});
}

// A user without a password gets the dummy verification, so the answer takes as long. As in
// Logto, a right password replaces a digest brought from elsewhere with Latch's Argon2id.
Result<http::Response> verify_password(const Deps& d, const Call& c) {
  auto password = sole_string(c.body, "password");
  if (!password) return password.error();
  if (password->empty()) {
    return with_field(make_error(Errc::InvalidRequest, "password must not be empty"), "password");
  }
  auto user = service(d).get(user_id(c));
  if (!user) return user.error();
  if (!management::check_user_password(d.store, d.clock, &*user, *password)) {
    return keyed_error(Errc::Conflict, "session.invalid_credentials");
  }
  return http::empty_response(status::no_content);
}

// Logto's PATCH …/password/expiration {isExpired}: expiring a password needs the sign-in
// experience's password expiration policy, which Latch does not have, so {isExpired: true} is
// refused as Logto refuses it while its policy is off; {isExpired: false} leaves the password as
// it is (a password never expires here) and answers the user.
Result<http::Response> set_password_expiration(const Deps& d, const Call& c) {
  auto expired = sole_bool(c.body, "isExpired");
  if (!expired) return expired.error();
  auto user = service(d).get(user_id(c));
  if (!user) return user.error();
  if (*expired) {
    return keyed_error(Errc::InvalidRequest, "sign_in_experiences.password_expiration_not_enabled");
  }
  return http::json_response(status::ok, management::to_json(*user));
}

Result<http::Response> delete_user(const Deps& d, const Call& c) {
  auto origin = hook_origin(c, 204);
  if (auto r = changing(d, origin).remove(user_id(c)); !r) return r.error();
  return http::empty_response(status::no_content);
}

Result<http::Response> unlink_identity(const Deps& d, const Call& c) {
  auto user = service(d).unlink_identity(user_id(c), std::string(c.param("target")));
  if (!user) return user.error();
  return http::json_response(status::ok, management::to_json(*user)["identities"]);
}

}  // namespace

void ManagementApi::mount_users(Routes& r) {
  using enum http::bhttp::verb;
  constexpr auto hashing = http::Lane::Hashing;
  r.add({
      {get, "/users", "List users", list_users},
      {post, "/users", "Create a user", create_user, hashing},
      {get, "/users/:userId", "Get a user", get_user},
      {patch, "/users/:userId", "Update a user", update_user},
      {get, "/users/:userId/custom-data", "Get a user's custom data", get_custom_data},
      {patch, "/users/:userId/custom-data", "Update a user's custom data", update_custom_data},
      {patch, "/users/:userId/password", "Set a user's password", set_password, hashing},
      {patch, "/users/:userId/is-suspended", "Suspend or unsuspend a user", set_suspended},
      {patch, "/users/:userId/profile", "Update a user's profile (OIDC standard claims)",
       update_profile},
      {get, "/users/:userId/has-password", "Whether a user has a password", has_password},
      {post, "/users/:userId/password/verify", "Check a user's password", verify_password, hashing},
      {patch, "/users/:userId/password/expiration", "Expire a user's password",
       set_password_expiration},
      {delete_, "/users/:userId", "Delete a user", delete_user},
      {delete_, "/users/:userId/identities/:target", "Unlink a user's social identity",
       unlink_identity},
  });
}

}  // namespace latch::management_api
