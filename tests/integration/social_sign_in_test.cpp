// Social sign-in with GitHub against tests/fakes/github: the connector CLI, the pages' flow from
// "Continue with GitHub" to the app's callback, identities, linking to an existing account, and
// every way the provider or the browser can go wrong.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <thread>

#include "fakes/smtp/fake_smtp_server.hpp"
#include "http/form.hpp"
#include "support/code_flow.hpp"
#include "support/eventually.hpp"
#include "support/fake_github.hpp"
#include "support/provisioning.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;

constexpr const char* kCallback = "http://localhost:3000/callback";

class SocialSignInTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<TestServer>(
        TestServerOptions{.env = {{"LATCH_CONNECTOR_TIMEOUT_MS", "1500"}}});
    app_ = create_user_app(*server_, {.type = "traditional", .redirect_uris = {kCallback}});
    ASSERT_TRUE(wait_until_client_known(*server_, app_, kCallback));
  }

  TestServer& server() { return *server_; }

  // `latch connector add github ... --enable --json` pointed at the fake; the fake learns the
  // OAuth app with `registered_callback` (the printed callback URL when empty).
  std::string add_github(const std::string& secret_at_latch = "gh-secret",
                         const std::string& registered_callback = "",
                         const std::string& scope = "read:user user:email") {
    auto added = cli_json(
        server(), {"connector", "add", "github", "--client-id", "gh-client", "--client-secret",
                   secret_at_latch, "--scope", scope, "--set", "oauthBaseUrl=" + github_.base_url(),
                   "--set", "apiBaseUrl=" + github_.base_url(), "--enable", "--json"});
    std::string id = json_text(added, "id");
    // The CLI derives the endpoint from the configuration; the test server listens on an
    // ephemeral port only the running server knows, so compare the path.
    EXPECT_TRUE(json_text(added, "callbackUri").ends_with("/callback/" + id));
    std::string callback = server().endpoint() + "/callback/" + id;
    github_.register_app("gh-client", "gh-secret",
                         registered_callback.empty() ? callback : registered_callback);
    return id;
  }

  void sign_up_mode(const std::string& mode) {
    ProcessResult r = server().cli({"experience", "sign-up", mode});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }

  // The sign-in page of a new authorization request, once it shows the GitHub button (the
  // sign-in experience reloads within ~250 ms of a change).
  HttpResponse sign_in_page(BrowserSession& browser, const std::string& connector_id) {
    HttpResponse page;
    EXPECT_TRUE(eventually([&] {
      // prompt=login: a browser that signed in before still sees the page.
      AuthorizeRequest request{.client_id = app_.id,
                               .redirect_uri = kCallback,
                               .scope = "openid profile email identities"};
      request.extra.add("prompt", "login");
      page = browser.navigate(request.target());
      return page.body.find("/social/" + connector_id) != std::string::npos;
    })) << page.body.substr(0, 2000);
    return page;
  }

  // Clicks "Continue with GitHub": the redirect to the fake's authorize page.
  HttpResponse click_github(BrowserSession& browser, const HttpResponse& page,
                            const std::string& connector_id) {
    http::Params form;
    form.add("csrf", input_value(page.body, "csrf").value_or(""));
    return browser.post_form("/social/" + connector_id, form);
  }

  // What GitHub does with the browser at its authorize URL: the redirect it answers.
  HttpResponse at_github(const std::string& authorize_url) {
    auto path = authorize_url.substr(github_.base_url().size());
    return HttpTestClient("127.0.0.1", github_.port()).get(path);
  }

  // The whole round trip: page, click, GitHub, callback; the browser's last stop.
  HttpResponse continue_with_github(BrowserSession& browser, const std::string& connector_id) {
    auto page = sign_in_page(browser, connector_id);
    auto to_github = click_github(browser, page, connector_id);
    EXPECT_EQ(to_github.status / 100, 3u) << to_github.body;
    auto back = at_github(to_github.header("Location"));
    EXPECT_EQ(back.status, 302u) << back.body;
    return browser.follow(browser.get(back.header("Location")));
  }

  json::object redeem(const HttpResponse& at_client) {
    std::string code = code_of(at_client);
    EXPECT_FALSE(code.empty()) << at_client.status << " " << at_client.header("Location") << "\n"
                               << at_client.body.substr(0, 2000);
    auto tokens = redeem_code(server(), app_, code, kCallback).json();
    return tokens.is_object() ? tokens.as_object() : json::object{};
  }

  // The ID token's claims plus userinfo's (where Logto puts `identities`).
  json::object claims_of(const json::object& tokens) {
    auto it = tokens.find("id_token");
    if (it == tokens.end()) return {};
    auto claims = verified_payload(server(), std::string(it->value().as_string()));
    auto info = userinfo(server(), json_text(tokens, "access_token")).json();
    if (info.is_object()) {
      for (const auto& [k, v] : info.as_object()) claims[k] = v;
    }
    return claims;
  }

  json::array users() { return cli_json(server(), {"user", "list", "--json"}).as_array(); }

  bool healthy() { return server().client().get("/healthz").status == 200; }

  FakeGitHub github_;
  std::unique_ptr<TestServer> server_;
  AppCredentials app_;
};

