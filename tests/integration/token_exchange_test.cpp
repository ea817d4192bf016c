// Token exchange (RFC 8693) as Logto offers it, against the real binary: subject tokens from
// POST /api/subject-tokens (impersonation), access tokens traded for narrower or downstream ones
// (delegation), the actor's act claim, the app switch customClientMetadata.allowTokenExchange and
// the audit log.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "support/jwt_inspect.hpp"
#include "support/oauth_expectations.hpp"
#include "support/roles_fixture.hpp"
#include "support/subprocess.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;
using boost::beast::http::verb;

constexpr const char* kCallback = "http://localhost:4200/callback";
constexpr const char* kInventory = "https://inventory.example.test";
constexpr std::string_view kGrant = "urn:ietf:params:oauth:grant-type:token-exchange";
constexpr std::string_view kAccessTokenType = "urn:ietf:params:oauth:token-type:access_token";

class TokenExchangeTest : public RolesFixture<TokenExchangeTest> {
 public:
  static void provision_more(TestServer& server) {
    create_resource(server,
                    {.name = "Inventory", .indicator = kInventory, .scopes = {"read:books"}});
    web_ = create_user_app(server, {.redirect_uris = {kCallback}});
    plain_ = create_user_app(server, {.redirect_uris = {kCallback}});
    frank_id_ = create_user(server, frank_);
    alice_id_ = create_user(server, alice_);
    give_user_scopes(server, frank_id_, kBooks, {"read:books", "write:books"});
    give_user_scopes(server, frank_id_, kInventory, {"read:books"});
    auto allowed = call(verb::patch, "/api/applications/" + web_.id,
                        json::object{{"customClientMetadata", {{"allowTokenExchange", true}}}});
    if (allowed.status != 200) throw std::runtime_error("cannot allow exchange: " + allowed.body);
    if (!wait_until_client_known(server, web_, kCallback) ||
        !wait_until_client_known(server, plain_, kCallback)) {
      throw std::runtime_error("the server did not load the apps");
    }
  }

 protected:
  static HttpResponse exchange(const TestServer& server, const AppCredentials& app,
                               http::Params params) {
    params.add("grant_type", std::string(kGrant));
    return token_request(server, app, std::move(params));
  }
  static HttpResponse exchange(const AppCredentials& app, http::Params params) {
    return exchange(server(), app, std::move(params));
  }
  // POST /api/subject-tokens for `user_id`; the token ("" and a failure when refused).
  static std::string subject_token(const std::string& user_id) {
    auto res = call(verb::post, "/api/subject-tokens",
                    json::object{{"userId", user_id}, {"context", {{"ticket", "T-7"}}}});
    EXPECT_EQ(res.status, 201u) << res.body;
    return json_text(res.json(), "subjectToken");
  }
  static http::Params impersonate(const std::string& token, const std::string& scope,
                                  const std::string& resource = "") {
    http::Params params{{"subject_token", token},
                        {"subject_token_type", std::string(kAccessTokenType)}};
    if (!scope.empty()) params.add("scope", scope);
    if (!resource.empty()) params.add("resource", resource);
    return params;
  }
  // Frank's access token for `resource` (a JWT: the code flow's refresh token redeemed for it,
  // RFC 8707 §2.2) or, without one, the code flow's opaque one.
  static std::string franks_access_token(const std::string& scope, const std::string& resource) {
    AuthorizeRequest request{.client_id = web_.id, .redirect_uri = kCallback, .scope = scope};
    if (resource.empty()) {
      return json_text(sign_in_and_redeem(server(), web_, request, frank_), "access_token");
    }
    request.scope += " offline_access";
    request.extra.add("resource", resource);
    auto tokens = sign_in_and_redeem(server(), web_, request, frank_);
    http::Params extra{{"resource", resource}};
    auto res = refresh(server(), web_, json_text(tokens, "refresh_token"), extra);
    EXPECT_EQ(res.status, 200u) << res.body;
    return json_text(res.json(), "access_token");
  }
  static std::string claim(const std::string& jwt, std::string_view name) {
    return json_text(verified_payload(server(), jwt), name);
  }

