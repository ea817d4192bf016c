// The management API (/api, Logto's routes and shapes): authorization on every route,
// pagination, validation, and the applications, users and connectors resources.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <set>

#include "crypto/encoding.hpp"
#include "fakes/smtp/fake_smtp_server.hpp"
#include "support/code_flow.hpp"
#include "support/provisioning.hpp"
#include "support/resigned_token.hpp"
#include "support/shared_server.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;
using boost::beast::http::verb;

constexpr const char* kManagement = "urn:latch:management";
constexpr const char* kLogtoManagement = "https://default.logto.app/api";

struct Route {
  verb method;
  std::string path;
};

// Every route, with ids that need not exist: authorization comes first.
const std::vector<Route>& all_routes() {
  static const std::vector<Route> routes{
      {verb::get, "/api/applications"},
      {verb::post, "/api/applications"},
      {verb::get, "/api/applications/x"},
      {verb::patch, "/api/applications/x"},
      {verb::delete_, "/api/applications/x"},
      {verb::post, "/api/applications/x/secret/rotate"},
      {verb::get, "/api/applications/x/secrets"},
      {verb::post, "/api/applications/x/secrets"},
      {verb::patch, "/api/applications/x/secrets/y"},
      {verb::delete_, "/api/applications/x/secrets/y"},
      {verb::post, "/api/applications/x/user-consent-scopes"},
      {verb::get, "/api/applications/x/user-consent-scopes"},
      {verb::delete_, "/api/applications/x/user-consent-scopes/user-scopes/y"},
      {verb::put, "/api/applications/x/sign-in-experience"},
      {verb::get, "/api/applications/x/sign-in-experience"},
      {verb::get, "/api/users"},
      {verb::post, "/api/users"},
      {verb::get, "/api/users/x"},
      {verb::patch, "/api/users/x"},
      {verb::delete_, "/api/users/x"},
      {verb::get, "/api/users/x/custom-data"},
      {verb::patch, "/api/users/x/custom-data"},
      {verb::patch, "/api/users/x/password"},
      {verb::patch, "/api/users/x/is-suspended"},
      {verb::patch, "/api/users/x/profile"},
      {verb::get, "/api/users/x/has-password"},
      {verb::post, "/api/users/x/password/verify"},
      {verb::patch, "/api/users/x/password/expiration"},
      {verb::get, "/api/users/x/personal-access-tokens"},
      {verb::post, "/api/users/x/personal-access-tokens"},
      {verb::patch, "/api/users/x/personal-access-tokens"},
      {verb::post, "/api/users/x/personal-access-tokens/delete"},
      {verb::patch, "/api/users/x/personal-access-tokens/y"},
      {verb::delete_, "/api/users/x/personal-access-tokens/y"},
      {verb::delete_, "/api/users/x/identities/github"},
      {verb::get, "/api/users/x/mfa-verifications"},
      {verb::post, "/api/users/x/mfa-verifications"},
      {verb::delete_, "/api/users/x/mfa-verifications"},
      {verb::delete_, "/api/users/x/mfa-verifications/y"},
      {verb::get, "/api/users/x/trusted-devices"},
      {verb::delete_, "/api/users/x/trusted-devices/y"},
      {verb::get, "/api/connectors"},
      {verb::post, "/api/connectors"},
      {verb::get, "/api/connectors/x"},
      {verb::patch, "/api/connectors/x"},
      {verb::delete_, "/api/connectors/x"},
      {verb::post, "/api/connectors/smtp/test"},
      {verb::get, "/api/connector-factories"},
      {verb::get, "/api/connector-factories/github-universal"},
      {verb::get, "/api/sso-connector-providers"},
      {verb::get, "/api/sso-connectors"},
      {verb::post, "/api/sso-connectors"},
      {verb::get, "/api/sso-connectors/x"},
      {verb::patch, "/api/sso-connectors/x"},
      {verb::delete_, "/api/sso-connectors/x"},
      {verb::post, "/api/sso-connectors/x/test-sessions"},
      // SAML SSO connectors (issue 19, part D)
      {verb::get, "/api/sso-connectors/x/signing-keys"},
      {verb::post, "/api/sso-connectors/x/signing-keys"},
      {verb::patch, "/api/sso-connectors/x/signing-keys/y"},
      {verb::delete_, "/api/sso-connectors/x/signing-keys/y"},
      {verb::put, "/api/sso-connectors/x/idp-initiated-auth-config"},
      {verb::get, "/api/sso-connectors/x/idp-initiated-auth-config"},
      {verb::delete_, "/api/sso-connectors/x/idp-initiated-auth-config"},
      {verb::get, "/api/organizations/x/jit/sso-connectors"},
      {verb::post, "/api/organizations/x/jit/sso-connectors"},
      {verb::put, "/api/organizations/x/jit/sso-connectors"},
      {verb::delete_, "/api/organizations/x/jit/sso-connectors/y"},
      // SAML applications (branch sso-saml-apps)
      {verb::post, "/api/saml-applications"},
      {verb::get, "/api/saml-applications/x"},
      {verb::patch, "/api/saml-applications/x"},
      {verb::delete_, "/api/saml-applications/x"},
      {verb::get, "/api/saml-applications/x/secrets"},
      {verb::post, "/api/saml-applications/x/secrets"},
      {verb::patch, "/api/saml-applications/x/secrets/y"},
      {verb::delete_, "/api/saml-applications/x/secrets/y"},
      {verb::get, "/api/users/x/sso-identities/y"},
      {verb::get, "/api/resources"},
      {verb::post, "/api/resources"},
      {verb::get, "/api/resources/x"},
      {verb::patch, "/api/resources/x"},
      {verb::delete_, "/api/resources/x"},
      {verb::get, "/api/resources/x/scopes"},
      {verb::post, "/api/resources/x/scopes"},
      {verb::delete_, "/api/resources/x/scopes/y"},
      {verb::patch, "/api/resources/x/scopes/y"},
      {verb::patch, "/api/resources/x/is-default"},
      {verb::get, "/api/resources/x/scope-roles"},
      {verb::get, "/api/roles"},
      {verb::post, "/api/roles"},
      {verb::get, "/api/roles/x"},
      {verb::patch, "/api/roles/x"},
      {verb::delete_, "/api/roles/x"},
      {verb::get, "/api/roles/x/scopes"},
      {verb::post, "/api/roles/x/scopes"},
      {verb::delete_, "/api/roles/x/scopes/y"},
      {verb::get, "/api/roles/x/users"},
      {verb::post, "/api/roles/x/users"},
      {verb::delete_, "/api/roles/x/users/y"},
      {verb::get, "/api/roles/x/applications"},
      {verb::post, "/api/roles/x/applications"},
      {verb::delete_, "/api/roles/x/applications/y"},
      {verb::get, "/api/users/x/roles"},
      {verb::post, "/api/users/x/roles"},
      {verb::put, "/api/users/x/roles"},
      {verb::delete_, "/api/users/x/roles/y"},
      {verb::get, "/api/users/x/scopes"},
      {verb::get, "/api/applications/x/roles"},
      {verb::post, "/api/applications/x/roles"},
      {verb::put, "/api/applications/x/roles"},
      {verb::delete_, "/api/applications/x/roles/y"},
      {verb::get, "/api/organizations"},
      {verb::post, "/api/organizations"},
      {verb::get, "/api/organizations/x"},
      {verb::patch, "/api/organizations/x"},
      {verb::delete_, "/api/organizations/x"},
      {verb::get, "/api/users/x/organizations"},
      {verb::get, "/api/applications/x/organizations"},
      {verb::get, "/api/organizations/x/users"},
      {verb::post, "/api/organizations/x/users"},
      {verb::put, "/api/organizations/x/users"},
      {verb::post, "/api/organizations/x/users/roles"},
      {verb::delete_, "/api/organizations/x/users/y"},
      {verb::get, "/api/organizations/x/users/y/roles"},
      {verb::post, "/api/organizations/x/users/y/roles"},
      {verb::put, "/api/organizations/x/users/y/roles"},
      {verb::delete_, "/api/organizations/x/users/y/roles/z"},
      {verb::get, "/api/organizations/x/users/y/scopes"},
      {verb::get, "/api/organizations/x/applications"},
      {verb::post, "/api/organizations/x/applications"},
      {verb::put, "/api/organizations/x/applications"},
      {verb::post, "/api/organizations/x/applications/roles"},
      {verb::delete_, "/api/organizations/x/applications/y"},
      {verb::get, "/api/organizations/x/applications/y/roles"},
      {verb::post, "/api/organizations/x/applications/y/roles"},
      {verb::put, "/api/organizations/x/applications/y/roles"},
      {verb::delete_, "/api/organizations/x/applications/y/roles/z"},
      {verb::get, "/api/organizations/x/applications/y/scopes"},
      {verb::get, "/api/organizations/x/jit/email-domains"},
      {verb::post, "/api/organizations/x/jit/email-domains"},
      {verb::put, "/api/organizations/x/jit/email-domains"},
      {verb::delete_, "/api/organizations/x/jit/email-domains/y"},
      {verb::get, "/api/organizations/x/jit/roles"},
      {verb::post, "/api/organizations/x/jit/roles"},
      {verb::put, "/api/organizations/x/jit/roles"},
      {verb::delete_, "/api/organizations/x/jit/roles/y"},
      {verb::get, "/api/organization-scopes"},
      {verb::post, "/api/organization-scopes"},
      {verb::get, "/api/organization-scopes/x"},
      {verb::patch, "/api/organization-scopes/x"},
      {verb::delete_, "/api/organization-scopes/x"},
      {verb::get, "/api/organization-roles"},
      {verb::post, "/api/organization-roles"},
      {verb::get, "/api/organization-roles/x"},
      {verb::patch, "/api/organization-roles/x"},
      {verb::delete_, "/api/organization-roles/x"},
      {verb::get, "/api/organization-roles/x/scopes"},
      {verb::post, "/api/organization-roles/x/scopes"},
      {verb::put, "/api/organization-roles/x/scopes"},
      {verb::delete_, "/api/organization-roles/x/scopes/y"},
      {verb::get, "/api/organization-roles/x/resource-scopes"},
      {verb::post, "/api/organization-roles/x/resource-scopes"},
      {verb::put, "/api/organization-roles/x/resource-scopes"},
      {verb::delete_, "/api/organization-roles/x/resource-scopes/y"},
      {verb::get, "/api/logs"},
      {verb::get, "/api/logs/x"},
      {verb::get, "/api/organization-invitations"},
      {verb::post, "/api/organization-invitations"},
      {verb::get, "/api/organization-invitations/x"},
      {verb::delete_, "/api/organization-invitations/x"},
      {verb::put, "/api/organization-invitations/x/status"},
      {verb::post, "/api/organization-invitations/x/message"},
      {verb::get, "/api/sign-in-exp"},
      {verb::patch, "/api/sign-in-exp"},
      {verb::post, "/api/sign-in-exp/default/check-password"},
      {verb::get, "/api/account-center"},
      {verb::patch, "/api/account-center"},
      {verb::post, "/api/subject-tokens"},
      {verb::get, "/api/initial-access-tokens"},
      {verb::post, "/api/initial-access-tokens"},
      {verb::delete_, "/api/initial-access-tokens/x"},
      {verb::patch, "/api/applications/x/custom-data"},
      {verb::get, "/api/configs/jwt-customizer"},
      {verb::put, "/api/configs/jwt-customizer/access-token"},
      {verb::patch, "/api/configs/jwt-customizer/access-token"},
      {verb::get, "/api/configs/jwt-customizer/client-credentials"},
      {verb::delete_, "/api/configs/jwt-customizer/client-credentials"},
      {verb::post, "/api/configs/jwt-customizer/test"},
      {verb::get, "/api/hooks"},
      {verb::post, "/api/hooks"},
      {verb::get, "/api/hooks/x"},
      {verb::patch, "/api/hooks/x"},
      {verb::delete_, "/api/hooks/x"},
      {verb::patch, "/api/hooks/x/signing-key"},
      {verb::get, "/api/hooks/x/recent-logs"},
      {verb::post, "/api/hooks/x/test"},
  };
  return routes;
}