TEST_F(SocialSignInTest, ConnectorCliListsShowsAndMasksTheSecret) {
  std::string id = add_github();
  auto listed = cli_json(server(), {"connector", "list", "--json"}).as_array();
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(json_text(listed[0], "id"), id);
  EXPECT_EQ(json_text(listed[0], "target"), "github");
  EXPECT_EQ(json_text(listed[0].at("config"), "clientSecret"), "********");
  auto shown = cli_json(server(), {"connector", "show", id, "--json", "--reveal"});
  EXPECT_EQ(json_text(shown.at("config"), "clientSecret"), "gh-secret");
  EXPECT_EQ(json_text(shown.at("config"), "scope"), "read:user user:email");

  auto experience = cli_json(server(), {"experience", "show"});
  EXPECT_EQ(experience.at("socialSignInConnectorTargets"), json::array({"github"}));
  ASSERT_EQ(server().cli({"connector", "disable", id}).exit_code, 0);
  experience = cli_json(server(), {"experience", "show"});
  EXPECT_TRUE(experience.at("socialSignInConnectorTargets").as_array().empty());

  // A second GitHub connector would make identities ambiguous.
  auto again = server().cli(
      {"connector", "add", "github", "--client-id", "x", "--client-secret", "y", "--json"});
  EXPECT_NE(again.exit_code, 0);
  EXPECT_NE(again.err.find("already exists"), std::string::npos) << again.err;
  // Unknown and missing fields are refused by name.
  auto unknown = server().cli({"connector", "update", id, "--set", "clientSecrets=z"});
  EXPECT_NE(unknown.exit_code, 0);
  EXPECT_NE(unknown.err.find("unknown field clientSecrets"), std::string::npos) << unknown.err;
  auto bad_url = server().cli({"connector", "update", id, "--set", "apiBaseUrl=ftp://x"});
  EXPECT_NE(bad_url.exit_code, 0);
  EXPECT_NE(bad_url.err.find("apiBaseUrl"), std::string::npos) << bad_url.err;

  ASSERT_EQ(server().cli({"connector", "remove", id}).exit_code, 0);
  EXPECT_TRUE(cli_json(server(), {"connector", "list", "--json"}).as_array().empty());
}

TEST_F(SocialSignInTest, SocialOnlySignUpCreatesTheUserAndTheNextSignInFindsThem) {
  sign_up_mode("social-only");
  std::string id = add_github();
  github_.set_user({{"id", 4242},
                    {"login", "octo-latch"},
                    {"name", "Octo Latch"},
                    {"email", nullptr},
                    {"avatar_url", "https://avatars.example/octo.png"},
                    {"emails", json::array{{{"email", "octo@example.com"},
                                            {"primary", true},
                                            {"verified", true},
                                            {"visibility", "private"}}}}});
  BrowserSession browser(server());
  auto claims = claims_of(redeem(continue_with_github(browser, id)));
  ASSERT_FALSE(claims.empty());
  EXPECT_EQ(json_text(claims, "name"), "Octo Latch");
  EXPECT_EQ(json_text(claims, "email"), "octo@example.com");
  EXPECT_EQ(json_text(claims.at("identities").at("github"), "userId"), "4242");

  auto all = users();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(json_text(all[0], "avatar"), "https://avatars.example/octo.png");
  EXPECT_EQ(json_text(all[0].at("identities").at("github").at("details"), "email"),
            "octo@example.com");
  // The token exchange sent the secret and the exact callback URL.
  auto requests = github_.token_requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(json_text(requests[0], "redirect_uri"), server().endpoint() + "/callback/" + id);

  // A renamed GitHub login keeps the account: the numeric id is the subject.
  github_.set_user({{"id", 4242}, {"login", "renamed"}, {"name", "Octo Renamed"}});
  BrowserSession again(server());
  auto second = claims_of(redeem(continue_with_github(again, id)));
  EXPECT_EQ(json_text(second, "sub"), json_text(claims, "sub"));
  EXPECT_EQ(users().size(), 1u);
  EXPECT_EQ(json_text(second, "name"), "Octo Latch");  // sync-profile is off by default
}

