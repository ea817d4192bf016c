#include <boost/json/serialize.hpp>
#include <boost/url/parse.hpp>

#include "account/api/account_api.hpp"
#include "management_api/api_kit.hpp"

// /api/my-account: profile, password, email, phone and social identities (Logto's
// routes/account/index.ts, email-and-phone.ts, identities.ts).
namespace latch::account {
namespace {

namespace json = boost::json;
using http::bhttp::status;
using management_api::nullable_string;
using management_api::object_field;
using management_api::string_field;

Error invalid(std::string field) {
  return with_field(keyed_error(Errc::InvalidRequest, "guard.invalid_input", field), field);
}

// A required string member.
Result<std::string> required(const json::object& body, std::string_view key) {
  auto value = string_field(body, key);
  if (!value) return value.error();
  if (!*value) return invalid(std::string(key));
  return std::move(**value);
}

Result<BasicsPatch> basics_of(const json::object& body) {
  BasicsPatch patch;
  for (auto [key, slot] : {std::pair{"name", &patch.name}, std::pair{"avatar", &patch.avatar},
                           std::pair{"username", &patch.username}}) {
    auto value = nullable_string(body, key);
    if (!value) return value.error();
    *slot = std::move(*value);
  }
  if (patch.avatar && *patch.avatar && !boost::urls::parse_absolute_uri(**patch.avatar)) {
    return invalid("avatar");
  }
  auto custom = object_field(body, "customData");
  if (!custom) return custom.error();
  if (*custom) patch.custom_data_json = json::serialize(**custom);
  return patch;
}

Result<http::Response> json_ok(Result<json::object> value) {
  if (!value) return value.error();
  return http::json_response(status::ok, *value);
}

Result<http::Response> done(Result<void> result) {
  if (!result) return result.error();
  return no_content();
}

Result<http::Response> get_profile(const AccountApiDeps& d, const AccountCall& c) {
  return json_ok(d.account.profile_json(c.caller));
}

Result<http::Response> patch_basics(const AccountApiDeps& d, const AccountCall& c) {
  auto patch = basics_of(c.body);
  if (!patch) return patch.error();
  return json_ok(d.account.update_basics(c.caller, *patch));
}

Result<http::Response> patch_profile(const AccountApiDeps& d, const AccountCall& c) {
  return json_ok(d.account.update_profile(c.caller, c.body));
}

Result<http::Response> set_password(const AccountApiDeps& d, const AccountCall& c) {
  auto password = required(c.body, "password");
  if (!password) return password.error();
  if (password->empty()) return invalid("password");
  return done(d.account.set_password(c.caller, *password));
}

Result<http::Response> set_primary(const AccountApiDeps& d, const AccountCall& c,
                                   experience::IdentifierType type, std::string_view key) {
  auto value = required(c.body, key);
  if (!value) return value.error();
  auto record = required(c.body, "newIdentifierVerificationRecordId");
  if (!record) return record.error();
  return done(d.account.set_primary(c.caller, type, *value, *record));
}

Result<http::Response> set_email(const AccountApiDeps& d, const AccountCall& c) {
  return set_primary(d, c, experience::IdentifierType::Email, "email");
}

Result<http::Response> set_phone(const AccountApiDeps& d, const AccountCall& c) {
  return set_primary(d, c, experience::IdentifierType::Phone, "phone");
}

Result<http::Response> remove_email(const AccountApiDeps& d, const AccountCall& c) {
  return done(d.account.remove_primary(c.caller, experience::IdentifierType::Email));
}

Result<http::Response> remove_phone(const AccountApiDeps& d, const AccountCall& c) {
  return done(d.account.remove_primary(c.caller, experience::IdentifierType::Phone));
}

Result<http::Response> link(const AccountApiDeps& d, const AccountCall& c, bool replace) {
  auto record = required(c.body, "newIdentifierVerificationRecordId");
  if (!record) return record.error();
  return done(d.account.link_identity(c.caller, *record, replace));
}

Result<http::Response> add_identity(const AccountApiDeps& d, const AccountCall& c) {
  return link(d, c, false);
}

Result<http::Response> replace_identity(const AccountApiDeps& d, const AccountCall& c) {
  return link(d, c, true);
}

Result<http::Response> remove_identity(const AccountApiDeps& d, const AccountCall& c) {
  return done(d.account.unlink_identity(c.caller, std::string(c.param("target"))));
}

}  // namespace

void AccountApi::mount_account(http::Router::Group& g) {
  using enum http::bhttp::verb;
  add(g, {
             {get, "/my-account", get_profile},
             {patch, "/my-account", patch_basics},
             {patch, "/my-account/profile", patch_profile},
             {post, "/my-account/password", set_password, http::Lane::Hashing},
             {post, "/my-account/primary-email", set_email},
             {delete_, "/my-account/primary-email", remove_email},
             {post, "/my-account/primary-phone", set_phone},
             {delete_, "/my-account/primary-phone", remove_phone},
             {post, "/my-account/identities", add_identity},
             {put, "/my-account/identities", replace_identity},
             {delete_, "/my-account/identities/:target", remove_identity},
         });
}

}  // namespace latch::account
