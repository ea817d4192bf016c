// Enterprise SSO over OpenID Connect against a real IdP: a second Latch on loopback. The relying
// Latch routes an email domain to the IdP, sends the browser there with PKCE and a nonce, checks
// the IdP's ID token against its JWKS, creates the person with an SSO identity and joins them to
// the connector's JIT organization; the next sign-in finds them by that identity.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "http/form.hpp"
#include "support/code_flow.hpp"
#include "support/eventually.hpp"
#include "support/provisioning.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;
using boost::beast::http::verb;

constexpr const char* kCallback = "http://localhost:3000/callback";
constexpr const char* kPassword = "Tr0mbone-Quartz-41";

class SsoSignInTest : public ::testing::Test {
 protected:
  void SetUp() override {
    idp_ = std::make_unique<TestServer>();
    rp_ = std::make_unique<TestServer>(
        TestServerOptions{.env = {{"LATCH_CONNECTOR_TIMEOUT_MS", "3000"}}});
    app_ = create_user_app(*rp_, {.redirect_uris = {kCallback}});
    ASSERT_TRUE(wait_until_client_known(*rp_, app_, kCallback));
    admin_ = create_app(*rp_, "m2m", {"--management-api"});
    ASSERT_TRUE(wait_until_token_issued(*rp_, admin_, "urn:latch:management"));
    http::Params params{{"grant_type", "client_credentials"},
                        {"resource", "urn:latch:management"},
                        {"scope", "all"}};
    token_ = json_text(token_request(*rp_, admin_, params).json(), "access_token");
    ASSERT_EQ(rp_->cli({"experience", "set", "singleSignOnEnabled=true"}).exit_code, 0);

    auto org = api(verb::post, "/api/organizations", json::object{{"name", "Acme"}});
    ASSERT_EQ(org.status, 201u) << org.body;
    org_ = json_text(org.json(), "id");
    auto connector = api(verb::post, "/api/sso-connectors",
                         json::object{{"providerName", "OIDC"},
                                      {"connectorName", "Acme IdP"},
                                      {"domains", json::array{"acme.test"}},
                                      {"branding", {{"displayName", "Acme"}}},
                                      {"syncProfile", true}});
    ASSERT_EQ(connector.status, 200u) << connector.body;
    connector_ = json_text(connector.json(), "id");
    callback_ = json_text(connector.json(), "redirectUri");
    ASSERT_EQ(callback_, rp_->endpoint() + "/callback/sso/" + connector_);

    idp_app_ = create_user_app(*idp_, {.redirect_uris = {callback_}});
    ASSERT_TRUE(wait_until_client_known(*idp_, idp_app_, callback_));
    issuer_ = idp_->endpoint() + "/oidc";
    auto configured = api(
        verb::patch, "/api/sso-connectors/" + connector_,
        json::object{
            {"config",
             {{"clientId", idp_app_.id}, {"clientSecret", idp_app_.secret}, {"issuer", issuer_}}}});
    ASSERT_EQ(configured.status, 200u) << configured.body;
    auto jit = api(verb::post, "/api/organizations/" + org_ + "/jit/sso-connectors",
                   json::object{{"ssoConnectorIds", json::array{json::string(connector_)}}});
    ASSERT_EQ(jit.status, 201u) << jit.body;
    alice_ = create_user(*idp_, {.username = "alice",
                                 .password = kPassword,
                                 .email = "alice@acme.test",
                                 .name = "Alice Acme"});
  }

  HttpResponse api(verb method, const std::string& path, const json::value& body = nullptr) {
    return management_request(*rp_, method, path, body, token_);
  }

  // The relying party's sign-in page, once it shows "Single sign-on".
  HttpResponse sign_in_page(BrowserSession& rp, http::Params extra = {}) {
    HttpResponse page;
    EXPECT_TRUE(eventually([&] {
      AuthorizeRequest request{
          .client_id = app_.id, .redirect_uri = kCallback, .scope = "openid profile email"};
      request.extra = extra;
      page = rp.navigate(request.target());
      return page.body.find("Single sign-on") != std::string::npos;
    })) << page.body.substr(0, 2000);
    return page;
  }

