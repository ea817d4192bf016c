// The generic OpenID Connect connector against a real upstream provider: a second Latch. The
// downstream Latch discovers the upstream's endpoints, sends the browser there with PKCE and a
// nonce, and validates the upstream's ID token against its JWKS.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "support/code_flow.hpp"
#include "support/eventually.hpp"
#include "support/provisioning.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;

constexpr const char* kCallback = "http://localhost:3000/callback";

class OidcConnectorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    upstream_ = std::make_unique<TestServer>();
    downstream_ = std::make_unique<TestServer>(
        TestServerOptions{.env = {{"LATCH_CONNECTOR_TIMEOUT_MS", "3000"}}});
    app_ = create_user_app(*downstream_, {.redirect_uris = {kCallback}});
    ASSERT_TRUE(wait_until_client_known(*downstream_, app_, kCallback));
    ASSERT_EQ(downstream_->cli({"experience", "sign-up", "social-only"}).exit_code, 0);

    auto added =
        cli_json(*downstream_,
                 {"connector", "add", "oidc", "--set", "target=upstream", "--set",
                  "displayName=Upstream", "--set", "issuer=" + upstream_->endpoint() + "/oidc",
                  "--client-id", "pending", "--client-secret", "pending", "--enable", "--json"});
    connector_ = json_text(added, "id");
    callback_ = downstream_->endpoint() + "/callback/" + connector_;
    upstream_app_ = create_user_app(*upstream_, {.redirect_uris = {callback_}});
    ASSERT_TRUE(wait_until_client_known(*upstream_, upstream_app_, callback_));
    ASSERT_EQ(downstream_
                  ->cli({"connector", "update", connector_, "--client-id", upstream_app_.id,
                         "--client-secret", upstream_app_.secret})
                  .exit_code,
              0);
    alice_ = create_user(*upstream_, {.username = "alice",
                                      .password = "Tr0mbone-Quartz-41",
                                      .email = "alice@example.test",
                                      .name = "Alice Upstream"});
  }

  // Downstream sign-in page → "Continue with Upstream" → the upstream's sign-in page, signed in
  // there as alice → back at the downstream's callback. The downstream browser's last stop.
  HttpResponse sign_in_upstream(BrowserSession& down, BrowserSession& up) {
    HttpResponse page;
    EXPECT_TRUE(eventually([&] {
      AuthorizeRequest request{.client_id = app_.id,
                               .redirect_uri = kCallback,
                               .scope = "openid profile email identities"};
      request.extra.add("prompt", "login");
      page = down.navigate(request.target());
      return page.body.find("Continue with Upstream") != std::string::npos;
    })) << page.body.substr(0, 2000);
    http::Params form;
    form.add("csrf", input_value(page.body, "csrf").value_or(""));
    auto to_upstream = down.post_form("/social/" + connector_, form);
    std::string location = to_upstream.header("Location");
    EXPECT_TRUE(location.starts_with(upstream_->endpoint() + "/oidc/auth?")) << location;
    auto query = location_query(to_upstream);
    EXPECT_EQ(query.value("code_challenge_method"), "S256");
    EXPECT_FALSE(query.value("nonce").empty());
    auto upstream_page = up.navigate(*up.on_server(location));
    http::Params credentials;
    credentials.add("identifier", "alice");
    credentials.add("password", "Tr0mbone-Quartz-41");
    auto back = up.submit(upstream_page, credentials);
    EXPECT_TRUE(back.header("Location").starts_with(callback_ + "?")) << back.status << back.body;
    return down.follow(down.get(back.header("Location")));
  }

  std::unique_ptr<TestServer> upstream_, downstream_;
  AppCredentials app_, upstream_app_;
  std::string connector_, callback_, alice_;
};

TEST_F(OidcConnectorTest, AnUpstreamLatchSignsAUserInDownstream) {
  BrowserSession down(*downstream_), up(*upstream_);
  auto at_client = sign_in_upstream(down, up);
  std::string code = code_of(at_client);
  ASSERT_FALSE(code.empty()) << at_client.status << at_client.body.substr(0, 2000);
  auto tokens = redeem_code(*downstream_, app_, code, kCallback).json();
  auto claims = verified_payload(*downstream_, json_text(tokens, "id_token"));
  EXPECT_EQ(json_text(claims, "name"), "Alice Upstream");
  EXPECT_EQ(json_text(claims, "email"), "alice@example.test");  // verified upstream
  auto info = userinfo(*downstream_, json_text(tokens, "access_token")).json();
  EXPECT_EQ(json_text(info.at("identities").at("upstream"), "userId"), alice_);

  // Signed in upstream already: the second round trip needs no password there and lands on
  // the same downstream account.
  BrowserSession down2(*downstream_);
  HttpResponse page;
  ASSERT_TRUE(eventually([&] {
    AuthorizeRequest request{.client_id = app_.id, .redirect_uri = kCallback};
    page = down2.navigate(request.target());
    return page.body.find("Continue with Upstream") != std::string::npos;
  }));
  http::Params form;
  form.add("csrf", input_value(page.body, "csrf").value_or(""));
  auto to_upstream = down2.post_form("/social/" + connector_, form);
  auto back = up.navigate(*up.on_server(to_upstream.header("Location")));
  ASSERT_TRUE(back.header("Location").starts_with(callback_ + "?")) << back.body;
  auto again = down2.follow(down2.get(back.header("Location")));
  auto tokens2 = redeem_code(*downstream_, app_, code_of(again), kCallback).json();
  auto claims2 = verified_payload(*downstream_, json_text(tokens2, "id_token"));
  EXPECT_EQ(json_text(claims2, "sub"), json_text(claims, "sub"));
}

TEST_F(OidcConnectorTest, AWrongClientSecretAtTheUpstreamIsAGenericFailure) {
  ASSERT_EQ(
      downstream_->cli({"connector", "update", connector_, "--client-secret", "wrong"}).exit_code,
      0);
  BrowserSession down(*downstream_), up(*upstream_);
  auto page = sign_in_upstream(down, up);
  EXPECT_EQ(page.status, 503u) << page.body.substr(0, 2000);
  EXPECT_NE(page.body.find("not working right now"), std::string::npos);
  EXPECT_TRUE(eventually([&] {
    return downstream_->log().find("check its client ID and secret") != std::string::npos;
  }));
}

TEST_F(OidcConnectorTest, AnUnreachableIssuerFailsCleanlyAtTheButton) {
  ASSERT_EQ(
      downstream_
          ->cli({"connector", "update", connector_, "--set", "issuer=http://127.0.0.1:9/oidc"})
          .exit_code,
      0);
  BrowserSession down(*downstream_);
  HttpResponse page;
  ASSERT_TRUE(eventually([&] {
    page =
        down.navigate(AuthorizeRequest{.client_id = app_.id, .redirect_uri = kCallback}.target());
    return page.body.find("Continue with Upstream") != std::string::npos;
  }));
  http::Params form;
  form.add("csrf", input_value(page.body, "csrf").value_or(""));
  auto failed = down.post_form("/social/" + connector_, form);
  EXPECT_EQ(failed.status, 503u);
  EXPECT_NE(failed.body.find("cannot be reached"), std::string::npos) << failed.body;
  EXPECT_EQ(downstream_->client().get("/healthz").status, 200u);
}

}  // namespace
}  // namespace latch::test
