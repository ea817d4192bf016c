// Logto's customClientMetadata (issue #24): kept as the Management API was given it, and acted
// on by the OP: idTokenTtl, refreshTokenTtlInDays, alwaysIssueRefreshToken, rotateRefreshToken,
// maxAllowedGrants; offline_access granted only with prompt=consent (OIDC Core §11).
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <stdexcept>

#include "support/roles_fixture.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;
using boost::beast::http::verb;

constexpr const char* kCallback = "http://localhost:5173/callback";
constexpr const char* kNativeCallback = "io.latch.test:/callback";

class ApplicationTokenSettingsTest : public RolesFixture<ApplicationTokenSettingsTest> {
 public:
  static void provision_more(TestServer& server) { create_user(server, tess_); }

 protected:
  // POST /api/applications with `custom` as customClientMetadata; the answer.
  static HttpResponse post_app(const std::string& type, const json::value& custom) {
    const char* uri = type == "Native" ? kNativeCallback : kCallback;
    json::object body{
        {"name", type + " app"},
        {"type", type},
        {"oidcClientMetadata",
         {{"redirectUris", json::array{uri}}, {"postLogoutRedirectUris", json::array{}}}},
        {"customClientMetadata", custom}};
    return call(verb::post, "/api/applications", body);
  }

  // An app made through the API with `custom`, once the OP knows it (with its secret, for a
  // Traditional one).
  static AppCredentials make_app(const std::string& type, const json::object& custom) {
    auto res = post_app(type, custom);
    if (res.status != 200) throw std::runtime_error("app refused: " + res.body);
    AppCredentials app{json_text(res.json(), "id"), ""};
    if (type == "Traditional") {
      auto secrets = call(verb::get, "/api/applications/" + app.id + "/secrets").json();
      app.secret = json_text(secrets.as_array().at(0), "value");
    }
    const char* uri = type == "Native" ? kNativeCallback : kCallback;
    if (!wait_until_client_known(server(), app, uri)) throw std::runtime_error("app not loaded");
    return app;
  }

  static json::object tokens(const AppCredentials& app, const std::string& prompt,
                             const char* uri = kCallback) {
    AuthorizeRequest request{.client_id = app.id, .redirect_uri = uri};
    request.extra.add("prompt", prompt);
    return sign_in_and_redeem(server(), app, request, tess_);
  }

  static inline UserSpec tess_{.username = "tess", .password = "Lantern-Fjord-58"};
};

TEST_F(ApplicationTokenSettingsTest, CustomClientMetadataIsKeptAsGivenWithoutUnknownMembers) {
  auto res = post_app("SPA", json::object{{"idTokenTtl", 600},
                                          {"rotateRefreshToken", false},
                                          {"refreshTokenTtlInDays", 3},
                                          {"tenantId", "t1"},
                                          {"maxAllowedGrants", 2},
                                          {"notLogtos", 1}});
  ASSERT_EQ(res.status, 200u) << res.body;
  json::value expected = json::object{{"idTokenTtl", 600},
                                      {"rotateRefreshToken", false},
                                      {"refreshTokenTtlInDays", 3},
                                      {"tenantId", "t1"},
                                      {"maxAllowedGrants", 2}};
  EXPECT_EQ(res.json().at("customClientMetadata"), expected);
  auto fetched = call(verb::get, "/api/applications/" + json_text(res.json(), "id"));
  EXPECT_EQ(fetched.json().at("customClientMetadata"), expected);
}

TEST_F(ApplicationTokenSettingsTest, APatchReplacesTheWholeObject) {
  auto made = post_app("Traditional", json::object{{"maxAllowedGrants", 4}});
  ASSERT_EQ(made.status, 200u) << made.body;
  std::string path = "/api/applications/" + json_text(made.json(), "id");
  auto patched =
      call(verb::patch, path, json::object{{"customClientMetadata", {{"idTokenTtl", 3600}}}});
  ASSERT_EQ(patched.status, 200u) << patched.body;
  json::value expected = json::object{{"idTokenTtl", 3600}};
  EXPECT_EQ(call(verb::get, path).json().at("customClientMetadata"), expected);
}

TEST_F(ApplicationTokenSettingsTest, MistypedMembersAreRefused) {
  const json::object bad[] = {{{"refreshTokenTtlInDays", 0}},
                              {{"refreshTokenTtlInDays", 181}},
                              {{"refreshTokenTtlInDays", 1.5}},
                              {{"maxAllowedGrants", 0}},
                              {{"idTokenTtl", "1h"}},
                              {{"rotateRefreshToken", "no"}},
                              {{"corsAllowedOrigins", json::array{""}}},
                              {{"tenantId", 1}}};
  for (const auto& custom : bad) {
    auto res = post_app("SPA", custom);
    EXPECT_EQ(res.status, 400u) << json::serialize(custom);
    EXPECT_EQ(json_text(res.json(), "code"), "guard.invalid_input") << json::serialize(custom);
  }
}