  // "Single sign-on" → the work email → the IdP's redirect (not followed).
  HttpResponse to_idp(BrowserSession& rp, const std::string& email) {
    sign_in_page(rp);
    auto page = rp.navigate("/sso");
    http::Params form;
    form.add("csrf", input_value(page.body, "csrf").value_or(""));
    form.add("email", email);
    return rp.post_form("/sso", form);
  }

  // Signs in at the IdP as alice (when it asks) and returns its redirect back to the relying party.
  HttpResponse at_idp(BrowserSession& idp, const std::string& location) {
    auto page = idp.navigate(*idp.on_server(location));
    if (page.header("Location").starts_with(callback_)) return page;
    http::Params credentials;
    credentials.add("identifier", "alice");
    credentials.add("password", kPassword);
    return idp.submit(page, credentials);
  }

  // The whole round trip; the relying party browser's last stop (the client's redirect).
  HttpResponse sign_in_via_sso(BrowserSession& rp, BrowserSession& idp) {
    auto out = to_idp(rp, "alice@ACME.test");
    std::string location = out.header("Location");
    EXPECT_TRUE(location.starts_with(issuer_ + "/auth?")) << out.status << out.body;
    auto back = at_idp(idp, location);
    EXPECT_TRUE(back.header("Location").starts_with(callback_ + "?")) << back.status << back.body;
    return rp.follow(rp.get(back.header("Location")));
  }

  json::object id_token_claims(const HttpResponse& at_client) {
    std::string code = code_of(at_client);
    EXPECT_FALSE(code.empty()) << at_client.status << at_client.body.substr(0, 2000);
    auto tokens = redeem_code(*rp_, app_, code, kCallback).json();
    return verified_payload(*rp_, json_text(tokens, "id_token"));
  }

  std::unique_ptr<TestServer> idp_, rp_;
  AppCredentials app_, admin_, idp_app_;
  std::string token_, org_, connector_, callback_, issuer_, alice_;
};

TEST_F(SsoSignInTest, AnEmailDomainRoutesToTheIdpAndCreatesAMemberWithAnSsoIdentity) {
  BrowserSession rp(*rp_), idp(*idp_);
  auto out = to_idp(rp, "alice@acme.test");
  auto query = location_query(out);
  EXPECT_EQ(query.value("code_challenge_method"), "S256");
  EXPECT_FALSE(query.value("nonce").empty());
  EXPECT_EQ(query.value("redirect_uri"), callback_);
  EXPECT_EQ(query.value("scope"), "openid profile email");
  auto back = at_idp(idp, out.header("Location"));
  auto claims = id_token_claims(rp.follow(rp.get(back.header("Location"))));
  EXPECT_EQ(json_text(claims, "name"), "Alice Acme");
  EXPECT_EQ(json_text(claims, "email"), "alice@acme.test");
  std::string user = json_text(claims, "sub");

  auto got = api(verb::get, "/api/users/" + user + "?includeSsoIdentities=true");
  ASSERT_EQ(got.status, 200u) << got.body;
  auto body = got.json();
  const auto& identities = body.at("ssoIdentities").as_array();
  ASSERT_EQ(identities.size(), 1u);
  EXPECT_EQ(json_text(identities[0], "issuer"), issuer_);
  EXPECT_EQ(json_text(identities[0], "identityId"), alice_);
  EXPECT_EQ(json_text(identities[0], "ssoConnectorId"), connector_);
  auto one = api(verb::get, "/api/users/" + user + "/sso-identities/" + connector_);
  EXPECT_EQ(one.status, 200u);

  auto members = api(verb::get, "/api/organizations/" + org_ + "/users");
  ASSERT_EQ(members.status, 200u);
  ASSERT_EQ(members.json().as_array().size(), 1u);
  EXPECT_EQ(json_text(members.json().as_array()[0], "id"), user);
}