  static inline AppCredentials web_, plain_;
  static inline UserSpec frank_{.username = "frank", .password = "Copper-Lantern-318"};
  static inline UserSpec alice_{.username = "alice", .password = "Silver-Harbor-4417"};
  static inline std::string frank_id_, alice_id_;
};

TEST_F(TokenExchangeTest, DiscoveryListsTheGrant) {
  auto res = server().client().get("/oidc/.well-known/openid-configuration");
  ASSERT_EQ(res.status, 200u);
  bool listed = false;
  json::value document = res.json();
  for (const auto& type : document.at("grant_types_supported").as_array()) {
    listed |= type.as_string() == kGrant;
  }
  EXPECT_TRUE(listed) << res.body;
}

TEST_F(TokenExchangeTest, ASubjectTokenIsMadeForAUser) {
  auto res = call(verb::post, "/api/subject-tokens", json::object{{"userId", frank_id_}});
  ASSERT_EQ(res.status, 201u) << res.body;
  EXPECT_TRUE(json_text(res.json(), "subjectToken").starts_with("sub_")) << res.body;
  EXPECT_EQ(res.json().at("expiresIn").as_int64(), 600) << res.body;
}

TEST_F(TokenExchangeTest, ASubjectTokenRequestIsValidated) {
  for (const json::value& body :
       {json::value(json::object{}), json::value(json::object{{"userId", 5}}),
        json::value(json::object{{"userId", frank_id_}, {"context", "text"}}),
        json::value(json::object{{"userId", frank_id_}, {"expiresIn", 60}})}) {
    auto res = call(verb::post, "/api/subject-tokens", body);
    EXPECT_EQ(res.status, 400u) << json::serialize(body) << " " << res.body;
  }
  auto unknown = call(verb::post, "/api/subject-tokens", json::object{{"userId", "nobody"}});
  EXPECT_EQ(unknown.status, 404u) << unknown.body;
  EXPECT_EQ(json_text(unknown.json(), "code"), "entity.relation_foreign_key_not_found");
  auto anonymous = management_request(server(), verb::post, "/api/subject-tokens",
                                      json::object{{"userId", frank_id_}}, "");
  EXPECT_EQ(anonymous.status, 401u);
}

TEST_F(TokenExchangeTest, ImpersonationGivesAnOpaqueTokenForTheUser) {
  auto res = exchange(web_, impersonate(subject_token(frank_id_), "openid profile offline_access"));
  ASSERT_EQ(res.status, 200u) << res.body;
  auto body = res.json();
  EXPECT_EQ(json_text(body, "token_type"), "Bearer");
  EXPECT_EQ(json_text(body, "issued_token_type"), kAccessTokenType);
  EXPECT_EQ(json_text(body, "scope"), "openid profile");
  EXPECT_FALSE(body.as_object().contains("refresh_token"));
  EXPECT_FALSE(body.as_object().contains("id_token"));
  std::string token = json_text(body, "access_token");
  auto me = userinfo(server(), token);
  ASSERT_EQ(me.status, 200u) << me.body;
  EXPECT_EQ(json_text(me.json(), "sub"), frank_id_);
  auto info = introspect(server(), web_, token);
  ASSERT_EQ(info.status, 200u);
  EXPECT_TRUE(info.json().at("active").as_bool()) << info.body;
  EXPECT_EQ(json_text(info.json(), "sub"), frank_id_);
  EXPECT_EQ(json_text(info.json(), "client_id"), web_.id);
}

