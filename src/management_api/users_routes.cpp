#include <boost/json/serialize.hpp>

#include "crypto/password.hpp"
#include "experience/security/password_policy.hpp"
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

// PATCH of one of the user's JSON documents ({customData: {...}} or {profile: {...}}): the
// document as stored.
Result<http::Response> patch_document(management::UserService& s, const std::string& id,
                                      const json::object& body, std::string_view key,
                                      std::optional<std::string> management::UserPatch::*slot) {
  auto document = sole_object(body, key);
  if (!document) return document.error();
  management::UserPatch patch;
  patch.*slot = json::serialize(*document);
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

}  // namespace

void ManagementApi::mount_users(Routes& r) {
  auto service = [this] { return management::UserService(deps_.store, deps_.clock); };
  // Passwords an operator sets meet the sign-in experience's policy, as users' own do.
  auto policy = [this](const std::string& password, const std::vector<std::string>& info) {
    return experience::check_password(deps_.settings.get()->password_policy, password, info);
  };
  auto id_of = [](const Call& c) { return std::string(c.param("userId")); };
  auto h = r.on(http::Lane::Hashing);  // the routes that hash or check a password

  r.get("/users", "List users", ([service](const Call& c) -> Result<http::Response> {
          auto page = page_of(c.request);
          if (!page) return page.error();
          auto s = service();
          auto listed = s.list(std::string(c.request.query.value("search")), *page);
          if (!listed) return listed.error();
          json::array items;
          for (const auto& u : listed->users) items.push_back(management::to_json(u));
          return page_response(std::move(items), listed->total);
        }));
  h.post("/users", "Create a user", ([service, policy](const Call& c) -> Result<http::Response> {
           if (auto r = only_fields(c.body, {"username", "primaryEmail", "primaryPhone", "name",
                                             "avatar", "password", "customData", "profile"});
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
           if (user.password) {
             auto info = identifiers_of(user.username, user.email, user.phone);
             if (auto allowed = policy(*user.password, info); !allowed) return allowed.error();
           }
           // avatar, customData and profile, read as an update reads them; all of the user is
           // stored in one transaction.
           auto extra = patch_of(c.body);
           if (!extra) return extra.error();
           user.avatar = extra->avatar.value_or(std::nullopt);
           user.custom_data_json = extra->custom_data_json;
           user.profile_json = extra->profile_json;
           auto s = service();
           return user_response(s.create(user));
         }));
  r.get("/users/:userId", "Get a user", ([service, id_of](const Call& c) {
          auto s = service();
          return user_response(s.get(id_of(c)));
        }));
  r.patch("/users/:userId", "Update a user",
          ([service, id_of](const Call& c) -> Result<http::Response> {
            if (auto r = only_fields(c.body, {"username", "primaryEmail", "primaryPhone", "name",
                                              "avatar", "customData", "profile"});
                !r) {
              return r.error();
            }
            auto patch = patch_of(c.body);
            if (!patch) return patch.error();
            auto s = service();
            return user_response(s.update(id_of(c), *patch));
          }));
  r.get("/users/:userId/custom-data", "Get a user's custom data",
        ([service, id_of](const Call& c) -> Result<http::Response> {
          auto s = service();
          auto user = s.get(id_of(c));
          if (!user) return user.error();
          return http::json_response(status::ok, management::to_json(*user)["customData"]);
        }));
  r.patch("/users/:userId/custom-data", "Update a user's custom data",
          ([service, id_of](const Call& c) -> Result<http::Response> {
            auto s = service();
            return patch_document(s, id_of(c), c.body, "customData",
                                  &management::UserPatch::custom_data_json);
          }));
  h.patch("/users/:userId/password", "Set a user's password",
          ([service, id_of, policy](const Call& c) -> Result<http::Response> {
            auto password = sole_string(c.body, "password");
            if (!password) return password.error();
            auto s = service();
            auto user = s.get(id_of(c));
            if (!user) return user.error();
            auto info = identifiers_of(user->username, user->primary_email, user->primary_phone);
            if (auto allowed = policy(*password, info); !allowed) return allowed.error();
            return user_response(s.set_password(id_of(c), *password));
          }));
  r.patch("/users/:userId/is-suspended", "Suspend or unsuspend a user",
          ([service, id_of](const Call& c) -> Result<http::Response> {
            auto suspended = sole_bool(c.body, "isSuspended");
            if (!suspended) return suspended.error();
            auto s = service();
            if (auto user = s.get(id_of(c)); !user) return user.error();
            return user_response(s.set_suspended(id_of(c), *suspended));
          }));
  r.patch("/users/:userId/profile", "Update a user's profile (OIDC standard claims)",
          ([service, id_of](const Call& c) -> Result<http::Response> {
            auto s = service();
            return patch_document(s, id_of(c), c.body, "profile",
                                  &management::UserPatch::profile_json);
          }));
  r.get("/users/:userId/has-password", "Whether a user has a password",
        ([service, id_of](const Call& c) -> Result<http::Response> {
          auto s = service();
          auto user = s.get(id_of(c));
          if (!user) return user.error();
          return http::json_response(status::ok,
                                     json::object{{"hasPassword", !user->password_hash.empty()}});
        }));
  h.post("/users/:userId/password/verify", "Check a user's password",
         ([service, id_of](const Call& c) -> Result<http::Response> {
           auto password = sole_string(c.body, "password");
           if (!password) return password.error();
           auto s = service();
           auto user = s.get(id_of(c));
           if (!user) return user.error();
           bool good = !user->password_hash.empty() &&
                       crypto::verify_password(*password, user->password_hash);
           if (user->password_hash.empty()) crypto::verify_password_dummy(*password);
           if (!good) return keyed_error(Errc::Conflict, "session.invalid_credentials");
           return http::empty_response(status::no_content);
         }));
  r.del("/users/:userId", "Delete a user",
        ([service, id_of](const Call& c) -> Result<http::Response> {
          auto s = service();
          if (auto r = s.remove(id_of(c)); !r) return r.error();
          return http::empty_response(status::no_content);
        }));
  r.del("/users/:userId/identities/:target", "Unlink a user's social identity",
        ([service, id_of](const Call& c) -> Result<http::Response> {
          auto s = service();
          auto user = s.unlink_identity(id_of(c), std::string(c.param("target")));
          if (!user) return user.error();
          return http::json_response(status::ok, management::to_json(*user)["identities"]);
        }));
}

}  // namespace latch::management_api