TEST_F(SsoSignInTest, AReturningPersonIsFoundByTheirSsoIdentity) {
  BrowserSession rp(*rp_), idp(*idp_);
  auto first = id_token_claims(sign_in_via_sso(rp, idp));
  BrowserSession rp2(*rp_);
  // Signed in at the IdP already: no password there this time.
  auto second = id_token_claims(sign_in_via_sso(rp2, idp));
  EXPECT_EQ(json_text(second, "sub"), json_text(first, "sub"));
  auto users = api(verb::get, "/api/users");
  ASSERT_EQ(users.status, 200u);
  EXPECT_EQ(users.json().as_array().size(), 1u);
}

TEST_F(SsoSignInTest, AnAccountWithTheVerifiedEmailIsLinkedRatherThanDuplicated) {
  ASSERT_EQ(rp_->cli({"user", "create", "--username", "alice_rp", "--email", "alice@acme.test",
                      "--password", "Correct-Horse-9"})
                .exit_code,
            0);
  BrowserSession rp(*rp_), idp(*idp_);
  auto claims = id_token_claims(sign_in_via_sso(rp, idp));
  auto user =
      api(verb::get, "/api/users/" + json_text(claims, "sub") + "?includeSsoIdentities=true");
  EXPECT_EQ(json_text(user.json(), "username"), "alice_rp");
  EXPECT_EQ(user.json().at("ssoIdentities").as_array().size(), 1u);
}

TEST_F(SsoSignInTest, AForgedOrReplayedStateIsRefused) {
  BrowserSession rp(*rp_), idp(*idp_);
  auto out = to_idp(rp, "alice@acme.test");
  auto back = at_idp(idp, out.header("Location"));
  auto query = location_query(back);
  std::string forged = "/callback/sso/" + connector_ +
                       "?code=" + http::percent_encode(query.value("code")) + "&state=forged";
  auto refused = rp.get(forged);
  EXPECT_EQ(refused.status, 400u) << refused.body.substr(0, 1000);
  EXPECT_FALSE(refused.has_header("Location"));
  // The genuine answer still works once, and only once.
  auto done = rp.follow(rp.get(back.header("Location")));
  EXPECT_FALSE(code_of(done).empty()) << done.status << done.body.substr(0, 1000);
  auto replayed = rp.get(back.header("Location"));
  EXPECT_GE(replayed.status, 400u);
}

TEST_F(SsoSignInTest, ACallbackNamingAnotherIssuerIsRefused) {
  BrowserSession rp(*rp_), idp(*idp_);
  auto out = to_idp(rp, "alice@acme.test");
  auto back = at_idp(idp, out.header("Location"));
  auto query = location_query(back);
  // RFC 9207 §2.4: a mix-up attempt names another issuer.
  std::string mixed = "/callback/sso/" + connector_ +
                      "?code=" + http::percent_encode(query.value("code")) +
                      "&state=" + http::percent_encode(query.value("state")) +
                      "&iss=" + http::percent_encode("https://evil.example/oidc");
  auto refused = rp.follow(rp.get(mixed));
  EXPECT_GE(refused.status, 400u);
  EXPECT_TRUE(code_of(refused).empty());
}

