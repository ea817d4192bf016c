// Dynamic client registration (RFC 7591) and its management protocol (RFC 7592) against the real
// binary: off by default, open registration, registration with an initial access token, the
// metadata checks, the registration access token, and sign-ins with registered clients (which are
// third-party apps, so the user consents).
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <memory>

#include "support/code_flow.hpp"
#include "support/eventually.hpp"
#include "support/oauth_expectations.hpp"
#include "support/shared_server.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;
using boost::beast::http::verb;

constexpr const char* kCallback = "http://localhost:3000/callback";
const UserSpec kAda{.username = "ada", .password = "Vq8-Lantern-Harbor"};

HttpResponse post_json(const TestServer& server, const std::string& path, const json::value& body,
                       const std::string& token = "") {
  Headers headers{{"Content-Type", "application/json"}};
  if (!token.empty()) headers.emplace_back("Authorization", "Bearer " + token);
  return server.client().post(path, json::serialize(body), headers);
}

HttpResponse with_token(const TestServer& server, verb method, const std::string& path,
                        const std::string& token, const json::value& body = nullptr) {
  Headers headers;
  if (!token.empty()) headers.emplace_back("Authorization", "Bearer " + token);
  std::string text;
  if (!body.is_null()) {
    headers.emplace_back("Content-Type", "application/json");
    text = json::serialize(body);
  }
  return server.client().request(method, path, text, headers);
}

std::string registration_path(const json::value& registered) {
  std::string uri = json_text(registered, "registration_client_uri");
  auto at = uri.find("/oidc/reg/");
  return at == std::string::npos ? "" : uri.substr(at);
}

json::object public_client() {
  return {{"client_name", "MCP agent"},
          {"redirect_uris", {kCallback}},
          {"token_endpoint_auth_method", "none"},
          {"grant_types", {"authorization_code", "refresh_token"}},
          {"client_uri", "https://agent.example.test"},
          {"contacts", {"ops@agent.example.test"}}};
}

json::object confidential_client() {
  return {{"client_name", "Partner"}, {"redirect_uris", {kCallback}}};
}

// A sign-in with a registered client up to the consent page, then "allow": the redirect with a
// code (or what the browser stopped at).
HttpResponse consent_and_allow(BrowserSession& browser, const AuthorizeRequest& request) {
  HttpResponse page = authorize_and_sign_in(browser, request, kAda.username, kAda.password);
  EXPECT_EQ(form_action(page.body), "/consent") << "third-party: the user consents";
  http::Params decision;
  decision.add("decision", "allow");
  return browser.submit(page, decision);
}

// ---- off by default --------------------------------------------------------------------------

class RegistrationOffTest : public SharedServerTest<RegistrationOffTest> {};

TEST_F(RegistrationOffTest, TheEndpointIsAbsentAndDiscoveryDoesNotNameIt) {
  HttpResponse doc = server().client().get("/oidc/.well-known/openid-configuration");
  ASSERT_EQ(doc.status, 200u);
  EXPECT_FALSE(doc.json().as_object().contains("registration_endpoint"));
  EXPECT_EQ(post_json(server(), "/oidc/reg", confidential_client()).status, 404u);
  EXPECT_EQ(server().client().get("/oidc/reg/anything").status, 404u);
}

// ---- open registration -----------------------------------------------------------------------

class OpenRegistrationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = std::make_unique<TestServer>(TestServerOptions{
        .env = {{"LATCH_DYNAMIC_REGISTRATION", "open"}, {"LATCH_REGISTRATIONS_PER_IP", "0"}}});
    create_user(*server_, kAda);
  }
  static void TearDownTestSuite() { server_.reset(); }
  static TestServer& server() { return *server_; }

  static json::value registered(const json::object& metadata) {
    HttpResponse res = post_json(server(), "/oidc/reg", metadata);
    EXPECT_EQ(res.status, 201u) << res.body;
    EXPECT_EQ(res.header("Cache-Control"), "no-store");
    return res.json();
  }

  static inline std::unique_ptr<TestServer> server_;
};

TEST_F(OpenRegistrationTest, DiscoveryNamesTheRegistrationEndpoint) {
  HttpResponse doc = server().client().get("/oidc/.well-known/openid-configuration");
  EXPECT_EQ(json_text(doc.json(), "registration_endpoint"), server().endpoint() + "/oidc/reg");
}

