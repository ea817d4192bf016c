// Custom JWT claims (Logto's /api/configs/jwt-customizer) against the real binary: scripts stored
// through the management API, run on SpiderMonkey when a user's or a machine-to-machine app's
// JWT access token is issued, the test route, and the validation of both. Also customData on
// applications and API resources.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <thread>

#include "support/jwt_inspect.hpp"
#include "support/roles_fixture.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;
using boost::beast::http::verb;

constexpr const char* kCallback = "http://localhost:4300/callback";
constexpr const char* kAccessTokenPath = "/api/configs/jwt-customizer/access-token";
constexpr const char* kClientPath = "/api/configs/jwt-customizer/client-credentials";

class CustomClaimsTest : public RolesFixture<CustomClaimsTest> {
 public:
  static void provision_more(TestServer& server) {
    web_ = create_user_app(server, {.redirect_uris = {kCallback}});
    machine_ = create_app(server, "m2m");
    grant_scopes(server, machine_.id, kBooks, {"read:books"});
    frank_id_ = create_user(server, frank_);
    give_user_scopes(server, frank_id_, kBooks, {"read:books"});
    auto data = call(verb::patch, "/api/users/" + frank_id_ + "/custom-data",
                     json::object{{"customData", {{"plan", "gold"}}}});
    if (data.status != 200) throw std::runtime_error("cannot set custom data: " + data.body);
    auto app_data = call(verb::patch, "/api/applications/" + web_.id + "/custom-data",
                         json::object{{"tier", "partner"}});
    if (app_data.status != 200) throw std::runtime_error("cannot set app data: " + app_data.body);
    auto exchange = call(verb::patch, "/api/applications/" + web_.id,
                         json::object{{"customClientMetadata", {{"allowTokenExchange", true}}}});
    if (exchange.status != 200) throw std::runtime_error("cannot allow exchange: " + exchange.body);
    if (!wait_until_client_known(server, web_, kCallback) ||
        !wait_until_token_issued(server, machine_, kBooks)) {
      throw std::runtime_error("the server did not load the apps");
    }
  }

 protected:
  static HttpResponse put_script(const char* path, const std::string& script,
                                 json::object more = {}) {
    more["script"] = script;
    return call(verb::put, path, more);
  }
  // Frank's JWT access token for kBooks: the code flow, then its refresh token redeemed for the
  // resource (RFC 8707 §2.2). Its verified payload.
  static json::object franks_token_payload() {
    AuthorizeRequest request{
        .client_id = web_.id, .redirect_uri = kCallback, .scope = "openid offline_access"};
    request.extra.add("resource", kBooks);
    auto tokens = sign_in_and_redeem(server(), web_, request, frank_);
    http::Params extra{{"resource", kBooks}};
    auto res = refresh(server(), web_, json_text(tokens, "refresh_token"), extra);
    EXPECT_EQ(res.status, 200u) << res.body;
    return verified_payload(server(), json_text(res.json(), "access_token"));
  }
  static HttpResponse machine_token() {
    return token_request(server(), machine_,
                         {{"grant_type", "client_credentials"}, {"resource", kBooks}});
  }

  static inline AppCredentials web_, machine_;
  static inline UserSpec frank_{.username = "frank", .password = "Copper-Lantern-318"};
  static inline std::string frank_id_;
};

TEST_F(CustomClaimsTest, AUserTokenCarriesWhatTheScriptReturns) {
  auto put = put_script(kAccessTokenPath, R"(
    const getCustomJwtClaims = async ({ token, context, environmentVariables }) => {
      const { user, application } = context;
      return {
        plan: user.customData.plan,
        roles: user.roles.map(({ name }) => name),
        tier: application.customData.tier,
        region: environmentVariables.REGION,
        gty: token.gty,
        sub: 'someone-else',
        iss: 'https://evil.example',
      };
    };)",
                        {{"environmentVariables", {{"REGION", "eu"}}}});
  ASSERT_TRUE(put.status == 200u || put.status == 201u) << put.body;
  json::object payload = franks_token_payload();
  EXPECT_EQ(json_text(payload, "plan"), "gold");
  EXPECT_EQ(json_text(payload, "tier"), "partner");
  EXPECT_EQ(json_text(payload, "region"), "eu");
  EXPECT_EQ(json_text(payload, "gty"), "refresh_token");
  ASSERT_TRUE(payload.contains("roles"));
  EXPECT_EQ(payload.at("roles").as_array().size(), 1u);
  // Reserved claims are the issuer's.
  EXPECT_EQ(json_text(payload, "sub"), frank_id_);
  EXPECT_NE(json_text(payload, "iss"), "https://evil.example");
  EXPECT_EQ(json_text(payload, "aud"), kBooks);
}