TEST_F(SsoSignInTest, PasswordSignInWithAnSsoDomainGoesToTheIdp) {
  ASSERT_EQ(rp_->cli({"experience", "set",
                      R"(signIn.methods=[{"identifier":"username","password":true},)"
                      R"({"identifier":"email","password":true}])"})
                .exit_code,
            0);
  ASSERT_EQ(rp_->cli({"user", "create", "--username", "bob", "--email", "bob@acme.test",
                      "--password", "Correct-Horse-9"})
                .exit_code,
            0);
  BrowserSession rp(*rp_);
  auto page = sign_in_page(rp);
  http::Params form;
  form.add("identifier", "bob@acme.test");
  form.add("password", "Correct-Horse-9");
  auto res = rp.submit(page, form);
  EXPECT_TRUE(res.header("Location").starts_with(issuer_ + "/auth?"))
      << res.status << res.body.substr(0, 800);

  // The experience API refuses it with Logto's error.
  Headers headers{{"Content-Type", "application/json"},
                  {"Cookie", "_latch_interaction=" + rp.cookie("_latch_interaction").value_or("")}};
  rp_->client().request(verb::put, "/api/experience",
                        json::serialize(json::object{{"interactionEvent", "SignIn"}}), headers);
  auto refused = rp_->client().request(
      verb::post, "/api/experience/verification/password",
      json::serialize(json::object{{"identifier", {{"type", "email"}, {"value", "bob@acme.test"}}},
                                   {"password", "Correct-Horse-9"}}),
      headers);
  EXPECT_EQ(refused.status, 422u) << refused.body;
  EXPECT_EQ(json_text(refused.json(), "code"), "session.sso_enabled");
}

TEST_F(SsoSignInTest, TheExperienceApiFindsConnectorsByEmailDomain) {
  auto found = rp_->client().get("/api/experience/sso-connectors?email=carol%40Acme.test");
  ASSERT_EQ(found.status, 200u) << found.body;
  EXPECT_EQ(found.json().at("connectorIds"), json::array{json::string(connector_)});
  auto other = rp_->client().get("/api/experience/sso-connectors?email=carol%40other.test");
  EXPECT_EQ(other.json().at("connectorIds"), json::array{});
  EXPECT_EQ(rp_->client().get("/api/experience/sso-connectors?email=carol").status, 400u);
  // Logto's sign-in experience lists them for custom sign-in pages, by their branding.
  auto sie = rp_->client().get("/api/.well-known/sign-in-exp").json();
  ASSERT_EQ(sie.at("ssoConnectors").as_array().size(), 1u);
  EXPECT_EQ(json_text(sie.at("ssoConnectors").as_array()[0], "connectorName"), "Acme");
  EXPECT_TRUE(json_text(sie.at("ssoConnectors").as_array()[0], "logo").starts_with("data:"));
  // A second connector for the same domain: both are offered (Logto does not forbid it).
  auto twin = api(
      verb::post, "/api/sso-connectors",
      json::object{{"providerName", "OIDC"},
                   {"connectorName", "Acme twin"},
                   {"domains", json::array{"acme.test"}},
                   {"config", {{"clientId", "x"}, {"clientSecret", "y"}, {"issuer", issuer_}}}});
  ASSERT_EQ(twin.status, 200u) << twin.body;
  auto both = rp_->client().get("/api/experience/sso-connectors?email=carol%40acme.test");
  EXPECT_EQ(both.json().at("connectorIds").as_array().size(), 2u);
}

TEST_F(SsoSignInTest, TheExperienceApiStartsAndVerifiesAtTheIdp) {
  BrowserSession rp(*rp_), idp(*idp_);
  sign_in_page(rp);
  Headers headers{{"Content-Type", "application/json"},
                  {"Cookie", "_latch_interaction=" + rp.cookie("_latch_interaction").value_or("")}};
  auto call = [&](verb method, const std::string& path, const json::value& body) {
    return rp_->client().request(method, "/api/experience" + path, json::serialize(body), headers);
  };
  call(verb::put, "", json::object{{"interactionEvent", "SignIn"}});
  auto unknown = call(verb::post, "/verification/sso/ghost/authorization-uri",
                      json::object{{"state", "s1"}, {"redirectUri", callback_}});
  EXPECT_EQ(unknown.status, 404u);
  auto started = call(verb::post, "/verification/sso/" + connector_ + "/authorization-uri",
                      json::object{{"state", "s1"}, {"redirectUri", callback_}});
  ASSERT_EQ(started.status, 200u) << started.body;
  std::string vid = json_text(started.json(), "verificationId");
  auto back = at_idp(idp, json_text(started.json(), "authorizationUri"));
  auto query = location_query(back);
  ASSERT_EQ(query.value("state"), "s1");
  auto wrong =
      call(verb::post, "/verification/sso/" + connector_ + "/verify",
           json::object{{"verificationId", vid},
                        {"connectorData", {{"code", query.value("code")}, {"state", "s2"}}}});
  EXPECT_EQ(wrong.status, 400u);
  EXPECT_EQ(json_text(wrong.json(), "code"), "session.social_state_invalid");
}

