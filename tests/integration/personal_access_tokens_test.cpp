// Users' personal access tokens (issue #24, item 5): Logto's
// /api/users/:userId/personal-access-tokens, and the token exchange grant that trades one for an
// access token speaking for the user (subject_token_type
// urn:logto:token-type:personal_access_token).
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>

#include "support/jwt_inspect.hpp"
#include "support/oauth_expectations.hpp"
#include "support/roles_fixture.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;
using boost::beast::http::verb;

constexpr const char* kCallback = "http://localhost:4200/callback";
constexpr std::string_view kGrant = "urn:ietf:params:oauth:grant-type:token-exchange";
constexpr std::string_view kPatType = "urn:logto:token-type:personal_access_token";

class PersonalAccessTokensTest : public RolesFixture<PersonalAccessTokensTest> {
 public:
  static void provision_more(TestServer& server) {
    web_ = create_user_app(server, {.redirect_uris = {kCallback}});
    auto allowed = call(verb::patch, "/api/applications/" + web_.id,
                        json::object{{"customClientMetadata", {{"allowTokenExchange", true}}}});
    if (allowed.status != 200) throw std::runtime_error("cannot allow exchange: " + allowed.body);
    if (!wait_until_client_known(server, web_, kCallback)) {
      throw std::runtime_error("the server did not load the app");
    }
    grace_id_ = create_api_user("grace");
  }

 protected:
  static std::string tokens_of(const std::string& user_id) {
    return "/api/users/" + user_id + "/personal-access-tokens";
  }
  static json::value create_token(const std::string& user_id, const json::object& body) {
    auto res = call(verb::post, tokens_of(user_id), body);
    EXPECT_EQ(res.status, 201u) << res.body;
    return res.json();
  }
  static std::int64_t now_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
  }
  static HttpResponse exchange(const std::string& pat, http::Params extra = {}) {
    http::Params params{{"grant_type", std::string(kGrant)},
                        {"subject_token", pat},
                        {"subject_token_type", std::string(kPatType)}};
    for (const auto& [name, value] : extra.items()) params.add(name, value);
    return token_request(server(), web_, std::move(params));
  }

  static inline AppCredentials web_;
  static inline std::string grace_id_;
};