TEST_F(ApplicationTokenSettingsTest, IdTokenTtlSetsTheIdTokenLifetime) {
  AppCredentials short_lived = make_app("SPA", {{"idTokenTtl", 120}});
  auto id_token = verified_payload(server(), json_text(tokens(short_lived, "consent"), "id_token"));
  EXPECT_EQ(id_token.at("exp").as_int64() - id_token.at("iat").as_int64(), 120);
  AppCredentials plain = make_app("SPA", {});
  id_token = verified_payload(server(), json_text(tokens(plain, "consent"), "id_token"));
  EXPECT_EQ(id_token.at("exp").as_int64() - id_token.at("iat").as_int64(), 3600);
}

TEST_F(ApplicationTokenSettingsTest, RefreshTokenTtlInDaysSetsTheRefreshTokenLifetime) {
  AppCredentials app = make_app("Traditional", {{"refreshTokenTtlInDays", 2}});
  std::string refresh_token = json_text(tokens(app, "consent"), "refresh_token");
  auto res = introspect(server(), app, refresh_token);
  ASSERT_EQ(res.status, 200u) << res.body;
  ASSERT_TRUE(res.json().at("active").as_bool()) << res.body;
  std::int64_t left = res.json().at("exp").as_int64() - unix_now();
  EXPECT_GT(left, 2 * 86400 - 60);
  EXPECT_LE(left, 2 * 86400);
}

TEST_F(ApplicationTokenSettingsTest, OfflineAccessGivesARefreshTokenOnlyWithPromptConsent) {
  AppCredentials app = make_app("SPA", {});
  EXPECT_FALSE(json_text(tokens(app, "consent"), "refresh_token").empty());
  json::object without = tokens(app, "login");
  EXPECT_FALSE(without.contains("refresh_token"));
  EXPECT_EQ(json_text(without, "scope").find("offline_access"), std::string::npos);
}

TEST_F(ApplicationTokenSettingsTest, AlwaysIssueRefreshTokenGivesWebAppsOneWithoutConsent) {
  AppCredentials spa = make_app("SPA", {{"alwaysIssueRefreshToken", true}});
  std::string refresh_token = json_text(tokens(spa, "login"), "refresh_token");
  ASSERT_FALSE(refresh_token.empty());
  EXPECT_EQ(refresh(server(), spa, refresh_token).status, 200u);
  AppCredentials off = make_app("SPA", {{"alwaysIssueRefreshToken", false}});
  EXPECT_FALSE(tokens(off, "login").contains("refresh_token"));
  AppCredentials native = make_app("Native", {{"alwaysIssueRefreshToken", true}});
  EXPECT_FALSE(tokens(native, "login", kNativeCallback).contains("refresh_token"));
}

TEST_F(ApplicationTokenSettingsTest, RotateRefreshTokenFalseKeepsTheRefreshToken) {
  AppCredentials app = make_app("SPA", {{"rotateRefreshToken", false}});
  std::string refresh_token = json_text(tokens(app, "consent"), "refresh_token");
  for (int i = 0; i < 2; ++i) {
    auto res = refresh(server(), app, refresh_token);
    ASSERT_EQ(res.status, 200u) << res.body;
    EXPECT_EQ(json_text(res.json(), "refresh_token"), refresh_token);
  }
}

TEST_F(ApplicationTokenSettingsTest, MaxAllowedGrantsRevokesTheOlderGrants) {
  AppCredentials one = make_app("Traditional", {{"maxAllowedGrants", 1}});
  std::string first = json_text(tokens(one, "consent"), "refresh_token");
  std::string second = json_text(tokens(one, "consent"), "refresh_token");
  EXPECT_EQ(json_text(refresh(server(), one, first).json(), "error"), "invalid_grant");
  EXPECT_EQ(refresh(server(), one, second).status, 200u);
  AppCredentials two = make_app("Traditional", {{"maxAllowedGrants", 2}});
  first = json_text(tokens(two, "consent"), "refresh_token");
  second = json_text(tokens(two, "consent"), "refresh_token");
  EXPECT_EQ(refresh(server(), two, first).status, 200u);
  EXPECT_EQ(refresh(server(), two, second).status, 200u);
}

}  // namespace
}  // namespace latch::test