TEST_F(SsoSignInTest, DirectSignInSkipsTheSignInPage) {
  BrowserSession rp(*rp_);
  HttpResponse res;
  ASSERT_TRUE(eventually([&] {
    AuthorizeRequest request{.client_id = app_.id, .redirect_uri = kCallback};
    request.extra.add("direct_sign_in", "sso:" + connector_);
    res = rp.navigate(request.target());
    return res.header("Location").starts_with(issuer_ + "/auth?");
  })) << res.status
      << res.body.substr(0, 800);
  // The sign-in page is skipped at Logto's path for it, /direct/<method>/<target>.
  BrowserSession fresh(*rp_);
  AuthorizeRequest again{.client_id = app_.id, .redirect_uri = kCallback};
  again.extra.add("direct_sign_in", "sso:" + connector_);
  EXPECT_TRUE(fresh.get(again.target()).header("Location").ends_with("/direct/sso/" + connector_));
  // Another id than the client named does not start anything.
  auto other = rp.get("/direct/sso/ghost");
  EXPECT_EQ(other.header("Location"), "/sign-in");
}

TEST_F(SsoSignInTest, AnUnknownConnectorOrDisabledSsoStartsNothing) {
  BrowserSession rp(*rp_);
  auto page = sign_in_page(rp);
  http::Params form;
  form.add("csrf", input_value(page.body, "csrf").value_or(""));
  EXPECT_EQ(rp.post_form("/sso/ghost", form).status, 404u);
  form.add("email", "dave@nowhere.test");
  auto none = rp.post_form("/sso", form);
  EXPECT_EQ(none.status, 404u);
  EXPECT_NE(none.body.find("not set up for this email domain"), std::string::npos);

  ASSERT_EQ(rp_->cli({"experience", "set", "singleSignOnEnabled=false"}).exit_code, 0);
  ASSERT_TRUE(eventually([&] {
    auto found = rp_->client().get("/api/experience/sso-connectors?email=carol%40acme.test");
    return found.status == 200 && found.json().at("connectorIds").as_array().empty();
  }));
  EXPECT_EQ(rp.get("/sso").header("Location"), "/sign-in");
}

// ---- test connection: the admin's dry run shows what the IdP sent and changes nothing.

TEST_F(SsoSignInTest, TestConnectionShowsWhatTheIdpSentAndCreatesNoOne) {
  // It works before single sign-on is on for the sign-in page.
  ASSERT_EQ(rp_->cli({"experience", "set", "singleSignOnEnabled=false"}).exit_code, 0);
  auto link = api(verb::post, "/api/sso-connectors/" + connector_ + "/test-sessions");
  ASSERT_EQ(link.status, 201u) << link.body;
  auto body = link.json();
  std::string url = json_text(body.as_object(), "url");
  ASSERT_TRUE(url.starts_with(rp_->endpoint() + "/sso/test/")) << url;
  EXPECT_GT(body.at("expiresAt").as_int64(), 0);

  BrowserSession admin(*rp_), idp(*idp_);
  auto out = admin.get(url);
  ASSERT_EQ(out.status, 303u) << out.body.substr(0, 1000);
  auto query = location_query(out);
  EXPECT_TRUE(out.header("Location").starts_with(issuer_ + "/auth?"));
  EXPECT_EQ(query.value("redirect_uri"), callback_);
  EXPECT_EQ(query.value("code_challenge_method"), "S256");
  EXPECT_FALSE(query.value("nonce").empty());
  auto back = at_idp(idp, out.header("Location"));
  ASSERT_TRUE(back.header("Location").starts_with(callback_ + "?")) << back.status;
  auto result = admin.get(back.header("Location"));
  EXPECT_EQ(result.status, 200u) << result.body.substr(0, 2000);
  for (const std::string& shown :
       {std::string("The identity provider signed this person in."), issuer_, alice_,
        std::string("alice@acme.test"), std::string("Alice Acme"), std::string("email_verified")}) {
    EXPECT_NE(result.body.find(shown), std::string::npos) << shown;
  }
  EXPECT_NE(result.body.find("no account was created or changed"), std::string::npos);
  EXPECT_FALSE(admin.cookie("_latch_sso_test"));

  // Nobody was created, and the answer cannot be used again.
  auto users = api(verb::get, "/api/users");
  ASSERT_EQ(users.status, 200u);
  EXPECT_TRUE(users.json().as_array().empty()) << users.body;
  auto again = admin.get(back.header("Location"));
  EXPECT_GE(again.status, 400u);
  EXPECT_EQ(again.body.find("alice@acme.test"), std::string::npos);
}