TEST_F(CustomClaimsTest, AnExchangedSubjectTokenGivesTheScriptItsContext) {
  auto put = put_script(kAccessTokenPath, R"(
    const getCustomJwtClaims = async ({ token, context: { grant } }) =>
      ({ ticket: grant?.subjectTokenContext.ticket, via: grant?.type, gty: token.gty });)");
  ASSERT_TRUE(put.status == 200u || put.status == 201u) << put.body;
  auto subject = call(verb::post, "/api/subject-tokens",
                      json::object{{"userId", frank_id_}, {"context", {{"ticket", "T-7"}}}});
  ASSERT_EQ(subject.status, 201u) << subject.body;
  auto res = token_request(server(), web_,
                           {{"grant_type", "urn:ietf:params:oauth:grant-type:token-exchange"},
                            {"subject_token", json_text(subject.json(), "subjectToken")},
                            {"subject_token_type", "urn:ietf:params:oauth:token-type:access_token"},
                            {"resource", kBooks}});
  ASSERT_EQ(res.status, 200u) << res.body;
  json::object payload = verified_payload(server(), json_text(res.json(), "access_token"));
  EXPECT_EQ(json_text(payload, "ticket"), "T-7");
  EXPECT_EQ(json_text(payload, "via"), "urn:ietf:params:oauth:grant-type:token-exchange");
  EXPECT_EQ(json_text(payload, "gty"), "urn:ietf:params:oauth:grant-type:token-exchange");
}

TEST_F(CustomClaimsTest, AnOrganizationTokenGivesTheScriptTheOrganization) {
  auto org = call(verb::post, "/api/organizations",
                  json::object{{"name", "Acme"}, {"customData", {{"plan", "enterprise"}}}});
  ASSERT_EQ(org.status, 201u) << org.body;
  std::string org_id = json_text(org.json(), "id");
  ASSERT_EQ(call(verb::post, "/api/organizations/" + org_id + "/users",
                 json::object{{"userIds", json::array{frank_id_}}})
                .status,
            201u);
  auto put = put_script(kAccessTokenPath, R"(
    const getCustomJwtClaims = async ({ context: { organization, user } }) => ({
      org_plan: organization.customData.plan,
      member_of: user.organizations.map(({ name }) => name),
    });)");
  ASSERT_TRUE(put.status == 200u || put.status == 201u) << put.body;
  AuthorizeRequest request{.client_id = web_.id,
                           .redirect_uri = kCallback,
                           .scope = "openid offline_access urn:logto:scope:organizations"};
  request.extra.add("resource", "urn:logto:resource:organizations");
  auto tokens = sign_in_and_redeem(server(), web_, request, frank_);
  auto res = refresh(server(), web_, json_text(tokens, "refresh_token"),
                     http::Params{{"organization_id", org_id}});
  ASSERT_EQ(res.status, 200u) << res.body;
  json::object payload = verified_payload(server(), json_text(res.json(), "access_token"));
  EXPECT_EQ(json_text(payload, "aud"), "urn:logto:organization:" + org_id);
  EXPECT_EQ(json_text(payload, "org_plan"), "enterprise");
  ASSERT_TRUE(payload.contains("member_of")) << json::serialize(payload);
  EXPECT_EQ(payload.at("member_of").as_array().size(), 1u);
}

TEST_F(CustomClaimsTest, AMachineTokenCarriesWhatTheScriptReturns) {
  auto put = put_script(kClientPath, R"(
    async function getCustomJwtClaims({ token, context }) {
      return { machine: context.application.id, kind: token.kind, scope: 'everything' };
    })");
  ASSERT_TRUE(put.status == 200u || put.status == 201u) << put.body;
  auto res = machine_token();
  ASSERT_EQ(res.status, 200u) << res.body;
  json::object payload = verified_payload(server(), json_text(res.json(), "access_token"));
  EXPECT_EQ(json_text(payload, "machine"), machine_.id);
  EXPECT_EQ(json_text(payload, "kind"), "ClientCredentials");
  EXPECT_EQ(json_text(payload, "scope"), "read:books");
}