TEST_F(SocialSignInTest, SyncProfileUpdatesNameAndAvatarOnEverySignIn) {
  sign_up_mode("social-only");
  std::string id = add_github();
  ASSERT_EQ(server().cli({"connector", "update", id, "--sync-profile", "true"}).exit_code, 0);
  github_.set_user({{"id", 7}, {"login", "a"}, {"name", "First Name"}});
  BrowserSession browser(server());
  redeem(continue_with_github(browser, id));
  github_.set_user({{"id", 7}, {"login", "a"}, {"name", "Second Name"}});
  BrowserSession again(server());
  auto claims = claims_of(redeem(continue_with_github(again, id)));
  EXPECT_EQ(json_text(claims, "name"), "Second Name");
}

TEST_F(SocialSignInTest, PasswordModeAsksForTheMissingUsernameButNoPassword) {
  sign_up_mode("password");  // sign-up identifier: username
  std::string id = add_github();
  BrowserSession browser(server());
  auto page = continue_with_github(browser, id);
  ASSERT_EQ(page.status, 200u) << page.header("Location");
  ASSERT_TRUE(input_value(page.body, "value").has_value()) << page.body.substr(0, 2000);
  http::Params fields;
  fields.add("value", "octo_user");
  auto done = browser.submit(page, fields);
  auto claims = claims_of(redeem(done));
  EXPECT_EQ(json_text(claims, "username"), "octo_user");
  auto all = users();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_FALSE(all[0].at("hasPassword").as_bool());
}

TEST_F(SocialSignInTest, AccessDeniedReturnsToTheSignInPageWithANotice) {
  std::string id = add_github();
  github_.set_auto_approve(false);
  BrowserSession browser(server());
  auto page = sign_in_page(browser, id);
  auto to_github = click_github(browser, page, id);
  auto query = location_query(to_github);
  std::string state(query.value("state"));
  ASSERT_FALSE(state.empty());
  // What GitHub sends when the user clicks Cancel.
  auto back = browser.get("/callback/" + id +
                          "?error=access_denied&error_description=The+user+has+denied+your+"
                          "application+access.&state=" +
                          state);
  EXPECT_EQ(back.header("Location"), "/sign-in?notice=social_denied") << back.body;
  auto notice = browser.follow(back);
  EXPECT_EQ(notice.status, 200u);
  EXPECT_NE(notice.body.find("cancelled"), std::string::npos);
  EXPECT_TRUE(users().empty());
}

TEST_F(SocialSignInTest, RedirectUriMismatchShowsTheCallbackUrlToRegister) {
  std::string id = add_github("gh-secret", server().endpoint() + "/callback/old-connector");
  BrowserSession browser(server());
  auto page = continue_with_github(browser, id);
  EXPECT_EQ(page.status, 400u);
  std::string expected = server().endpoint() + "/callback/" + id;
  EXPECT_NE(page.body.find("<code class=\"url\">" + expected + "</code>"), std::string::npos)
      << page.body.substr(0, 3000);
  EXPECT_NE(page.body.find("Authorization callback URL"), std::string::npos);
  EXPECT_TRUE(users().empty());
}

TEST_F(SocialSignInTest, AWrongClientSecretIsLoggedForTheAdminAndGenericForTheUser) {
  std::string id = add_github("not-the-secret");
  BrowserSession browser(server());
  auto page = continue_with_github(browser, id);
  EXPECT_EQ(page.status / 100, 5u);
  EXPECT_NE(page.status, 500u);
  EXPECT_NE(page.body.find("not working right now"), std::string::npos) << page.body;
  EXPECT_EQ(page.body.find("not-the-secret"), std::string::npos);
  EXPECT_TRUE(eventually(
      [&] { return server().log().find("check its client ID and secret") != std::string::npos; }));
  EXPECT_EQ(server().log().find("not-the-secret"), std::string::npos);
}