class ManagementApiTest : public SharedServerTest<ManagementApiTest> {
 public:
  static void provision(TestServer& server) {
    m2m_ = create_app(server, "m2m", {"--management-api"});
    other_ = create_app(server, "m2m");
    create_resource(server,
                    {.name = "Other", .indicator = "https://other.example", .scopes = {"all"}});
    if (!wait_until_token_issued(server, m2m_, kManagement) ||
        !wait_until_token_issued(server, other_, "https://other.example")) {
      throw std::runtime_error("the server did not load the apps");
    }
    token_ = token_for(server, m2m_, kManagement, "all");
  }

 protected:
  static std::string token_for(const TestServer& server, const AppCredentials& app,
                               const std::string& resource, const std::string& scope) {
    std::string body = "grant_type=client_credentials&resource=" + resource;
    if (!scope.empty()) body += "&scope=" + scope;
    auto res = token_with_basic(server, app, body);
    return json_text(res.json(), "access_token");
  }

  HttpResponse call(verb method, const std::string& path, const json::value& body = nullptr,
                    const std::string& token = token_) {
    return management_request(server(), method, path, body, token);
  }

  static inline AppCredentials m2m_, other_;
  static inline std::string token_;
};

TEST_F(ManagementApiTest, EveryRouteRefusesAMissingOrForeignToken) {
  std::string foreign = token_for(server(), other_, "https://other.example", "all");
  ASSERT_FALSE(foreign.empty());
  std::string tampered = token_;
  tampered[tampered.size() - 3] = tampered[tampered.size() - 3] == 'A' ? 'B' : 'A';
  for (const auto& route : all_routes()) {
    SCOPED_TRACE(route.path);
    auto none = call(route.method, route.path, nullptr, "");
    EXPECT_EQ(none.status, 401u);
    EXPECT_EQ(json_text(none.json(), "code"), "auth.unauthorized");
    EXPECT_EQ(call(route.method, route.path, nullptr, foreign).status, 401u);
    EXPECT_EQ(call(route.method, route.path, nullptr, tampered).status, 401u);
    EXPECT_EQ(call(route.method, route.path, nullptr, "not.a.jwt").status, 401u);
  }
}