TEST_F(CustomClaimsTest, DenyAccessRefusesTheTokenAndAFailingScriptAddsNothing) {
  ASSERT_EQ(put_script(kClientPath,
                       "const getCustomJwtClaims = async ({ api }) => "
                       "api.denyAccess('machines are off today');")
                .status,
            200u);
  auto denied = machine_token();
  EXPECT_EQ(denied.status, 400u) << denied.body;
  EXPECT_EQ(json_text(denied.json(), "error"), "access_denied");
  EXPECT_EQ(json_text(denied.json(), "error_description"), "machines are off today");

  ASSERT_EQ(
      put_script(kClientPath, "const getCustomJwtClaims = () => { throw new Error('x'); };").status,
      200u);
  auto issued = machine_token();
  ASSERT_EQ(issued.status, 200u) << issued.body;
  json::object payload = verified_payload(server(), json_text(issued.json(), "access_token"));
  EXPECT_FALSE(payload.contains("machine"));

  ASSERT_EQ(call(verb::delete_, kClientPath).status, 204u);
  EXPECT_EQ(call(verb::delete_, kClientPath).status, 404u);
}

// The script runs after the grant's transaction: a slow one holds no database writer, so other
// changes go on while it runs.
TEST_F(CustomClaimsTest, ASlowScriptHoldsUpNoOtherChange) {
  auto put = put_script(kAccessTokenPath, R"(
    const getCustomJwtClaims = async () => {
      const end = Date.now() + 2000;
      while (Date.now() < end) {}
      return { slow: true };
    };)");
  ASSERT_TRUE(put.status == 200u || put.status == 201u) << put.body;
  AuthorizeRequest request{
      .client_id = web_.id, .redirect_uri = kCallback, .scope = "openid offline_access"};
  request.extra.add("resource", kBooks);
  auto tokens = sign_in_and_redeem(server(), web_, request, frank_);  // opaque: no script
  std::atomic<bool> refreshed = false;
  std::thread slow([&] {
    auto res = refresh(server(), web_, json_text(tokens, "refresh_token"),
                       http::Params{{"resource", kBooks}});
    EXPECT_EQ(res.status, 200u) << res.body;
    EXPECT_EQ(verified_payload(server(), json_text(res.json(), "access_token")).at("slow"),
              json::value(true));
    refreshed = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the script is running
  auto changed = call(verb::patch, "/api/users/" + frank_id_ + "/custom-data",
                      json::object{{"customData", {{"plan", "gold"}}}});
  EXPECT_EQ(changed.status, 200u) << changed.body;
  EXPECT_FALSE(refreshed) << "the change waited for the script";
  slow.join();
  ASSERT_EQ(call(verb::delete_, kAccessTokenPath).status, 204u);
}

TEST_F(CustomClaimsTest, ScriptsAreStoredReadPatchedAndListed) {
  auto created = put_script(kAccessTokenPath, "const getCustomJwtClaims = () => ({});",
                            {{"contextSample", {{"user", {{"id", "u1"}}}}}});
  ASSERT_TRUE(created.status == 200u || created.status == 201u) << created.body;
  auto again = put_script(kAccessTokenPath, "const getCustomJwtClaims = () => ({ a: 1 });");
  EXPECT_EQ(again.status, 200u) << again.body;
  auto patched = call(verb::patch, kAccessTokenPath,
                      json::object{{"script", "const getCustomJwtClaims = () => ({ b: 2 });"},
                                   {"environmentVariables", {{"K", "v"}}}});
  ASSERT_EQ(patched.status, 200u) << patched.body;
  auto got = call(verb::get, kAccessTokenPath);
  ASSERT_EQ(got.status, 200u) << got.body;
  EXPECT_EQ(json_text(got.json().at("environmentVariables"), "K"), "v");
  auto list = call(verb::get, "/api/configs/jwt-customizer");
  ASSERT_EQ(list.status, 200u) << list.body;
  json::value listed = list.json();
  ASSERT_FALSE(listed.as_array().empty());
  EXPECT_EQ(json_text(listed.as_array().front(), "key"), "jwt.accessToken");
  ASSERT_EQ(call(verb::delete_, kAccessTokenPath).status, 204u);
  EXPECT_EQ(call(verb::get, kAccessTokenPath).status, 404u);
  auto missing = call(verb::patch, kAccessTokenPath,
                      json::object{{"script", "const getCustomJwtClaims = () => ({});"}});
  EXPECT_EQ(missing.status, 404u);
  EXPECT_EQ(json_text(missing.json(), "code"), "entity.not_exists_with_id");
}

TEST_F(CustomClaimsTest, BadConfigurationsAreRefused) {
  for (const json::value& body :
       {json::value(json::object{}), json::value(json::object{{"script", 5}}),
        json::value(json::object{{"script", "x"}, {"environmentVariables", {{"K", 1}}}}),
        json::value(json::object{{"script", "x"}, {"tokenSample", {{"kind", "Nope"}}}}),
        json::value(json::object{{"script", "x"}, {"contextSample", {{"grant", {}}}}}),
        json::value(json::object{{"script", "x"}, {"unknown", true}})}) {
    auto res = call(verb::put, kAccessTokenPath, body);
    EXPECT_EQ(res.status, 400u) << json::serialize(body) << " " << res.body;
  }
  auto bad_path =
      call(verb::put, "/api/configs/jwt-customizer/id-token", json::object{{"script", "x"}});
  EXPECT_EQ(bad_path.status, 400u) << bad_path.body;
}

TEST_F(CustomClaimsTest, TheTestRouteAnswersWithTheResultOrTheError) {
  json::object body{{"tokenType", "access-token"},
                    {"script",
                     "const getCustomJwtClaims = async ({ token, context }) => "
                     "({ who: context.user.id, jti: token.jti });"},
                    {"token", {{"jti", "j1"}, {"aud", "https://x"}}},
                    {"context", {{"user", {{"id", "u1"}}}}}};
  auto ok = call(verb::post, "/api/configs/jwt-customizer/test", body);
  ASSERT_EQ(ok.status, 200u) << ok.body;
  EXPECT_EQ(json_text(ok.json(), "who"), "u1");
  EXPECT_EQ(json_text(ok.json(), "jti"), "j1");

  body["script"] = "const getCustomJwtClaims = () => { while (true) {} };";
  auto slow = call(verb::post, "/api/configs/jwt-customizer/test", body);
  EXPECT_EQ(slow.status, 422u) << slow.body;
  EXPECT_EQ(json_text(slow.json(), "code"), "jwt_customizer.general");
  EXPECT_NE(json_text(slow.json().at("data"), "message").find("timed out"), std::string::npos);

  body["script"] = "const getCustomJwtClaims = ({ api }) => api.denyAccess('no');";
  auto denied = call(verb::post, "/api/configs/jwt-customizer/test", body);
  EXPECT_EQ(denied.status, 403u) << denied.body;
  EXPECT_EQ(json_text(denied.json().at("data"), "message"), "no");

  body["script"] = "const getCustomJwtClaims = () => {";
  auto broken = call(verb::post, "/api/configs/jwt-customizer/test", body);
  EXPECT_EQ(broken.status, 422u) << broken.body;
  EXPECT_NE(json_text(broken.json().at("data"), "message").find("SyntaxError"), std::string::npos)
      << broken.body;

  body.erase("context");
  EXPECT_EQ(call(verb::post, "/api/configs/jwt-customizer/test", body).status, 400u);
}

TEST_F(CustomClaimsTest, ApplicationsAndResourcesKeepCustomData) {
  auto app = call(verb::get, "/api/applications/" + web_.id);
  ASSERT_EQ(app.status, 200u) << app.body;
  EXPECT_EQ(json_text(app.json().at("customData"), "tier"), "partner");
  auto created = call(
      verb::post, "/api/applications",
      json::object{
          {"name", "With data"}, {"type", "MachineToMachine"}, {"customData", {{"owner", "ops"}}}});
  ASSERT_EQ(created.status, 200u) << created.body;
  EXPECT_EQ(json_text(created.json().at("customData"), "owner"), "ops");
  std::string id = json_text(created.json(), "id");
  auto replaced = call(verb::patch, "/api/applications/" + id,
                       json::object{{"customData", {{"team", "core"}}}});
  ASSERT_EQ(replaced.status, 200u) << replaced.body;
  EXPECT_FALSE(replaced.json().at("customData").as_object().contains("owner"));
  EXPECT_EQ(
      call(verb::patch, "/api/applications/" + id, json::object{{"customData", "text"}}).status,
      400u);
  EXPECT_EQ(call(verb::patch, "/api/applications/" + id + "/custom-data", json::array{1}).status,
            400u);

  auto resource = call(verb::post, "/api/resources",
                       json::object{{"name", "Data API"},
                                    {"indicator", "https://data.example.test"},
                                    {"customData", {{"region", "eu"}}}});
  ASSERT_EQ(resource.status, 200u) << resource.body;
  EXPECT_EQ(json_text(resource.json().at("customData"), "region"), "eu");
  std::string resource_id = json_text(resource.json(), "id");
  auto patched = call(verb::patch, "/api/resources/" + resource_id,
                      json::object{{"customData", {{"region", "us"}}}});
  ASSERT_EQ(patched.status, 200u) << patched.body;
  auto read = call(verb::get, "/api/resources/" + resource_id);
  EXPECT_EQ(json_text(read.json().at("customData"), "region"), "us");
  EXPECT_EQ(
      call(verb::patch, "/api/resources/" + resource_id, json::object{{"customData", 3}}).status,
      400u);
}

}  // namespace
}  // namespace latch::test