TEST_F(SocialSignInTest, AStateIsGoodForOneCallbackOfItsOwnInteraction) {
  sign_up_mode("social-only");
  std::string id = add_github();
  BrowserSession browser(server());
  auto page = sign_in_page(browser, id);
  auto back = at_github(click_github(browser, page, id).header("Location"));
  std::string callback = back.header("Location");
  auto done = browser.follow(browser.get(callback));
  ASSERT_FALSE(code_of(done).empty());

  // Replayed in a second sign-in of the same browser: refused, nothing created twice.
  auto second_page = sign_in_page(browser, id);
  auto replay = browser.get(callback);
  EXPECT_EQ(replay.status, 400u);
  EXPECT_NE(replay.body.find("already used or belongs to another sign-in"), std::string::npos);

  // Another browser's state, in a browser that started its own social sign-in: refused.
  BrowserSession other(server());
  auto other_page = sign_in_page(other, id);
  auto other_back = at_github(click_github(other, other_page, id).header("Location"));
  auto foreign = browser.get(other_back.header("Location"));
  EXPECT_EQ(foreign.status, 400u);
  // ... while the browser that owns it still finishes.
  EXPECT_FALSE(code_of(other.follow(other.get(other_back.header("Location")))).empty());
  EXPECT_EQ(users().size(), 1u);
}

// A provider that posts its answer back (Apple's response_mode=form_post) sends a cross-site POST,
// which carries none of Latch's SameSite=Lax cookies: Latch turns it into the GET callback, which
// the browser's cookies reach, and the sign-in completes as with a redirect.
TEST_F(SocialSignInTest, AProviderThatPostsItsAnswerBackCompletesTheSignIn) {
  sign_up_mode("social-only");
  std::string id = add_github();
  BrowserSession browser(server());
  auto page = sign_in_page(browser, id);
  auto back = at_github(click_github(browser, page, id).header("Location"));
  http::Params answer = location_query(back);
  ASSERT_FALSE(answer.value("state").empty()) << back.header("Location");
  // The provider's page posts the answer: no cookie goes with it.
  auto posted = server().client().post_form("/callback/" + id, http::encode_form(answer));
  ASSERT_EQ(posted.status, 303u) << posted.body;
  auto done = browser.follow(browser.get(posted.header("Location")));
  EXPECT_FALSE(code_of(done).empty()) << done.status << " " << done.body.substr(0, 1000);
  EXPECT_EQ(users().size(), 1u);
}

TEST_F(SocialSignInTest, AProviderThatFailsGetsAClearPageAndTheServerStaysHealthy) {
  sign_up_mode("social-only");
  std::string id = add_github();
  struct Case {
    json::object faults;
    std::string phrase;
  };
  std::vector<Case> cases{
      {{{"token", "garbage"}}, "answered something unexpected"},
      {{{"token", "status500"}}, "cannot be reached"},
      {{{"user", "status500"}}, "cannot be reached"},
      {{{"user", "garbage"}}, "answered something unexpected"},
      {{{"user", "wrong_shape"}}, "answered something unexpected"},
      {{{"token", "wrong_shape"}}, "answered something unexpected"},
      {{{"token", "hang"}}, "cannot be reached"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(json::serialize(c.faults));
    github_.set_faults(c.faults);
    BrowserSession browser(server());
    auto started = std::chrono::steady_clock::now();
    auto page = continue_with_github(browser, id);
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(8));
    EXPECT_EQ(page.status / 100, 5u);
    EXPECT_NE(page.status, 500u);
    EXPECT_NE(page.body.find(c.phrase), std::string::npos) << page.body.substr(0, 2000);
    EXPECT_TRUE(healthy());
  }
  github_.set_faults({});
  BrowserSession browser(server());
  auto last = continue_with_github(browser, id);
  EXPECT_FALSE(code_of(last).empty()) << last.status << last.body.substr(0, 2000);
}