TEST_F(ManagementApiTest, EveryRouteRefusesAnExpiredToken) {
  // The token the server issued, as if issued two hours ago (expired an hour ago); the same
  // token moved by zero seconds still works, so expiry is the only thing wrong with it.
  std::string expired = resigned_token(server(), token_, -7200);
  ASSERT_EQ(
      call(verb::get, "/api/applications", nullptr, resigned_token(server(), token_, 0)).status,
      200u);
  for (const auto& route : all_routes()) {
    SCOPED_TRACE(route.path);
    auto res = call(route.method, route.path, nullptr, expired);
    EXPECT_EQ(res.status, 401u);
    EXPECT_EQ(json_text(res.json(), "code"), "auth.unauthorized");
  }
}

// A token for the management resource without scope all (403 auth.forbidden) cannot be had
// from the token endpoint, which grants the app's scopes: tests/unit/oidc/management_token_test.

TEST_F(ManagementApiTest, LogtosManagementResourceIsAnAlias) {
  std::string logto = token_for(server(), m2m_, kLogtoManagement, "all");
  ASSERT_FALSE(logto.empty());
  EXPECT_EQ(call(verb::get, "/api/applications", nullptr, logto).status, 200u);
}

TEST_F(ManagementApiTest, UsersAreCreatedListedPagedAndValidated) {
  for (int i = 0; i < 12; ++i) {
    auto created = call(
        verb::post, "/api/users",
        json::object{{"username", "pager_" + std::to_string(i)}, {"password", "long enough pass"}});
    ASSERT_EQ(created.status, 200u) << created.body;
  }
  auto page = call(verb::get, "/api/users?search=pager_&page=2&page_size=5");
  ASSERT_EQ(page.status, 200u);
  EXPECT_EQ(page.header("Total-Number"), "12");
  EXPECT_EQ(page.json().as_array().size(), 5u);
  auto last = call(verb::get, "/api/users?search=pager_&page=3&page_size=5");
  EXPECT_EQ(last.json().as_array().size(), 2u);
  for (const char* bad : {"page=0", "page_size=0", "page_size=101", "page=x"}) {
    auto res = call(verb::get, std::string("/api/users?") + bad);
    EXPECT_EQ(res.status, 400u) << bad;
    EXPECT_EQ(json_text(res.json(), "code"), "guard.invalid_pagination") << bad;
  }

  auto unknown = call(verb::post, "/api/users", json::object{{"username", "x_y"}, {"role", 1}});
  EXPECT_EQ(unknown.status, 400u);
  EXPECT_EQ(json_text(unknown.json(), "message"), "unknown field role");
  // Issue #15, item 1: the member in "field", so a form need not read the message.
  EXPECT_EQ(json_text(unknown.json(), "field"), "role");
  auto bad_name = call(verb::post, "/api/users", json::object{{"username", "1starts_with_digit"}});
  EXPECT_EQ(bad_name.status, 400u);
  EXPECT_NE(json_text(bad_name.json(), "message").find("username"), std::string::npos);
  EXPECT_EQ(json_text(bad_name.json(), "field"), "username");
  auto bad_email = call(verb::post, "/api/users", json::object{{"primaryEmail", "no-at-sign"}});
  EXPECT_EQ(json_text(bad_email.json(), "field"), "primaryEmail");
  auto wrong_type = call(verb::post, "/api/users", json::object{{"username", 7}});
  EXPECT_EQ(json_text(wrong_type.json(), "message"), "username must be a string");
  EXPECT_EQ(json_text(wrong_type.json(), "field"), "username");
  auto taken = call(verb::post, "/api/users", json::object{{"username", "pager_0"}});
  EXPECT_EQ(taken.status, 422u);
  // Issue #14, defect 18: Logto's code, and nothing of the database's own words.
  EXPECT_EQ(json_text(taken.json(), "code"), "user.username_already_in_use");
  EXPECT_EQ(taken.body.find("UNIQUE"), std::string::npos) << taken.body;
  EXPECT_EQ(taken.body.find("constraint"), std::string::npos) << taken.body;
  EXPECT_FALSE(taken.json().as_object().contains("details"));
  // The sign-in experience's password policy holds for passwords an operator sets.
  auto common = call(verb::post, "/api/users",
                     json::object{{"username", "weak_pw"}, {"password", "password123"}});
  EXPECT_EQ(common.status, 400u);
  EXPECT_EQ(json_text(common.json(), "code"), "password.common");
  auto named = call(verb::post, "/api/users",
                    json::object{{"username", "named_pw"}, {"password", "xx-named_pw-xx"}});
  EXPECT_EQ(json_text(named.json(), "code"), "password.contains_user_info");
  auto taken_api = call(verb::post, "/api/resources",
                        json::object{{"name", "dup"}, {"indicator", "https://dup.example.test"}});
  ASSERT_LT(taken_api.status, 300u) << taken_api.body;
  auto dup_api = call(verb::post, "/api/resources",
                      json::object{{"name", "dup2"}, {"indicator", "https://dup.example.test"}});
  EXPECT_EQ(dup_api.status, 422u);
  EXPECT_EQ(json_text(dup_api.json(), "code"), "resource.resource_identifier_in_use");
  auto not_json = server().client().request(
      verb::post, "/api/users", "{",
      {{"Authorization", "Bearer " + token_}, {"Content-Type", "application/json"}});
  EXPECT_EQ(not_json.status, 400u);
}

