// Hostile values an operator, an app's owner or a visitor can set render as text on the hosted
// pages: an app's name, the branding, the terms link and what the visitor typed.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "support/browser_session.hpp"
#include "support/code_flow.hpp"
#include "support/eventually.hpp"
#include "support/provisioning.hpp"
#include "support/shared_server.hpp"

namespace latch::test {
namespace {

constexpr const char* kCallback = "http://localhost:3000/callback";
constexpr const char* kHostile = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>";
// kHostile as the page must carry it, in text and in attribute values alike.
constexpr const char* kEscaped =
    "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;";
constexpr const char* kTerms = "https://example.test/terms?a=1&b=\"><script>alert(3)</script>";

class HostedPageEscapingTest : public SharedServerTest<HostedPageEscapingTest> {
 public:
  static void provision(TestServer& server) {
    bob_ = {.username = "bob", .password = "Tr0mbone-Quartz-41", .email = "bob@example.test"};
    create_user(server, bob_);
    app_ = hostile_app(server, false);
    third_party_ = hostile_app(server, true);
    ProcessResult set = server.cli(
        {"experience", "set", std::string("branding.appName=") + kHostile,
         std::string("termsOfUseUrl=") + kTerms, "agreeToTermsPolicy=ManualRegistrationOnly"});
    if (set.exit_code != 0) throw std::runtime_error(set.err);
    bool loaded = wait_until_client_known(server, app_, kCallback) &&
                  wait_until_client_known(server, third_party_, kCallback) && eventually([&] {
                    return server.client().get("/sign-in").body.find(kEscaped) != std::string::npos;
                  });
    if (!loaded) throw std::runtime_error("the server did not load the apps and the branding");
  }

 protected:
  static AppCredentials hostile_app(TestServer& server, bool third_party) {
    std::vector<std::string> args = {"app",    "create",      "--name",         kHostile,
                                     "--type", "traditional", "--redirect-uri", kCallback};
    if (third_party) args.push_back("--third-party");
    args.push_back("--json");
    auto app = cli_json(server, args);
    return {std::string(app.at("id").as_string()), ""};
  }
  static AuthorizeRequest request_for(const AppCredentials& app) {
    return {.client_id = app.id, .redirect_uri = kCallback};
  }
  // No markup of kHostile or kTerms survived, and `escaped` did.
  static void expect_only_text(const HttpResponse& page, std::string_view escaped = kEscaped) {
    EXPECT_EQ(page.body.find("<script"), std::string::npos) << page.body;
    EXPECT_EQ(page.body.find("<img src=x"), std::string::npos) << page.body;
    EXPECT_NE(page.body.find(escaped), std::string::npos) << page.body;
  }
  static std::size_t count(std::string_view body, std::string_view text) {
    std::size_t n = 0;
    for (auto at = body.find(text); at != std::string_view::npos; at = body.find(text, at + 1)) {
      ++n;
    }
    return n;
  }

  static inline UserSpec bob_;
  static inline AppCredentials app_, third_party_;
};

TEST_F(HostedPageEscapingTest, AHostileAppNameAndBrandingAreTextOnTheSignInPage) {
  BrowserSession browser(server());
  HttpResponse page = browser.navigate(request_for(app_).target());
  ASSERT_TRUE(is_sign_in_page(page)) << page.body;
  expect_only_text(page);
  // The title, the brand line and "to continue to <app>".
  EXPECT_EQ(count(page.body, kEscaped), 3u) << page.body;
  EXPECT_NE(page.body.find("<p class=\"app-name\">" + std::string(kEscaped) + "</p>"),
            std::string::npos);
}

TEST_F(HostedPageEscapingTest, AHostileTermsLinkStaysInsideItsHref) {
  AuthorizeRequest request = request_for(app_);
  request.extra.add("first_screen", "register");
  BrowserSession browser(server());
  HttpResponse page = browser.navigate(request.target());
  ASSERT_EQ(form_action(page.body), "/register") << page.body;
  expect_only_text(page,
                   "<a href=\"https://example.test/terms?a=1&amp;b=&quot;&gt;&lt;script&gt;"
                   "alert(3)&lt;/script&gt;\">");
}

TEST_F(HostedPageEscapingTest, WhatTheVisitorTypedComesBackAsAnAttributeValue) {
  BrowserSession browser(server());
  HttpResponse page = browser.navigate(request_for(app_).target());
  ASSERT_TRUE(is_sign_in_page(page));
  http::Params fields;
  fields.add("identifier", kHostile);
  fields.add("password", "wrong");
  HttpResponse again = browser.submit(page, fields);
  ASSERT_EQ(again.status, 401u) << again.body;
  expect_only_text(again, "value=\"" + std::string(kEscaped) + "\"");
  EXPECT_EQ(input_value(again.body, "identifier"), kHostile);
}

TEST_F(HostedPageEscapingTest, AHostileAppNameIsTextOnTheConsentPage) {
  BrowserSession browser(server());
  HttpResponse page =
      authorize_and_sign_in(browser, request_for(third_party_), "bob", bob_.password);
  ASSERT_EQ(form_action(page.body), "/consent") << page.body;
  expect_only_text(page);
  EXPECT_NE(page.body.find("<h1>Authorize " + std::string(kEscaped)), std::string::npos)
      << page.body;
}

}  // namespace
}  // namespace latch::test