TEST_F(SocialSignInTest, AVerifiedEmailOfAnExistingAccountLinksAfterItsPassword) {
  sign_up_mode("password");
  create_user(server(),
              {.username = "octo", .password = "Tr0mbone-Quartz-41", .email = "octo@example.com"});
  std::string id = add_github();
  BrowserSession browser(server());
  auto link = continue_with_github(browser, id);
  ASSERT_EQ(link.status, 200u) << link.header("Location");
  EXPECT_NE(link.body.find("octo@example.com"), std::string::npos);
  EXPECT_NE(link.body.find("Link your accounts"), std::string::npos);

  http::Params wrong;
  wrong.add("password", "not-my-password");
  wrong.add("action", "password");
  auto refused = browser.submit(link, wrong);
  EXPECT_EQ(refused.status, 401u);
  EXPECT_TRUE(users()[0].at("identities").as_object().empty());  // still unlinked

  http::Params right;
  right.add("password", "Tr0mbone-Quartz-41");
  right.add("action", "password");
  auto claims = claims_of(redeem(browser.submit(refused, right)));
  EXPECT_EQ(json_text(claims, "username"), "octo");
  EXPECT_EQ(json_text(claims.at("identities").at("github"), "userId"), "1001");
  ASSERT_EQ(users().size(), 1u);

  // From now on GitHub alone signs in to that account.
  BrowserSession later(server());
  auto again = claims_of(redeem(continue_with_github(later, id)));
  EXPECT_EQ(json_text(again, "sub"), json_text(claims, "sub"));
}

TEST_F(SocialSignInTest, LinkingCanBeProvedWithACodeSentToTheAccountsEmail) {
  FakeSmtpServer smtp;
  ASSERT_EQ(
      server()
          .cli({"email", "set-smtp", "--host", "127.0.0.1", "--port", std::to_string(smtp.port()),
                "--security", "none", "--from", "Latch <no-reply@example.test>"})
          .exit_code,
      0);
  sign_up_mode("password");
  create_user(server(),
              {.username = "octo", .password = "Tr0mbone-Quartz-41", .email = "octo@example.com"});
  std::string id = add_github();
  BrowserSession browser(server());
  auto link = continue_with_github(browser, id);
  ASSERT_NE(link.body.find("Link your accounts"), std::string::npos) << link.body.substr(0, 2000);
  http::Params by_code;
  by_code.add("action", "code");
  auto code_page = browser.submit(link, by_code);
  ASSERT_EQ(code_page.status, 200u) << code_page.body.substr(0, 2000);
  auto mail = smtp.wait_for(1);
  EXPECT_NE(mail.to.find("octo@example.com"), std::string::npos);
  http::Params code;
  code.add("code", mail.code());
  code.add("action", "verify");
  auto claims = claims_of(redeem(browser.submit(code_page, code)));
  EXPECT_EQ(json_text(claims, "username"), "octo");
  EXPECT_EQ(json_text(claims.at("identities").at("github"), "userId"), "1001");
}

TEST_F(SocialSignInTest, TheCallbackMayReturnToAnotherNode) {
  sign_up_mode("social-only");
  std::string id = add_github();
  // Node B shares node A's database and master key (the data directory); only the database
  // carries the sign-in from one node to the other.
  TestServer node_b(TestServerOptions{.env = {{"LATCH_DATA_DIR", server().data_dir().string()},
                                              {"LATCH_CONNECTOR_TIMEOUT_MS", "1500"}}});
  BrowserSession at_a(server());
  auto page = sign_in_page(at_a, id);
  auto back = at_github(click_github(at_a, page, id).header("Location"));
  auto callback = at_a.on_server(back.header("Location"));
  ASSERT_TRUE(callback.has_value()) << back.header("Location");

  // The browser's next request lands on node B, with the cookie node A set.
  BrowserSession at_b(node_b);
  at_b.set_cookie("_latch_interaction", at_a.cookie("_latch_interaction").value_or(""));
  auto done = at_b.follow(at_b.get(*callback));
  std::string code = code_of(done);
  ASSERT_FALSE(code.empty()) << done.status << " " << done.body.substr(0, 2000);
  auto tokens = redeem_code(server(), app_, code, kCallback).json();  // redeemed back on A
  EXPECT_FALSE(json_text(tokens, "id_token").empty()) << json::serialize(tokens);
  // The state is spent for both nodes.
  EXPECT_EQ(at_a.get(*callback).status / 100, 4u);
}