// A user is created with everything in the request or not at all: a bad avatar, customData or
// profile used to be refused only after the user was stored, leaving a user half written.
TEST_F(ManagementApiTest, AUserRefusedForOneFieldIsNotCreatedAtAll) {
  json::object bad_fields{
      {"customData", "not an object"},
      {"profile", json::array{1, 2}},
      {"avatar", std::string(3000, 'a')},
  };
  for (const auto& [field, value] : bad_fields) {
    SCOPED_TRACE(std::string(field));
    auto refused =
        call(verb::post, "/api/users",
             json::object{
                 {"username", "half_written"}, {"password", "long enough pass"}, {field, value}});
    EXPECT_EQ(refused.status, 400u) << refused.body;
    EXPECT_EQ(json_text(refused.json(), "field"), std::string(field)) << refused.body;
    auto listed = call(verb::get, "/api/users?search=half_written");
    EXPECT_EQ(listed.header("Total-Number"), "0");
  }
  auto created = call(verb::post, "/api/users",
                      json::object{{"username", "half_written"},
                                   {"avatar", "https://example.test/a.png"},
                                   {"customData", {{"plan", "free"}}},
                                   {"profile", {{"familyName", "Whole"}}}});
  ASSERT_EQ(created.status, 200u) << created.body;
  auto stored = call(verb::get, "/api/users/" + json_text(created.json(), "id")).json();
  EXPECT_EQ(json_text(stored, "avatar"), "https://example.test/a.png");
  EXPECT_EQ(stored.at("customData").at("plan"), "free");
  EXPECT_EQ(stored.at("profile").at("familyName"), "Whole");
}

// Issue #15, item 1: the console shows a refused setting next to its field by "field", not by a
// pattern over the message.
TEST_F(ManagementApiTest, ARefusedSignInExperienceSettingNamesItsField) {
  auto refused = call(verb::patch, "/api/sign-in-exp",
                      json::object{{"signUp", {{"identifiers", json::array{"fax"}}}}});
  EXPECT_EQ(refused.status, 400u);
  EXPECT_EQ(json_text(refused.json(), "code"), "guard.invalid_input");
  EXPECT_EQ(json_text(refused.json(), "field"), "signUp.identifiers");
  auto mode = call(verb::patch, "/api/sign-in-exp", json::object{{"signInMode", "Both"}});
  EXPECT_EQ(json_text(mode.json(), "field"), "signInMode");
}

TEST_F(ManagementApiTest, AUserIsReadUpdatedSuspendedAndDeleted) {
  auto created = call(verb::post, "/api/users",
                      json::object{{"username", "carol"},
                                   {"primaryEmail", "carol@example.test"},
                                   {"customData", {{"plan", "free"}}}});
  ASSERT_EQ(created.status, 200u) << created.body;
  std::string id = json_text(created.json(), "id");
  EXPECT_EQ(created.json().at("customData").at("plan"), "free");
  EXPECT_FALSE(created.json().at("hasPassword").as_bool());

  auto patched = call(verb::patch, "/api/users/" + id,
                      json::object{{"name", "Carol C."}, {"primaryEmail", nullptr}});
  ASSERT_EQ(patched.status, 200u) << patched.body;
  EXPECT_EQ(json_text(patched.json(), "name"), "Carol C.");
  EXPECT_TRUE(patched.json().at("primaryEmail").is_null());

  auto data = call(verb::patch, "/api/users/" + id + "/custom-data",
                   json::object{{"customData", {{"plan", "pro"}}}});
  EXPECT_EQ(data.json().at("plan"), "pro");
  EXPECT_EQ(call(verb::get, "/api/users/" + id + "/custom-data").json().at("plan"), "pro");

  auto short_pw =
      call(verb::patch, "/api/users/" + id + "/password", json::object{{"password", "short"}});
  EXPECT_EQ(short_pw.status, 400u);
  EXPECT_FALSE(
      call(verb::get, "/api/users/" + id + "/has-password").json().at("hasPassword").as_bool());
  auto pw = call(verb::patch, "/api/users/" + id + "/password",
                 json::object{{"password", "Juniper-Quiet-Meadow-71"}});
  EXPECT_TRUE(pw.json().at("hasPassword").as_bool());
  EXPECT_EQ(call(verb::post, "/api/users/" + id + "/password/verify",
                 json::object{{"password", "Juniper-Quiet-Meadow-71"}})
                .status,
            204u);
  auto wrong = call(verb::post, "/api/users/" + id + "/password/verify",
                    json::object{{"password", "not it"}});
  EXPECT_EQ(wrong.status, 422u);
  EXPECT_EQ(json_text(wrong.json(), "code"), "session.invalid_credentials");
  auto profile = call(verb::patch, "/api/users/" + id + "/profile",
                      json::object{{"profile", {{"familyName", "Carver"}}}});
  EXPECT_EQ(json_text(profile.json(), "familyName"), "Carver");

  auto suspended =
      call(verb::patch, "/api/users/" + id + "/is-suspended", json::object{{"isSuspended", true}});
  EXPECT_TRUE(suspended.json().at("isSuspended").as_bool());
  EXPECT_EQ(call(verb::delete_, "/api/users/" + id + "/identities/github").status, 404u);

  EXPECT_EQ(call(verb::delete_, "/api/users/" + id).status, 204u);
  auto gone = call(verb::get, "/api/users/" + id);
  EXPECT_EQ(gone.status, 404u);
  EXPECT_EQ(json_text(gone.json(), "code"), "entity.not_found");
}