TEST_F(OpenRegistrationTest, APublicClientIsRegisteredWithItsMetadata) {
  json::value client = registered(public_client());
  EXPECT_EQ(json_text(client, "client_id").size(), 21u);
  EXPECT_FALSE(client.as_object().contains("client_secret"));
  EXPECT_GT(client.at("client_id_issued_at").as_int64(), 0);
  EXPECT_FALSE(json_text(client, "registration_access_token").empty());
  EXPECT_EQ(json_text(client, "registration_client_uri"),
            server().endpoint() + "/oidc/reg/" + json_text(client, "client_id"));
  EXPECT_EQ(json_text(client, "token_endpoint_auth_method"), "none");
  EXPECT_EQ(json_text(client, "client_name"), "MCP agent");
  EXPECT_EQ(json_text(client, "client_uri"), "https://agent.example.test");
  EXPECT_EQ(client.at("redirect_uris"), json::array{kCallback});
  EXPECT_EQ(client.at("grant_types"), (json::array{"authorization_code", "refresh_token"}));
  EXPECT_EQ(client.at("contacts"), json::array{"ops@agent.example.test"});
}

TEST_F(OpenRegistrationTest, TheConsoleSeesARegisteredAppAsThirdPartyWithAMarker) {
  json::value client = registered(public_client());
  std::string id = json_text(client, "client_id");
  ProcessResult shown = server().cli({"app", "show", id, "--json"});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  json::value app = json::parse(shown.out);
  EXPECT_EQ(json_text(app, "type"), "SPA");
  EXPECT_TRUE(app.at("isThirdParty").as_bool());
  EXPECT_NE(json_text(app, "description").find("dynamic client registration"), std::string::npos);
}

TEST_F(OpenRegistrationTest, ARegisteredPublicClientSignsInAfterTheUserConsents) {
  json::value client = registered(public_client());
  AppCredentials app{json_text(client, "client_id"), ""};
  ASSERT_TRUE(wait_until_client_known(server(), app, kCallback));
  Pkce pkce = make_pkce();
  AuthorizeRequest request{.client_id = app.id, .redirect_uri = kCallback};
  request.code_challenge = pkce.challenge;
  BrowserSession browser(server());
  HttpResponse callback = consent_and_allow(browser, request);
  ASSERT_TRUE(is_code_redirect(callback, kCallback, "state-1", server().endpoint() + "/oidc"));
  HttpResponse tokens = redeem_code(server(), app, code_of(callback), kCallback, pkce.verifier);
  ASSERT_EQ(tokens.status, 200u) << tokens.body;
  EXPECT_FALSE(json_text(tokens.json(), "id_token").empty());
}

TEST_F(OpenRegistrationTest, ARegisteredConfidentialClientUsesItsSecretAtTheTokenEndpoint) {
  json::value client = registered(confidential_client());
  EXPECT_EQ(json_text(client, "token_endpoint_auth_method"), "client_secret_basic");
  EXPECT_EQ(client.at("client_secret_expires_at").as_int64(), 0);
  AppCredentials app{json_text(client, "client_id"), json_text(client, "client_secret")};
  ASSERT_EQ(app.secret.size(), 32u);
  ASSERT_TRUE(wait_until_client_known(server(), app, kCallback));
  AuthorizeRequest request{.client_id = app.id, .redirect_uri = kCallback};
  BrowserSession browser(server());
  HttpResponse callback = consent_and_allow(browser, request);
  std::string code = code_of(callback);
  ASSERT_FALSE(code.empty()) << callback.header("Location");
  AppCredentials wrong{app.id, "not-the-secret"};
  EXPECT_TRUE(is_oauth_error(redeem_code(server(), wrong, code, kCallback), 401, "invalid_client"));
  HttpResponse tokens = redeem_code(server(), app, code, kCallback);
  EXPECT_EQ(tokens.status, 200u) << tokens.body;
}

struct BadMetadata {
  const char* name;
  json::object metadata;
  const char* error;
};