TEST_F(PersonalAccessTokensTest, ATokenIsMadeListedRenamedAndDeletedByName) {
  std::string user = create_api_user("pat_owner");
  json::value made = create_token(user, {{"name", "ci"}});
  EXPECT_EQ(json_text(made, "userId"), user);
  EXPECT_EQ(json_text(made, "name"), "ci");
  EXPECT_TRUE(json_text(made, "value").starts_with("pat_")) << made;
  EXPECT_EQ(json_text(made, "value").size(), 36u);
  EXPECT_TRUE(made.at("createdAt").is_int64());
  EXPECT_TRUE(made.at("expiresAt").is_null());
  json::value later = create_token(user, {{"name", "later"}, {"expiresAt", now_ms() + 60'000}});
  EXPECT_TRUE(later.at("expiresAt").is_int64());

  auto listed = call(verb::get, tokens_of(user));
  ASSERT_EQ(listed.status, 200u) << listed.body;
  EXPECT_EQ(listed.json(), (json::array{made, later}));

  auto renamed = call(verb::patch, tokens_of(user),
                      json::object{{"currentName", "ci"}, {"name", "ci: nightly!@#$%"}});
  ASSERT_EQ(renamed.status, 200u) << renamed.body;
  EXPECT_EQ(json_text(renamed.json(), "name"), "ci: nightly!@#$%");
  EXPECT_EQ(json_text(renamed.json(), "value"), json_text(made, "value"));
  auto by_path = call(verb::patch, tokens_of(user) + "/later", json::object{{"name", "sooner"}});
  ASSERT_EQ(by_path.status, 200u) << by_path.body;
  EXPECT_EQ(json_text(by_path.json(), "name"), "sooner");

  auto removed =
      call(verb::post, tokens_of(user) + "/delete", json::object{{"name", "ci: nightly!@#$%"}});
  EXPECT_EQ(removed.status, 204u) << removed.body;
  EXPECT_EQ(call(verb::delete_, tokens_of(user) + "/sooner").status, 204u);
  EXPECT_EQ(call(verb::get, tokens_of(user)).json(), json::array{});
}

TEST_F(PersonalAccessTokensTest, RequestsAreCheckedAsLogtoChecksThem) {
  std::string user = create_api_user("pat_checked");
  create_token(user, {{"name", "taken"}});
  auto taken = call(verb::post, tokens_of(user), json::object{{"name", "taken"}});
  EXPECT_EQ(taken.status, 422u);
  EXPECT_EQ(json_text(taken.json(), "code"), "user.personal_access_token_name_exists");
  auto nobody = call(verb::post, tokens_of("nobody"), json::object{{"name", "x"}});
  EXPECT_EQ(nobody.status, 404u) << nobody.body;
  EXPECT_EQ(call(verb::get, tokens_of("nobody")).status, 404u);
  auto empty = call(verb::post, tokens_of(user), json::object{{"name", ""}});
  EXPECT_EQ(empty.status, 400u);
  EXPECT_EQ(json_text(empty.json(), "field"), "name");
  auto past = call(verb::post, tokens_of(user),
                   json::object{{"name", "past"}, {"expiresAt", now_ms() - 1000}});
  EXPECT_EQ(past.status, 400u);
  EXPECT_EQ(json_text(past.json(), "code"), "request.invalid_input");
  auto rename_clash =
      call(verb::patch, tokens_of(user), json::object{{"currentName", "taken"}, {"name", "taken"}});
  EXPECT_EQ(rename_clash.status, 200u) << rename_clash.body;  // a rename to itself
  auto unknown =
      call(verb::patch, tokens_of(user), json::object{{"currentName", "none"}, {"name", "other"}});
  EXPECT_EQ(unknown.status, 404u);
  EXPECT_EQ(call(verb::post, tokens_of(user) + "/delete", json::object{{"name", "none"}}).status,
            404u);
}

TEST_F(PersonalAccessTokensTest, AUsersTokensGoWithTheUser) {
  std::string user = create_api_user("pat_leaver");
  create_token(user, {{"name", "gone"}});
  ASSERT_EQ(call(verb::delete_, "/api/users/" + user).status, 204u);
  EXPECT_EQ(
      server().sql("SELECT COUNT(*) FROM personal_access_tokens WHERE user_id = '" + user + "'"),
      "0");
}

TEST_F(PersonalAccessTokensTest, ATokenIsExchangedAgainAndAgainForTheUsersAccessToken) {
  std::string pat = json_text(create_token(grace_id_, {{"name", "cli"}}), "value");
  for (int i = 0; i < 2; ++i) {
    auto res = exchange(pat, {{"scope", "openid profile"}});
    ASSERT_EQ(res.status, 200u) << res.body;
    EXPECT_EQ(json_text(res.json(), "scope"), "openid profile");
    auto me = userinfo(server(), json_text(res.json(), "access_token"));
    ASSERT_EQ(me.status, 200u) << me.body;
    EXPECT_EQ(json_text(me.json(), "sub"), grace_id_);
  }
}

TEST_F(PersonalAccessTokensTest, AnExchangeForAResourceGivesAJwtForTheUser) {
  std::string pat = json_text(create_token(grace_id_, {{"name", "api"}}), "value");
  auto res = exchange(pat, {{"resource", kBooks}});
  ASSERT_EQ(res.status, 200u) << res.body;
  auto payload = verified_payload(server(), json_text(res.json(), "access_token"));
  EXPECT_EQ(json_text(payload, "sub"), grace_id_);
  EXPECT_EQ(json_text(payload, "aud"), kBooks);
  // Grace holds no Books scopes: the token says so with an empty scope, as Logto's does.
  ASSERT_TRUE(payload.contains("scope"));
  EXPECT_EQ(json_text(payload, "scope"), "");
}

TEST_F(PersonalAccessTokensTest, UnknownExpiredAndDeletedTokensAreRefused) {
  auto unknown = exchange("pat_unknown");
  EXPECT_TRUE(is_oauth_error(unknown, 400, "invalid_grant")) << unknown.body;
  std::string user = create_api_user("pat_expiring");
  std::string pat = json_text(create_token(user, {{"name", "short"}}), "value");
  ASSERT_EQ(exchange(pat).status, 200u);
  server().sql("UPDATE personal_access_tokens SET expires_at = created_at WHERE user_id = '" +
               user + "'");
  auto expired = exchange(pat);
  EXPECT_TRUE(is_oauth_error(expired, 400, "invalid_grant")) << expired.body;
  EXPECT_NE(expired.body.find("expired"), std::string::npos) << expired.body;
  std::string other = json_text(create_token(user, {{"name", "deleted"}}), "value");
  ASSERT_EQ(call(verb::delete_, tokens_of(user) + "/deleted").status, 204u);
  EXPECT_TRUE(is_oauth_error(exchange(other), 400, "invalid_grant"));
}

}  // namespace
}  // namespace latch::test