TEST_F(ManagementApiTest, ApplicationsFollowLogtosShape) {
  auto created = call(verb::post, "/api/applications",
                      json::object{{"name", "Bookstore"},
                                   {"type", "Traditional"},
                                   {"oidcClientMetadata",
                                    {{"redirectUris", {"http://localhost:3000/callback"}},
                                     {"postLogoutRedirectUris", {"http://localhost:3000"}}}}});
  ASSERT_EQ(created.status, 200u) << created.body;
  auto app = created.json();
  std::string id = json_text(app, "id");
  EXPECT_EQ(json_text(app, "type"), "Traditional");
  EXPECT_FALSE(app.as_object().contains("secret"));  // Logto shows it only through /secrets
  auto secrets = call(verb::get, "/api/applications/" + id + "/secrets");
  ASSERT_EQ(secrets.status, 200u) << secrets.body;
  std::string secret = json_text(secrets.json().as_array().at(0), "value");
  EXPECT_FALSE(secret.empty());

  auto patched = call(
      verb::patch, "/api/applications/" + id,
      json::object{{"oidcClientMetadata",
                    {{"redirectUris",
                      {"http://localhost:3000/callback", "https://books.example/callback"}}}}});
  ASSERT_EQ(patched.status, 200u) << patched.body;
  EXPECT_EQ(patched.json().at("oidcClientMetadata").at("redirectUris").as_array().size(), 2u);
  auto fragment = call(verb::patch, "/api/applications/" + id,
                       json::object{{"oidcClientMetadata", {{"redirectUris", {"https://x/#y"}}}}});
  EXPECT_EQ(fragment.status, 400u);
  // A member of a nested object is named with its whole path.
  auto unknown = call(verb::patch, "/api/applications/" + id,
                      json::object{{"oidcClientMetadata", {{"grantTypes", json::array{}}}}});
  EXPECT_EQ(unknown.status, 400u);
  EXPECT_EQ(json_text(unknown.json(), "field"), "oidcClientMetadata.grantTypes");
  EXPECT_EQ(json_text(unknown.json(), "message"), "unknown field oidcClientMetadata.grantTypes");
  auto wrong = call(verb::patch, "/api/applications/" + id,
                    json::object{{"customClientMetadata", {{"rotateRefreshToken", "yes"}}}});
  EXPECT_EQ(wrong.status, 400u);
  EXPECT_EQ(json_text(wrong.json(), "field"), "customClientMetadata.rotateRefreshToken");
  auto mistyped = call(verb::patch, "/api/applications/" + id,
                       json::object{{"oidcClientMetadata", {{"redirectUris", "https://x/cb"}}}});
  EXPECT_EQ(json_text(mistyped.json(), "field"), "oidcClientMetadata.redirectUris");
  // Issue #14, defect 17: the schemes a web app may redirect to, on every write.
  for (const char* bad : {"javascript:alert(1)", "JavaScript://x/%0aalert(1)", "data:text/html,x",
                          "myapp://callback", "file:///etc/passwd", "https:///no-host"}) {
    SCOPED_TRACE(bad);
    auto patch = call(verb::patch, "/api/applications/" + id,
                      json::object{{"oidcClientMetadata", {{"redirectUris", {bad}}}}});
    EXPECT_EQ(patch.status, 400u);
    auto logout = call(verb::patch, "/api/applications/" + id,
                       json::object{{"oidcClientMetadata", {{"postLogoutRedirectUris", {bad}}}}});
    EXPECT_EQ(logout.status, 400u);
    auto create = call(
        verb::post, "/api/applications",
        json::object{
            {"name", "Bad"}, {"type", "SPA"}, {"oidcClientMetadata", {{"redirectUris", {bad}}}}});
    EXPECT_EQ(create.status, 400u);
  }
  auto native =
      call(verb::post, "/api/applications",
           json::object{{"name", "Phone"},
                        {"type", "Native"},
                        {"oidcClientMetadata", {{"redirectUris", {"com.example.app:/callback"}}}}});
  EXPECT_EQ(native.status, 200u) << native.body;
  auto native_js = call(verb::post, "/api/applications",
                        json::object{{"name", "Phone"},
                                     {"type", "Native"},
                                     {"oidcClientMetadata", {{"redirectUris", {"javascript:x"}}}}});
  EXPECT_EQ(native_js.status, 400u);

  auto rotated = call(verb::post, "/api/applications/" + id + "/secret/rotate");
  EXPECT_EQ(json_text(rotated.json(), "name"), "Default secret");
  EXPECT_NE(json_text(rotated.json(), "value"), secret);

  auto listed = call(verb::get, "/api/applications?page_size=100");
  EXPECT_GE(std::stoi(listed.header("Total-Number")), 3);
  auto bad_type =
      call(verb::post, "/api/applications", json::object{{"name", "x"}, {"type", "Desktop"}});
  EXPECT_EQ(bad_type.status, 400u);
  EXPECT_EQ(call(verb::delete_, "/api/applications/" + id).status, 204u);
  EXPECT_EQ(call(verb::get, "/api/applications/" + id).status, 404u);
}