TEST_F(OpenRegistrationTest, BadMetadataIsRefusedWithRfc7591Errors) {
  const BadMetadata cases[] = {
      {"no redirect_uris", {{"client_name", "x"}}, "invalid_redirect_uri"},
      {"javascript: redirect",
       {{"redirect_uris", {"javascript:alert(1)"}}},
       "invalid_redirect_uri"},
      {"redirect with fragment",
       {{"redirect_uris", {"https://a.example/cb#x"}}},
       "invalid_redirect_uri"},
      {"redirect_uris not an array", {{"redirect_uris", kCallback}}, "invalid_redirect_uri"},
      {"unknown auth method",
       {{"redirect_uris", {kCallback}}, {"token_endpoint_auth_method", "tls_client_auth"}},
       "invalid_client_metadata"},
      {"private_key_jwt without keys",
       {{"redirect_uris", {kCallback}}, {"token_endpoint_auth_method", "private_key_jwt"}},
       "invalid_client_metadata"},
      // Latch does not fetch URLs for whoever may register (blind SSRF): keys by value only.
      {"private_key_jwt with a jwks_uri",
       {{"redirect_uris", {kCallback}},
        {"token_endpoint_auth_method", "private_key_jwt"},
        {"jwks_uri", "http://169.254.169.254/latest/meta-data"}},
       "invalid_client_metadata"},
      {"client_credentials grant",
       {{"redirect_uris", {kCallback}}, {"grant_types", {"client_credentials"}}},
       "invalid_client_metadata"},
      {"implicit response type",
       {{"redirect_uris", {kCallback}}, {"response_types", {"token"}}},
       "invalid_client_metadata"},
      {"logo_uri not a URL",
       {{"redirect_uris", {kCallback}}, {"logo_uri", "not a url"}},
       "invalid_client_metadata"},
      {"client_name not a string",
       {{"redirect_uris", {kCallback}}, {"client_name", 5}},
       "invalid_client_metadata"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_TRUE(is_oauth_error(post_json(server(), "/oidc/reg", c.metadata), 400, c.error));
  }
  HttpResponse not_json =
      server().client().post("/oidc/reg", "{", {{"Content-Type", "application/json"}});
  EXPECT_TRUE(is_oauth_error(not_json, 400, "invalid_client_metadata"));
  HttpResponse form = server().client().post_form("/oidc/reg", "redirect_uris=x");
  EXPECT_TRUE(is_oauth_error(form, 400, "invalid_client_metadata"));
}

TEST_F(OpenRegistrationTest, TheRegistrationAccessTokenReadsTheClientAndNothingElse) {
  json::value client = registered(confidential_client());
  std::string path = registration_path(client);
  std::string token = json_text(client, "registration_access_token");
  HttpResponse read = with_token(server(), verb::get, path, token);
  ASSERT_EQ(read.status, 200u) << read.body;
  EXPECT_EQ(json_text(read.json(), "client_id"), json_text(client, "client_id"));
  EXPECT_EQ(json_text(read.json(), "client_secret"), json_text(client, "client_secret"));
  EXPECT_EQ(json_text(read.json(), "registration_client_uri"),
            json_text(client, "registration_client_uri"));
  EXPECT_TRUE(is_oauth_error(with_token(server(), verb::get, path, "wrong"), 401, "invalid_token"));
  EXPECT_TRUE(is_oauth_error(with_token(server(), verb::get, path, ""), 401, "invalid_token"));
  json::value other = registered(confidential_client());
  EXPECT_TRUE(is_oauth_error(with_token(server(), verb::get, registration_path(other), token), 401,
                             "invalid_token"));
}

TEST_F(OpenRegistrationTest, AnUpdateReplacesTheMetadataAndRotatesTheToken) {
  json::value client = registered(confidential_client());
  std::string path = registration_path(client);
  std::string token = json_text(client, "registration_access_token");
  json::object update = confidential_client();
  update["client_id"] = json_text(client, "client_id");
  update["client_name"] = "Partner, renamed";
  update["redirect_uris"] = json::array{"https://partner.example.test/cb"};
  HttpResponse updated = with_token(server(), verb::put, path, token, update);
  ASSERT_EQ(updated.status, 200u) << updated.body;
  EXPECT_EQ(json_text(updated.json(), "client_name"), "Partner, renamed");
  EXPECT_EQ(updated.json().at("redirect_uris"), json::array{"https://partner.example.test/cb"});
  EXPECT_EQ(json_text(updated.json(), "client_secret"), json_text(client, "client_secret"));
  std::string rotated = json_text(updated.json(), "registration_access_token");
  ASSERT_FALSE(rotated.empty());
  EXPECT_NE(rotated, token);
  EXPECT_TRUE(is_oauth_error(with_token(server(), verb::get, path, token), 401, "invalid_token"));
  EXPECT_EQ(with_token(server(), verb::get, path, rotated).status, 200u);
}

TEST_F(OpenRegistrationTest, AnUpdateCannotRenameTheClientOrMakeItPublic) {
  json::value client = registered(confidential_client());
  std::string path = registration_path(client);
  std::string token = json_text(client, "registration_access_token");
  json::object other_id = confidential_client();
  other_id["client_id"] = "someone-else";
  EXPECT_TRUE(is_oauth_error(with_token(server(), verb::put, path, token, other_id), 400,
                             "invalid_request"));
  json::object public_now = public_client();
  public_now["client_id"] = json_text(client, "client_id");
  EXPECT_TRUE(is_oauth_error(with_token(server(), verb::put, path, token, public_now), 400,
                             "invalid_client_metadata"));
  json::object bad_uri = confidential_client();
  bad_uri["client_id"] = json_text(client, "client_id");
  bad_uri["redirect_uris"] = json::array{"ftp://x.example/cb"};
  EXPECT_TRUE(is_oauth_error(with_token(server(), verb::put, path, token, bad_uri), 400,
                             "invalid_redirect_uri"));
  EXPECT_TRUE(is_oauth_error(with_token(server(), verb::put, path, "wrong", bad_uri), 401,
                             "invalid_token"));
  EXPECT_EQ(with_token(server(), verb::get, path, token).status, 200u) << "nothing changed";
}

TEST_F(OpenRegistrationTest, DeletingTheClientRemovesItEverywhere) {
  json::value client = registered(confidential_client());
  std::string path = registration_path(client);
  std::string token = json_text(client, "registration_access_token");
  AppCredentials app{json_text(client, "client_id"), json_text(client, "client_secret")};
  EXPECT_TRUE(
      is_oauth_error(with_token(server(), verb::delete_, path, "wrong"), 401, "invalid_token"));
  EXPECT_EQ(with_token(server(), verb::delete_, path, token).status, 204u);
  EXPECT_TRUE(is_oauth_error(with_token(server(), verb::get, path, token), 401, "invalid_token"));
  http::Params params;
  params.add("grant_type", "authorization_code");
  params.add("code", "whatever");
  params.add("redirect_uri", kCallback);
  // An unknown client is a bad request naming it (oidc-provider's answer), not a failed login.
  EXPECT_TRUE(eventually([&] {
    return is_oauth_error(token_request(server(), app, params), 400, "invalid_client");
  })) << "the token endpoint no longer knows the client";
}

// ---- registration with an initial access token -----------------------------------------------

class InitialTokenRegistrationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = std::make_unique<TestServer>(
        TestServerOptions{.env = {{"LATCH_DYNAMIC_REGISTRATION", "initial_access_token"},
                                  {"LATCH_REGISTRATIONS_PER_IP", "0"}}});
    operator_ = create_app(*server_, "m2m", {"--management-api"});
    wait_until_token_issued(*server_, operator_, "urn:latch:management");
  }
  static void TearDownTestSuite() { server_.reset(); }
  static TestServer& server() { return *server_; }

  static std::string management_token() {
    auto res =
        token_with_basic(server(), operator_,
                         "grant_type=client_credentials&resource=urn:latch:management&scope=all");
    return json_text(res.json(), "access_token");
  }
  // POST /api/initial-access-tokens; the answer.
  static HttpResponse create_token(const json::object& body) {
    return management_request(server(), verb::post, "/api/initial-access-tokens", body,
                              management_token());
  }
  static std::string new_token(std::int64_t uses) {
    HttpResponse res = create_token({{"description", "agents"}, {"uses", uses}});
    EXPECT_EQ(res.status, 201u) << res.body;
    return json_text(res.json(), "token");
  }

  static inline std::unique_ptr<TestServer> server_;
  static inline AppCredentials operator_;
};