TEST_F(TokenExchangeTest, ImpersonationForAResourceCarriesTheUsersScopes) {
  auto res = exchange(
      web_, impersonate(subject_token(frank_id_), "read:books write:books delete:books", kBooks));
  ASSERT_EQ(res.status, 200u) << res.body;
  std::string jwt = json_text(res.json(), "access_token");
  auto payload = verified_payload(server(), jwt);
  EXPECT_EQ(json_text(payload, "sub"), frank_id_);
  EXPECT_EQ(json_text(payload, "aud"), kBooks);
  EXPECT_EQ(json_text(payload, "client_id"), web_.id);
  EXPECT_EQ(json_text(payload, "scope"), "read:books write:books");
  EXPECT_FALSE(payload.contains("act"));
}

TEST_F(TokenExchangeTest, ASubjectTokenIsSpentByItsFirstExchange) {
  std::string token = subject_token(frank_id_);
  ASSERT_EQ(exchange(web_, impersonate(token, "openid")).status, 200u);
  auto again = exchange(web_, impersonate(token, "openid"));
  EXPECT_TRUE(is_oauth_error(again, 400, "invalid_grant"));
  EXPECT_NE(again.body.find("consumed"), std::string::npos) << again.body;
}

TEST_F(TokenExchangeTest, AnExpiredSubjectTokenIsRefused) {
  std::string token = subject_token(alice_id_);
  server().sql("UPDATE subject_tokens SET expires_at = created_at WHERE user_id = '" + alice_id_ +
               "'");
  EXPECT_TRUE(is_oauth_error(exchange(web_, impersonate(token, "openid")), 400, "invalid_grant"));
}

TEST_F(TokenExchangeTest, AnAppWithoutTheSwitchIsRefusedAndTheTokenStaysUnspent) {
  std::string token = subject_token(frank_id_);
  EXPECT_TRUE(
      is_oauth_error(exchange(plain_, impersonate(token, "openid")), 400, "unauthorized_client"));
  EXPECT_EQ(exchange(web_, impersonate(token, "openid")).status, 200u);
}

// The switch works from the first request after the PATCH: a refusal a stale catalog snapshot
// could explain is checked again against the database before it is sent. The app is known
// before, so the client authenticates against the old snapshot and the retry must find it again
// in the new one (it once read the old snapshot's entry after that snapshot was freed).
TEST_F(TokenExchangeTest, TheSwitchWorksAtOnce) {
  AppCredentials app = create_user_app(server(), {.redirect_uris = {kCallback}});
  ASSERT_TRUE(wait_until_client_known(server(), app, kCallback));
  auto allowed = call(verb::patch, "/api/applications/" + app.id,
                      json::object{{"customClientMetadata", {{"allowTokenExchange", true}}}});
  ASSERT_EQ(allowed.status, 200u) << allowed.body;
  auto res = exchange(app, impersonate(subject_token(frank_id_), "openid"));
  EXPECT_EQ(res.status, 200u) << res.body;
}

TEST_F(TokenExchangeTest, AThirdPartyAppCannotTurnTheSwitchOn) {
  auto created = call(verb::post, "/api/applications",
                      json::object{{"name", "Partner"},
                                   {"type", "Traditional"},
                                   {"isThirdParty", true},
                                   {"customClientMetadata", {{"allowTokenExchange", true}}}});
  EXPECT_EQ(created.status, 422u) << created.body;
  EXPECT_EQ(json_text(created.json(), "code"),
            "application.third_party_application_cannot_enable_token_exchange");
  auto partner =
      call(verb::post, "/api/applications",
           json::object{{"name", "Partner"}, {"type", "Traditional"}, {"isThirdParty", true}});
  ASSERT_EQ(partner.status, 200u) << partner.body;
  std::string id = json_text(partner.json(), "id");
  // customClientMetadata is shown as it was given (Logto's): no member it was not given.
  EXPECT_FALSE(
      partner.json().at("customClientMetadata").as_object().contains("allowTokenExchange"));
  auto patched = call(verb::patch, "/api/applications/" + id,
                      json::object{{"customClientMetadata", {{"allowTokenExchange", true}}}});
  EXPECT_EQ(patched.status, 422u) << patched.body;
  auto wrong_type = call(verb::patch, "/api/applications/" + web_.id,
                         json::object{{"customClientMetadata", {{"allowTokenExchange", "yes"}}}});
  EXPECT_EQ(wrong_type.status, 400u) << wrong_type.body;
}