TEST_F(SsoSignInTest, TestConnectionShowsWhyTheIdpsAnswerIsRefused) {
  auto link = api(verb::post, "/api/sso-connectors/" + connector_ + "/test-sessions");
  ASSERT_EQ(link.status, 201u) << link.body;
  BrowserSession admin(*rp_), idp(*idp_);
  auto out = admin.get(json_text(link.json().as_object(), "url"));
  auto back = at_idp(idp, out.header("Location"));
  auto query = location_query(back);
  // Another answer's state is not this test's: the browser has no sign-in for it either.
  auto forged = admin.get("/callback/sso/" + connector_ +
                          "?code=" + http::percent_encode(query.value("code")) + "&state=forged");
  EXPECT_GE(forged.status, 400u);
  // A code the IdP does not know: the test says the token request failed, and why.
  auto refused = admin.get("/callback/sso/" + connector_ +
                           "?code=not-a-code&state=" + http::percent_encode(query.value("state")));
  EXPECT_EQ(refused.status, 400u) << refused.body.substr(0, 2000);
  EXPECT_NE(refused.body.find("The test failed"), std::string::npos) << refused.body;
  EXPECT_NE(refused.body.find("Technical details"), std::string::npos);
}

TEST_F(SsoSignInTest, TestLinksAreRefusedWhenForgedOrForAConnectorThatCannotSignIn) {
  BrowserSession admin(*rp_);
  auto forged = admin.get("/sso/test/v1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  EXPECT_EQ(forged.status, 400u);
  EXPECT_NE(forged.body.find("This test link has expired or is not valid."), std::string::npos)
      << forged.body.substr(0, 2000);
  EXPECT_FALSE(forged.has_header("Location"));

  auto unknown = api(verb::post, "/api/sso-connectors/nope/test-sessions");
  EXPECT_EQ(unknown.status, 404u);
  EXPECT_EQ(json_text(unknown.json().as_object(), "code"), "connector.not_found");
  auto bare = api(verb::post, "/api/sso-connectors",
                  json::object{{"providerName", "OIDC"}, {"connectorName", "Unconfigured"}});
  ASSERT_EQ(bare.status, 200u) << bare.body;
  auto unconfigured =
      api(verb::post,
          "/api/sso-connectors/" + json_text(bare.json().as_object(), "id") + "/test-sessions");
  EXPECT_EQ(unconfigured.status, 400u) << unconfigured.body;
  EXPECT_EQ(json_text(unconfigured.json().as_object(), "code"), "connector.invalid_config");
  auto with_body = api(verb::post, "/api/sso-connectors/" + connector_ + "/test-sessions",
                       json::object{{"state", "x"}});
  EXPECT_EQ(with_body.status, 400u);
}

}  // namespace
}  // namespace latch::test