TEST_F(InitialTokenRegistrationTest, WithoutATokenOrWithAWrongOneRegistrationIsRefused) {
  HttpResponse none = post_json(server(), "/oidc/reg", confidential_client());
  EXPECT_TRUE(is_oauth_error(none, 401, "invalid_token"));
  EXPECT_NE(none.header("WWW-Authenticate").find("Bearer"), std::string::npos);
  EXPECT_TRUE(is_oauth_error(post_json(server(), "/oidc/reg", confidential_client(), "made-up"),
                             401, "invalid_token"));
  HttpResponse basic = server().client().post(
      "/oidc/reg", json::serialize(confidential_client()),
      {{"Content-Type", "application/json"}, {"Authorization", "Basic YTpi"}});
  EXPECT_TRUE(is_oauth_error(basic, 401, "invalid_token"));
}

TEST_F(InitialTokenRegistrationTest, ATokenServesAsManyRegistrationsAsItHasUses) {
  std::string token = new_token(2);
  ASSERT_FALSE(token.empty());
  // Bad metadata does not spend a use.
  EXPECT_TRUE(is_oauth_error(post_json(server(), "/oidc/reg", {{"client_name", "x"}}, token), 400,
                             "invalid_redirect_uri"));
  EXPECT_EQ(post_json(server(), "/oidc/reg", confidential_client(), token).status, 201u);
  EXPECT_EQ(post_json(server(), "/oidc/reg", public_client(), token).status, 201u);
  EXPECT_TRUE(is_oauth_error(post_json(server(), "/oidc/reg", confidential_client(), token), 401,
                             "invalid_token"));
}