// Latch's client authentication members of oidcClientMetadata (RFC 7591 §2 names;
// docs/protocols.md, "Client authentication").
TEST_F(ManagementApiTest, ApplicationsTakeTheirClientAuthenticationMethodAndKeys) {
  auto created = call(verb::post, "/api/applications",
                      json::object{{"name", "Worker"}, {"type", "MachineToMachine"}});
  ASSERT_EQ(created.status, 200u) << created.body;
  std::string path = "/api/applications/" + json_text(created.json(), "id");
  auto metadata = [](const HttpResponse& res) { return res.json().at("oidcClientMetadata"); };
  EXPECT_EQ(json_text(metadata(created), "tokenEndpointAuthMethod"), "client_secret_basic");

  auto keyless =
      call(verb::patch, path,
           json::object{{"oidcClientMetadata", {{"tokenEndpointAuthMethod", "private_key_jwt"}}}});
  EXPECT_EQ(keyless.status, 400u);
  EXPECT_EQ(json_text(keyless.json(), "field"), "oidcClientMetadata.jwks");
  auto by_uri = call(verb::patch, path,
                     json::object{{"oidcClientMetadata",
                                   {{"tokenEndpointAuthMethod", "private_key_jwt"},
                                    {"jwksUri", "https://worker.example/jwks.json"}}}});
  ASSERT_EQ(by_uri.status, 200u) << by_uri.body;
  EXPECT_EQ(json_text(metadata(by_uri), "tokenEndpointAuthMethod"), "private_key_jwt");
  EXPECT_EQ(json_text(metadata(by_uri), "jwksUri"), "https://worker.example/jwks.json");
  json::object jwks{
      {"keys", json::array{json::object{{"kty", "OKP"},
                                        {"crv", "Ed25519"},
                                        {"x", "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}}}}};
  auto inline_keys =
      call(verb::patch, path,
           json::object{{"oidcClientMetadata", {{"jwks", jwks}, {"jwksUri", nullptr}}}});
  ASSERT_EQ(inline_keys.status, 200u) << inline_keys.body;
  EXPECT_EQ(metadata(inline_keys).at("jwks"), jwks);
  EXPECT_FALSE(metadata(inline_keys).as_object().contains("jwksUri"));
  EXPECT_EQ(call(verb::get, path).json().at("oidcClientMetadata").at("jwks"), jwks);

  auto unknown =
      call(verb::patch, path,
           json::object{{"oidcClientMetadata", {{"tokenEndpointAuthMethod", "tls_client_auth"}}}});
  EXPECT_EQ(unknown.status, 400u);
  EXPECT_EQ(json_text(unknown.json(), "field"), "oidcClientMetadata.tokenEndpointAuthMethod");
  auto not_a_set =
      call(verb::patch, path,
           json::object{{"oidcClientMetadata", {{"jwks", json::object{{"kty", "EC"}}}}}});
  EXPECT_EQ(not_a_set.status, 400u);
  auto public_client = call(
      verb::post, "/api/applications",
      json::object{{"name", "Spa"},
                   {"type", "SPA"},
                   {"oidcClientMetadata", {{"tokenEndpointAuthMethod", "client_secret_jwt"}}}});
  EXPECT_EQ(public_client.status, 400u);
  EXPECT_EQ(call(verb::delete_, path).status, 204u);
}

TEST_F(ManagementApiTest, SocialConnectorsAreManagedWithSecretsMasked) {
  auto factories = call(verb::get, "/api/connector-factories");
  ASSERT_EQ(factories.status, 200u);
  bool github = false;
  auto list = factories.json();
  for (const auto& f : list.as_array()) github |= json_text(f, "id") == "github-universal";
  EXPECT_TRUE(github);

  auto created = call(verb::post, "/api/connectors",
                      json::object{{"connectorId", "github-universal"},
                                   {"config", {{"clientId", "abc"}, {"clientSecret", "s3cret"}}}});
  ASSERT_EQ(created.status, 200u) << created.body;
  std::string id = json_text(created.json(), "id");
  EXPECT_EQ(json_text(created.json().at("config"), "clientSecret"), "********");
  EXPECT_EQ(json_text(created.json(), "callbackUri"), server().endpoint() + "/callback/" + id);

  auto missing = call(verb::post, "/api/connectors",
                      json::object{{"connectorId", "oidc"}, {"config", {{"clientId", "x"}}}});
  EXPECT_EQ(missing.status, 400u);

  auto patched =
      call(verb::patch, "/api/connectors/" + id,
           json::object{{"config", {{"scope", "read:user user:email"}}}, {"syncProfile", true}});
  ASSERT_EQ(patched.status, 200u) << patched.body;
  EXPECT_TRUE(patched.json().at("syncProfile").as_bool());
  EXPECT_EQ(json_text(patched.json().at("config"), "scope"), "read:user user:email");
  EXPECT_EQ(call(verb::delete_, "/api/connectors/" + id).status, 204u);
  EXPECT_EQ(call(verb::get, "/api/connectors/" + id).status, 404u);
}

TEST_F(ManagementApiTest, ResourcesAndScopesAreManaged) {
  auto created = call(verb::post, "/api/resources",
                      json::object{{"name", "Billing"}, {"indicator", "https://billing.example"}});
  ASSERT_EQ(created.status, 200u) << created.body;
  std::string id = json_text(created.json(), "id");
  EXPECT_EQ(created.json().at("accessTokenTtl").as_int64(), 3600);
  auto dup = call(verb::post, "/api/resources",
                  json::object{{"name", "Again"}, {"indicator", "https://billing.example"}});
  EXPECT_EQ(dup.status, 422u);
  auto relative =
      call(verb::post, "/api/resources", json::object{{"name", "x"}, {"indicator", "billing"}});
  EXPECT_EQ(relative.status, 400u);

  auto scope = call(verb::post, "/api/resources/" + id + "/scopes",
                    json::object{{"name", "read:invoices"}, {"description", "Read invoices"}});
  ASSERT_EQ(scope.status, 201u) << scope.body;
  std::string scope_id = json_text(scope.json(), "id");
  auto spaced =
      call(verb::post, "/api/resources/" + id + "/scopes", json::object{{"name", "read invoices"}});
  EXPECT_EQ(spaced.status, 400u);
  auto scopes = call(verb::get, "/api/resources/" + id + "/scopes");
  EXPECT_EQ(scopes.header("Total-Number"), "1");

  // The indicator cannot change: one sent along is ignored, as Logto ignores it.
  auto patched = call(verb::patch, "/api/resources/" + id,
                      json::object{{"name", "Billing API"},
                                   {"accessTokenTtl", 600},
                                   {"indicator", "https://elsewhere.example"}});
  EXPECT_EQ(json_text(patched.json(), "name"), "Billing API");
  EXPECT_EQ(patched.json().at("accessTokenTtl").as_int64(), 600);
  EXPECT_EQ(json_text(patched.json(), "indicator"), "https://billing.example");

  EXPECT_EQ(call(verb::delete_, "/api/resources/" + id + "/scopes/" + scope_id).status, 204u);
  EXPECT_EQ(call(verb::delete_, "/api/resources/" + id + "/scopes/" + scope_id).status, 404u);
  EXPECT_EQ(call(verb::delete_, "/api/resources/" + id).status, 204u);
  EXPECT_EQ(call(verb::get, "/api/resources/" + id).status, 404u);
  // The management API itself stays (Logto's codes).
  auto kept = call(verb::delete_, "/api/resources/management-api");
  EXPECT_EQ(kept.status, 400u);
  EXPECT_EQ(json_text(kept.json(), "code"), "resource.cannot_delete_management_api");
  EXPECT_EQ(call(verb::get, "/api/resources/management-api").status, 200u);
  // Built in: no new or fewer scopes, no rename, never the default audience; its token lifetime
  // may change.
  std::vector<HttpResponse> refused{
      call(verb::post, "/api/resources/management-api/scopes", json::object{{"name", "x"}}),
      call(verb::delete_, "/api/resources/management-api/scopes/management-api-all"),
      call(verb::patch, "/api/resources/management-api", json::object{{"isDefault", true}}),
      call(verb::patch, "/api/resources/logto-management-api", json::object{{"name", "Mine"}})};
  for (const auto& res : refused) {
    EXPECT_EQ(res.status, 400u) << res.body;
    EXPECT_EQ(json_text(res.json(), "code"), "resource.cannot_modify_management_api");
  }
  auto ttl =
      call(verb::patch, "/api/resources/management-api", json::object{{"accessTokenTtl", 1800}});
  EXPECT_EQ(ttl.status, 200u) << ttl.body;
  call(verb::patch, "/api/resources/management-api", json::object{{"accessTokenTtl", 3600}});
}

// Issue #14, defect 18: failed client authentications are in the audit log, with the client the
// request claimed, the endpoint and the address.
TEST_F(ManagementApiTest, TheAuditLogRecordsFailedClientAuthentications) {
  auto m2m = create_app(server(), "m2m");
  HttpResponse wrong =
      token_with_basic(server(), {m2m.id, "not-the-secret"}, "grant_type=client_credentials");
  EXPECT_EQ(wrong.status, 401u);
  HttpResponse introspect = server().client().post_form(
      "/oidc/token/introspection", "token=x", {{"Authorization", basic_auth("nobody", "x")}});
  EXPECT_EQ(introspect.status, 400u);  // no such client: invalid_client as a bad request
  auto logs = call(verb::get, "/api/logs?logKey=Client.Authenticate&page_size=100");
  ASSERT_EQ(logs.status, 200u) << logs.body;
  bool token = false, inspection = false;
  auto list = logs.json();
  for (const auto& entry : list.as_array()) {
    const auto& payload = entry.at("payload");
    EXPECT_EQ(json_text(payload, "result"), "Error");
    EXPECT_EQ(json_text(payload, "ip"), "127.0.0.1");
    token |= json_text(payload, "clientId") == m2m.id &&
             json_text(payload, "endpoint") == "/oidc/token" &&
             json_text(payload, "applicationId") == m2m.id;
    inspection |= json_text(payload, "clientId") == "nobody" &&
                  json_text(payload, "endpoint") == "/oidc/token/introspection";
  }
  EXPECT_TRUE(token) << logs.body;
  EXPECT_TRUE(inspection) << logs.body;
}

TEST_F(ManagementApiTest, TheAuditLogRecordsSignInsFailuresAndAdminChanges) {
  auto web = create_user_app(server(), {.redirect_uris = {"http://localhost:3000/callback"}});
  ASSERT_TRUE(wait_until_client_known(server(), web, "http://localhost:3000/callback"));
  std::string dave =
      create_user(server(), {.username = "dave", .password = "Dave-Long-Passphrase"});
  AuthorizeRequest request{.client_id = web.id, .redirect_uri = "http://localhost:3000/callback"};
  BrowserSession wrong(server());
  authorize_and_sign_in(wrong, request, "dave", "not-the-password");
  BrowserSession right(server());
  ASSERT_FALSE(
      code_of(authorize_and_sign_in(right, request, "dave", "Dave-Long-Passphrase")).empty());

  auto failures =
      call(verb::get, "/api/logs?logKey=Interaction.SignIn.Verification.Password&userId=" + dave);
  ASSERT_EQ(failures.status, 200u);
  ASSERT_EQ(failures.header("Total-Number"), "1");
  auto failure_list = failures.json();
  const auto& failure = failure_list.as_array()[0].at("payload");
  EXPECT_EQ(json_text(failure, "result"), "Error");
  EXPECT_EQ(json_text(failure, "applicationId"), web.id);
  EXPECT_EQ(json_text(failure.at("identifier"), "value"), "dave");
  EXPECT_EQ(failure.as_object().count("password"), 0u);

  auto sign_ins = call(verb::get, "/api/logs?logKey=Interaction.SignIn.Submit&userId=" + dave);
  ASSERT_EQ(sign_ins.header("Total-Number"), "1");
  auto entry = sign_ins.json().as_array()[0];
  EXPECT_EQ(json_text(entry.at("payload"), "result"), "Success");
  auto one = call(verb::get, "/api/logs/" + json_text(entry, "id"));
  EXPECT_EQ(json_text(one.json(), "key"), "Interaction.SignIn.Submit");

  ASSERT_EQ(call(verb::patch, "/api/users/" + dave, json::object{{"name", "Dave"}}).status, 200u);
  auto changes =
      call(verb::get, "/api/logs?logKey=Management.PATCH&applicationId=" + m2m_.id).json();
  ASSERT_GE(changes.as_array().size(), 1u);
  EXPECT_EQ(json_text(changes.as_array()[0].at("payload"), "path"), "/api/users/" + dave);
  EXPECT_EQ(call(verb::get, "/api/logs/nope").status, 404u);

  // A refused call is audited too (issue 21), with its status and the error code it answered.
  auto missing = call(verb::get, "/api/users/no-such-user");
  ASSERT_EQ(missing.status, 404u);
  std::string missing_code = json_text(missing.json(), "code");
  auto refused = call(verb::get, "/api/logs?logKey=Management.GET&applicationId=" + m2m_.id).json();
  bool refusal_logged = false;
  for (const auto& e : refused.as_array()) {
    const auto& payload = e.at("payload");
    if (json_text(payload, "path") != "/api/users/no-such-user") continue;
    refusal_logged = true;
    EXPECT_EQ(json_text(payload, "result"), "Error");
    EXPECT_EQ(payload.at("status").to_number<std::int64_t>(), 404);
    EXPECT_EQ(json_text(payload, "code"), missing_code);
  }
  EXPECT_TRUE(refusal_logged) << json::serialize(refused);

  // The sign-in experience (served by the experience module) is audited the same way.
  ASSERT_EQ(call(verb::patch, "/api/sign-in-exp", json::object{{"customCss", ".a{}"}}).status,
            200u);
  auto experience = call(verb::get, "/api/logs?logKey=Management.PATCH").json();
  bool seen = false;
  for (const auto& e : experience.as_array()) {
    seen |= json_text(e.at("payload"), "path") == "/api/sign-in-exp";
  }
  EXPECT_TRUE(seen);
}

// Issue #14, defect 8: an operator's own sign-in reaches the management API only through the
// console's client (tests/integration/console_test.cpp); any other app asking for it is refused.
TEST_F(ManagementApiTest, NoAppButTheConsoleGetsAnOperatorsManagementToken) {
  const std::string callback = "http://localhost:4000/callback";
  auto other = create_user_app(server(), {.redirect_uris = {callback}});
  auto admin = server().cli(
      {"admin", "create", "--username", "root_op", "--password", "Operator-Passphrase-1"});
  ASSERT_EQ(admin.exit_code, 0) << admin.err;
  auto listed = cli_json(server(), {"admin", "list", "--json"}).as_array();
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(json_text(listed[0], "username"), "root_op");

  AuthorizeRequest request{
      .client_id = other.id, .redirect_uri = callback, .scope = "openid all", .state = "st"};
  request.extra.add("resource", kManagement);
  BrowserSession browser(server());
  EXPECT_TRUE(is_error_redirect(browser.get(request.target()), callback, "invalid_target", "st",
                                server().endpoint() + "/oidc"));
}

TEST_F(ManagementApiTest, TheEmailConnectorSendsATestMessage) {
  FakeSmtpServer smtp;
  auto sent_before =
      call(verb::post, "/api/connectors/smtp/test", json::object{{"email", "ops@example.test"}});
  EXPECT_EQ(sent_before.status, 404u) << sent_before.body;  // none configured yet
  ASSERT_EQ(
      server()
          .cli({"email", "set-smtp", "--host", "127.0.0.1", "--port", std::to_string(smtp.port()),
                "--security", "none", "--from", "Latch <no-reply@example.test>"})
          .exit_code,
      0);
  auto sent =
      call(verb::post, "/api/connectors/smtp/test", json::object{{"email", "ops@example.test"}});
  EXPECT_EQ(sent.status, 204u) << sent.body;
  auto mail = smtp.wait_for(1);
  EXPECT_NE(mail.to.find("ops@example.test"), std::string::npos);
  // Subject "Latch test message", RFC 2047 base64 as the sender writes every subject.
  EXPECT_NE(mail.data.find("Subject: =?UTF-8?B?" + crypto::base64_encode("Latch test message")),
            std::string::npos)
      << mail.data;
  EXPECT_EQ(call(verb::post, "/api/connectors/smtp/test", json::object{{"phone", "123"}}).status,
            400u);
  EXPECT_EQ(call(verb::post, "/api/connectors/fax/test", json::object{{"email", "a@b.c"}}).status,
            404u);
}

// /api/users/x/scopes/y -> /api/users/{...}/scopes/{...} matching: the document's path template
// fits the concrete path used in all_routes().
bool template_fits(const std::string& tmpl, const std::string& path) {
  std::size_t i = 0, j = 0;
  while (i < tmpl.size() && j < path.size()) {
    if (tmpl[i] == '{') {
      i = tmpl.find('}', i) + 1;
      while (j < path.size() && path[j] != '/') ++j;
    } else if (tmpl[i++] != path[j++]) {
      return false;
    }
  }
  return i == tmpl.size() && j == path.size();
}

// "GET /api/users/{}" for every operation of a routes-table row of docs/management-api.md
// ("`GET`, `PATCH /api/users/:userId`", optional tails as "[/:id]", queries dropped) or of the
// OpenAPI document; parameter names do not matter.
std::string normalized_path(std::string path) {
  if (auto query = path.find('?'); query != std::string::npos) path.erase(query);
  std::string out;
  for (std::size_t i = 0; i < path.size(); ++i) {
    bool param = (path[i] == ':' || path[i] == '{') && i > 0 && path[i - 1] == '/';
    if (!param) {
      out += path[i];
      continue;
    }
    out += "{}";
    while (i + 1 < path.size() && path[i + 1] != '/') ++i;
  }
  return out;
}

std::set<std::string> documented_operations() {
  std::ifstream in(std::string(LATCH_SOURCE_DIR) + "/docs/management-api.md");
  std::set<std::string> out;
  bool table = false;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("## ", 0) == 0) table = line == "## Routes";
    if (!table || line.rfind("| `", 0) != 0) continue;
    std::string cell = line.substr(2, line.find(" | ") - 2);
    std::vector<std::string> methods;
    std::string path;
    for (std::size_t at = 0; (at = cell.find('`', at)) != std::string::npos;) {
      auto end = cell.find('`', at + 1);
      std::string token = cell.substr(at + 1, end - at - 1);
      at = end + 1;
      auto space = token.find(' ');
      methods.push_back(token.substr(0, space));
      if (space != std::string::npos) path = token.substr(space + 1);
    }
    std::vector<std::string> paths{path};
    if (auto optional = path.find('['); optional != std::string::npos) {
      paths = {path.substr(0, optional),
               path.substr(0, optional) + path.substr(optional + 1, path.find(']') - optional - 1)};
    }
    for (const auto& m : methods) {
      for (const auto& p : paths) out.insert(m + " " + normalized_path(p));
    }
  }
  return out;
}

TEST_F(ManagementApiTest, TheRoutesTableListsExactlyTheOpenApiOperations) {
  auto doc = server().client().get("/api/swagger.json").json();
  std::set<std::string> served;
  for (const auto& [path, ops] : doc.at("paths").as_object()) {
    for (const auto& [method, op] : ops.as_object()) {
      std::string upper(method);
      for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      served.insert(upper + " " + normalized_path(std::string(path)));
    }
  }
  auto documented = documented_operations();
  documented.erase("GET /api/swagger.json");
  served.erase("GET /api/swagger.json");
  ASSERT_GT(documented.size(), 20u) << "the routes table was not found";
  for (const auto& op : served) EXPECT_TRUE(documented.contains(op)) << "undocumented: " << op;
  for (const auto& op : documented) EXPECT_TRUE(served.contains(op)) << "not served: " << op;
}

TEST_F(ManagementApiTest, TheOpenApiDocumentListsExactlyTheRoutesThatAnswer) {
  auto res = server().client().get("/api/swagger.json");
  ASSERT_EQ(res.status, 200u);
  auto doc = res.json();
  EXPECT_EQ(json_text(doc, "openapi"), "3.0.1");
  const auto& paths = doc.at("paths").as_object();
  // Every route the tests know is documented with its method...
  for (const auto& route : all_routes()) {
    std::string method(boost::beast::http::to_string(route.method));
    for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    bool documented = false;
    for (const auto& [tmpl, ops] : paths) {
      if (template_fits(std::string(tmpl), route.path) && ops.as_object().contains(method)) {
        documented = true;
      }
    }
    EXPECT_TRUE(documented) << method << " " << route.path;
  }
  // ... and every documented operation exists (asks for a token rather than 404/405).
  std::size_t operations = 0;
  for (const auto& [tmpl, ops] : paths) {
    std::string path(tmpl);
    for (std::size_t at; (at = path.find('{')) != std::string::npos;) {
      path.replace(at, path.find('}', at) - at + 1, "x");
    }
    for (const auto& [method, op] : ops.as_object()) {
      ++operations;
      auto verb =
          boost::beast::http::string_to_verb(std::string(method) == "delete" ? "DELETE" : [&] {
            std::string m(method);
            for (auto& c : m) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            return m;
          }());
      EXPECT_EQ(call(verb, path, nullptr, "").status, 401u) << method << " " << path;
      EXPECT_FALSE(json_text(op, "summary").empty());
    }
  }
  EXPECT_EQ(operations, all_routes().size());
}

}  // namespace
}  // namespace latch::test