TEST_F(TokenExchangeTest, AnActorTokenAddsTheActClaim) {
  AuthorizeRequest request{.client_id = web_.id, .redirect_uri = kCallback, .scope = "openid"};
  std::string actor =
      json_text(sign_in_and_redeem(server(), web_, request, alice_), "access_token");
  ASSERT_FALSE(actor.empty());
  http::Params params = impersonate(subject_token(frank_id_), "read:books", kBooks);
  params.add("actor_token", actor);
  params.add("actor_token_type", std::string(kAccessTokenType));
  auto res = exchange(web_, params);
  ASSERT_EQ(res.status, 200u) << res.body;
  auto payload = verified_payload(server(), json_text(res.json(), "access_token"));
  EXPECT_EQ(json_text(payload, "sub"), frank_id_);
  ASSERT_TRUE(payload.contains("act")) << json::serialize(payload);
  EXPECT_EQ(json_text(payload.at("act"), "sub"), alice_id_);

  http::Params wrong = impersonate(subject_token(frank_id_), "read:books", kBooks);
  wrong.add("actor_token", actor);
  wrong.add("actor_token_type", "urn:ietf:params:oauth:token-type:id_token");
  EXPECT_TRUE(is_oauth_error(exchange(web_, wrong), 400, "invalid_grant"));
  http::Params bogus = impersonate(subject_token(frank_id_), "read:books", kBooks);
  bogus.add("actor_token", "not-a-token");
  bogus.add("actor_token_type", std::string(kAccessTokenType));
  EXPECT_TRUE(is_oauth_error(exchange(web_, bogus), 400, "invalid_grant"));
}

TEST_F(TokenExchangeTest, AnAccessTokenIsExchangedForNoMoreThanItHolds) {
  std::string subject = franks_access_token("openid read:books", kBooks);
  ASSERT_EQ(claim(subject, "scope"), "read:books");
  http::Params params{{"subject_token", subject},
                      {"subject_token_type", std::string(kAccessTokenType)}};
  // Downstream: the inventory API, with a scope the subject holds and the user has there.
  http::Params downstream = params;
  downstream.add("resource", kInventory);
  downstream.add("scope", "read:books");
  auto res = exchange(web_, downstream);
  ASSERT_EQ(res.status, 200u) << res.body;
  std::string jwt = json_text(res.json(), "access_token");
  EXPECT_EQ(claim(jwt, "aud"), kInventory);
  EXPECT_EQ(claim(jwt, "sub"), frank_id_);
  EXPECT_EQ(claim(jwt, "scope"), "read:books");
  // Without a scope: the subject's scopes.
  http::Params same = params;
  same.add("resource", kBooks);
  auto narrowed = exchange(web_, same);
  ASSERT_EQ(narrowed.status, 200u) << narrowed.body;
  EXPECT_EQ(json_text(narrowed.json(), "scope"), "read:books");
  // Frank may write books, but the subject token may not.
  http::Params wider = params;
  wider.add("resource", kBooks);
  wider.add("scope", "write:books");
  EXPECT_TRUE(is_oauth_error(exchange(web_, wider), 400, "invalid_scope"));
  // An access token is not spent by an exchange.
  EXPECT_EQ(exchange(web_, downstream).status, 200u);
}