TEST_F(InitialTokenRegistrationTest, AnExpiredTokenIsRefused) {
  HttpResponse created = create_token({{"description", "short"}, {"expiresIn", 60}});
  ASSERT_EQ(created.status, 201u) << created.body;
  std::string id = json_text(created.json(), "id");
  // The server's clock cannot be moved: age the token in its database instead.
  server().sql("UPDATE initial_access_tokens SET expires_at = 1000 WHERE id = '" + id + "'");
  EXPECT_TRUE(is_oauth_error(
      post_json(server(), "/oidc/reg", confidential_client(), json_text(created.json(), "token")),
      401, "invalid_token"));
}

TEST_F(InitialTokenRegistrationTest, OperatorsListAndRevokeTokensWhoseValuesAreShownOnce) {
  HttpResponse created = create_token({{"description", "to revoke"}, {"uses", 5}});
  ASSERT_EQ(created.status, 201u) << created.body;
  std::string id = json_text(created.json(), "id");
  std::string token = json_text(created.json(), "token");
  EXPECT_EQ(created.json().at("usesLeft").as_int64(), 5);
  HttpResponse listed = management_request(server(), verb::get, "/api/initial-access-tokens",
                                           nullptr, management_token());
  ASSERT_EQ(listed.status, 200u) << listed.body;
  bool found = false;
  json::value items = listed.json();  // the loop reads it: it must outlive the loop
  for (const auto& item : items.as_array()) {
    EXPECT_FALSE(item.as_object().contains("token")) << "the value is shown once";
    found = found || json_text(item, "id") == id;
  }
  EXPECT_TRUE(found);
  EXPECT_EQ(management_request(server(), verb::delete_, "/api/initial-access-tokens/" + id, nullptr,
                               management_token())
                .status,
            204u);
  EXPECT_TRUE(is_oauth_error(post_json(server(), "/oidc/reg", confidential_client(), token), 401,
                             "invalid_token"));
  EXPECT_EQ(management_request(server(), verb::delete_, "/api/initial-access-tokens/" + id, nullptr,
                               management_token())
                .status,
            404u);
}

TEST_F(InitialTokenRegistrationTest, BadTokenRequestsAreRefused) {
  EXPECT_EQ(create_token({{"expiresIn", 10}}).status, 400u);
  EXPECT_EQ(create_token({{"uses", 0}}).status, 400u);
  EXPECT_EQ(create_token({{"uses", "many"}}).status, 400u);
  EXPECT_EQ(create_token({{"colour", "blue"}}).status, 400u);
  EXPECT_EQ(
      management_request(server(), verb::post, "/api/initial-access-tokens", json::object{}, "")
          .status,
      401u);
}

// ---- the rate limit --------------------------------------------------------------------------

TEST(RegistrationRateLimitTest, RegistrationsPerAddressAreLimited) {
  TestServer server(TestServerOptions{
      .env = {{"LATCH_DYNAMIC_REGISTRATION", "open"}, {"LATCH_REGISTRATIONS_PER_IP", "2"}}});
  EXPECT_EQ(post_json(server, "/oidc/reg", confidential_client()).status, 201u);
  EXPECT_EQ(post_json(server, "/oidc/reg", confidential_client()).status, 201u);
  HttpResponse third = post_json(server, "/oidc/reg", confidential_client());
  EXPECT_EQ(third.status, 429u) << third.body;
  EXPECT_FALSE(third.header("Retry-After").empty());
}

}  // namespace
}  // namespace latch::test