TEST_F(SocialSignInTest, TheExperienceApiRefusesALinkWithoutProof) {
  sign_up_mode("password");
  create_user(server(),
              {.username = "octo", .password = "Tr0mbone-Quartz-41", .email = "octo@example.com"});
  std::string id = add_github();
  BrowserSession browser(server());
  sign_in_page(browser, id);  // the interaction cookie
  auto api = [&](std::string_view path, const json::object& body) {
    Headers headers{
        {"Content-Type", "application/json"},
        {"Cookie", "_latch_interaction=" + browser.cookie("_latch_interaction").value_or("")}};
    return server().client().post(path, json::serialize(body), headers);
  };
  auto put = server().client().request(
      boost::beast::http::verb::put, "/api/experience",
      json::serialize(json::object{{"interactionEvent", "SignIn"}}),
      {{"Content-Type", "application/json"},
       {"Cookie", "_latch_interaction=" + browser.cookie("_latch_interaction").value_or("")}});
  ASSERT_EQ(put.status, 204u) << put.body;
  auto started = api("/api/experience/verification/social/" + id + "/authorization-uri",
                     {{"state", "api-state-1"}, {"redirectUri", server().endpoint() + "/cb"}});
  ASSERT_EQ(started.status, 200u) << started.body;
  std::string vid = json_text(started.json(), "verificationId");
  std::string authorize = json_text(started.json(), "authorizationUri");
  github_.register_app("gh-client", "gh-secret", server().endpoint() + "/cb");
  auto back = at_github(authorize);
  auto data = location_query(back);
  json::object connector_data;
  for (const auto& [k, v] : data.items()) connector_data[k] = v;

  auto wrong_state = connector_data;
  wrong_state["state"] = "forged";
  auto forged = api("/api/experience/verification/social/" + id + "/verify",
                    {{"verificationId", vid}, {"connectorData", wrong_state}});
  EXPECT_EQ(forged.status, 400u) << forged.body;
  EXPECT_EQ(json_text(forged.json(), "code"), "session.social_state_invalid");

  // The forged attempt used the state up: start again.
  started = api("/api/experience/verification/social/" + id + "/authorization-uri",
                {{"state", "api-state-2"}, {"redirectUri", server().endpoint() + "/cb"}});
  vid = json_text(started.json(), "verificationId");
  back = at_github(json_text(started.json(), "authorizationUri"));
  connector_data = {};
  auto second = location_query(back);
  for (const auto& [k, v] : second.items()) connector_data[k] = v;
  auto verified = api("/api/experience/verification/social/" + id + "/verify",
                      {{"verificationId", vid}, {"connectorData", connector_data}});
  ASSERT_EQ(verified.status, 200u) << verified.body;

  auto plain = api("/api/experience/identification", {{"verificationId", vid}});
  EXPECT_EQ(plain.status, 404u);
  EXPECT_EQ(json_text(plain.json(), "code"), "user.identity_not_exist");
  auto unproven = api("/api/experience/identification",
                      {{"verificationId", vid}, {"linkSocialIdentity", true}});
  EXPECT_EQ(unproven.status, 403u) << unproven.body;
  EXPECT_EQ(json_text(unproven.json(), "code"), "user.link_proof_required");

  auto proof = api("/api/experience/verification/password",
                   {{"identifier", {{"type", "email"}, {"value", "octo@example.com"}}},
                    {"password", "Tr0mbone-Quartz-41"}});
  ASSERT_EQ(proof.status, 200u) << proof.body;
  auto linked = api("/api/experience/identification",
                    {{"verificationId", vid}, {"linkSocialIdentity", true}});
  EXPECT_EQ(linked.status, 204u) << linked.body;
  auto submitted = api("/api/experience/submit", {});
  ASSERT_EQ(submitted.status, 200u) << submitted.body;
  EXPECT_EQ(json_text(users()[0].at("identities").at("github"), "userId"), "1001");
}

TEST_F(SocialSignInTest, TheWellKnownSignInExperienceListsTheEnabledConnector) {
  std::string id = add_github();
  json::value doc;
  EXPECT_TRUE(eventually([&] {
    doc = server().client().get("/api/.well-known/sign-in-exp").json();
    return doc.is_object() && !doc.at("socialConnectors").as_array().empty();
  }));
  const auto& social = doc.at("socialConnectors").as_array();
  ASSERT_EQ(social.size(), 1u);
  EXPECT_EQ(json_text(social[0], "id"), id);
  EXPECT_EQ(json_text(social[0], "target"), "github");
  EXPECT_EQ(json_text(social[0].at("name"), "en"), "GitHub");
}

}  // namespace
}  // namespace latch::test