TEST_F(TokenExchangeTest, AnOpaqueAccessTokenIsExchangedToo) {
  std::string subject = franks_access_token("openid profile", "");
  http::Params params{{"subject_token", subject},
                      {"subject_token_type", std::string(kAccessTokenType)},
                      {"scope", "openid"}};
  auto res = exchange(web_, params);
  ASSERT_EQ(res.status, 200u) << res.body;
  EXPECT_EQ(json_text(res.json(), "scope"), "openid");
  auto me = userinfo(server(), json_text(res.json(), "access_token"));
  ASSERT_EQ(me.status, 200u) << me.body;
  EXPECT_EQ(json_text(me.json(), "sub"), frank_id_);
}

TEST_F(TokenExchangeTest, WrongOrMissingTokensAreRefused) {
  std::string token = subject_token(frank_id_);
  EXPECT_TRUE(is_oauth_error(exchange(web_, {{"subject_token", token}}), 400, "invalid_request"));
  EXPECT_TRUE(
      is_oauth_error(exchange(web_, {{"subject_token_type", std::string(kAccessTokenType)}}), 400,
                     "invalid_request"));
  http::Params id_type{{"subject_token", token},
                       {"subject_token_type", "urn:ietf:params:oauth:token-type:id_token"}};
  EXPECT_TRUE(is_oauth_error(exchange(web_, id_type), 400, "invalid_grant"));
  // An ID token is signed with the same keys, but it is no access token (RFC 8725 §3.12).
  AuthorizeRequest request{.client_id = web_.id, .redirect_uri = kCallback, .scope = "openid"};
  std::string id_token = json_text(sign_in_and_redeem(server(), web_, request, frank_), "id_token");
  ASSERT_FALSE(id_token.empty());
  auto as_access = exchange(
      web_, {{"subject_token", id_token}, {"subject_token_type", std::string(kAccessTokenType)}});
  EXPECT_TRUE(is_oauth_error(as_access, 400, "invalid_grant"));
  EXPECT_NE(as_access.body.find("not an access token"), std::string::npos) << as_access.body;
  EXPECT_TRUE(is_oauth_error(exchange(web_, impersonate("random-garbage", "openid")), 400,
                             "invalid_grant"));
  EXPECT_TRUE(is_oauth_error(exchange(web_, impersonate(token, "openid", "https://nowhere.test")),
                             400, "invalid_target"));
  // None of the refusals spent the subject token.
  EXPECT_EQ(exchange(web_, impersonate(token, "openid")).status, 200u);
}

TEST_F(TokenExchangeTest, TheAuditLogNamesSubjectActorAndClient) {
  AuthorizeRequest request{.client_id = web_.id, .redirect_uri = kCallback, .scope = "openid"};
  std::string actor =
      json_text(sign_in_and_redeem(server(), web_, request, alice_), "access_token");
  http::Params params = impersonate(subject_token(frank_id_), "openid");
  params.add("actor_token", actor);
  params.add("actor_token_type", std::string(kAccessTokenType));
  ASSERT_EQ(exchange(web_, params).status, 200u);
  EXPECT_EQ(exchange(web_, impersonate("sub_unknown", "openid")).status, 400u);
  auto logs = call(verb::get, "/api/logs?logKey=ExchangeTokenBy.TokenExchange&page_size=100");
  ASSERT_EQ(logs.status, 200u) << logs.body;
  bool success = false, failure = false;
  json::value list = logs.json();
  for (const auto& entry : list.as_array()) {
    const auto& payload = entry.at("payload");
    if (json_text(payload, "applicationId") != web_.id) continue;  // other tests' apps
    success |= json_text(payload, "result") == "Success" &&
               json_text(payload, "userId") == frank_id_ &&
               json_text(payload, "actorId") == alice_id_ &&
               json_text(payload, "subjectTokenCreatorId") == admin_.id;
    failure |= json_text(payload, "result") == "Error" &&
               json_text(payload, "error") == "subject token not found";
  }
  EXPECT_TRUE(success) << logs.body;
  EXPECT_TRUE(failure) << logs.body;
}

}  // namespace
}  // namespace latch::test
