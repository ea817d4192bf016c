// The admin console's live preview of the hosted sign-in pages (/console/preview/*): the real
// page's markup for a draft of the sign-in experience, inert, framed by this origin only, and
// never stored.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <stdexcept>
#include <string>

#include "crypto/encoding.hpp"
#include "support/code_flow.hpp"
#include "support/eventually.hpp"
#include "support/provisioning.hpp"
#include "support/shared_server.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;

const Headers kFramed = {{"Sec-Fetch-Dest", "iframe"}, {"Sec-Fetch-Site", "same-origin"}};

class SignInPreviewTest : public SharedServerTest<SignInPreviewTest> {
 public:
  // A stored sign-in experience with a known app name, and a GitHub connector that is not on
  // the sign-in page.
  static void provision(TestServer& server) {
    ProcessResult set = server.cli({"experience", "set", "branding.appName=Stored Shop"});
    if (set.exit_code != 0) throw std::runtime_error(set.err);
    cli_json(server,
             {"connector", "add", "github", "--client-id", "c", "--client-secret", "s", "--json"});
    bool loaded = eventually([&] {
      return server.client().get("/console/preview/sign-in", kFramed).body.find("Stored Shop") !=
             std::string::npos;
    });
    if (!loaded) throw std::runtime_error("the server did not load the sign-in experience");
  }

 protected:
  static std::string encode(const json::object& draft) {
    return crypto::base64url_encode(json::serialize(draft));
  }
  static HttpResponse get(const std::string& target, const Headers& headers = kFramed) {
    return server().client().get(target, headers);
  }
  static bool has(const HttpResponse& page, std::string_view text) {
    return page.body.find(text) != std::string::npos;
  }
  static json::value stored() { return cli_json(server(), {"experience", "show"}); }
};

TEST_F(SignInPreviewTest, RendersTheStoredSignInPageInert) {
  auto page = get("/console/preview/sign-in?lang=en");
  ASSERT_EQ(page.status, 200u) << page.body;
  EXPECT_TRUE(has(page, "Stored Shop"));
  EXPECT_TRUE(has(page, "<h1>Sign in</h1>"));
  EXPECT_TRUE(has(page, "name=\"identifier\""));
  EXPECT_TRUE(has(page, "class=\"preview-ribbon\" role=\"note\">Preview<"));
  EXPECT_TRUE(has(page, "to continue to Sample app"));
  EXPECT_TRUE(has(page, "<fieldset class=\"preview-body\" disabled>"));
  EXPECT_FALSE(has(page, "name=\"csrf\""));
  EXPECT_FALSE(has(page, " action=\""));
  EXPECT_FALSE(has(page, "method=\"post\""));
  EXPECT_TRUE(has(page, "href=\"/console/preview/brand.css?mode=system\""));
}

TEST_F(SignInPreviewTest, RendersTheStoredRegisterPage) {
  auto page = get("/console/preview/register");
  ASSERT_EQ(page.status, 200u) << page.body;
  EXPECT_TRUE(has(page, "<h1>Create account</h1>"));
  EXPECT_TRUE(has(page, "name=\"identifier\""));
  EXPECT_TRUE(has(page, "name=\"confirm\""));
}

TEST_F(SignInPreviewTest, DraftChangesTheMarkup) {
  json::object draft{
      {"signUp", {{"identifiers", json::array{}}, {"password", false}, {"verify", false}}},
      {"signIn", {{"methods", json::array{}}}},
      {"socialSignInConnectorTargets", json::array{"github"}}};
  auto stored_page = get("/console/preview/register");
  EXPECT_FALSE(has(stored_page, "Continue with GitHub"));
  for (std::string path : {"/console/preview/register", "/console/preview/sign-in"}) {
    auto page = get(path + "?config=" + encode(draft));
    ASSERT_EQ(page.status, 200u) << page.body;
    EXPECT_FALSE(has(page, "name=\"identifier\"")) << path;
    EXPECT_TRUE(has(page, "Continue with GitHub")) << path;
    EXPECT_FALSE(has(page, "/social/")) << path;
    EXPECT_FALSE(has(page, "role=\"alert\"")) << path;
  }
}

TEST_F(SignInPreviewTest, DraftBrandingReachesTheStylesheet) {
  json::object draft{{"color", {{"primaryColor", "#0B6E4F"}, {"darkPrimaryColor", "#7FE0B8"}}},
                     {"branding", {{"appName", "Draft Books"}}},
                     {"customCss", ".card { border: 2px solid red; }"}};
  std::string config = encode(draft);
  auto page = get("/console/preview/sign-in?mode=dark&config=" + config);
  ASSERT_EQ(page.status, 200u) << page.body;
  EXPECT_TRUE(has(page, "Draft Books"));
  std::string href = "/console/preview/brand.css?mode=dark&config=" + config;
  EXPECT_TRUE(has(page, "href=\"/console/preview/brand.css?mode=dark&amp;config=" + config + "\""))
      << page.body;

  auto dark = get(href, {});
  ASSERT_EQ(dark.status, 200u);
  EXPECT_EQ(dark.header("Content-Type"), "text/css; charset=utf-8");
  EXPECT_TRUE(has(dark, "--brand: #0B6E4F"));
  EXPECT_TRUE(has(dark, "--brand: #7FE0B8"));
  EXPECT_FALSE(has(dark, "prefers-color-scheme")) << "dark is forced";
  EXPECT_TRUE(has(dark, ".card { border: 2px solid red; }"));
  auto light = get("/console/preview/brand.css?mode=light&config=" + config, {});
  EXPECT_TRUE(has(light, "--brand: #0B6E4F"));
  EXPECT_FALSE(has(light, "#7FE0B8")) << "light is forced";
  auto system = get("/console/preview/brand.css?config=" + config, {});
  EXPECT_TRUE(has(system, "@media (prefers-color-scheme: dark)"));
  auto live = get("/static/brand.css", {});
  EXPECT_FALSE(has(live, "#0B6E4F")) << "the draft is not the stored branding";
}

TEST_F(SignInPreviewTest, BadDraftsShowTheStoredPageWithANotice) {
  struct Case {
    std::string description, config, error;
  };
  for (const auto& c : std::vector<Case>{
           {"not base64url", "%21%21not*base64", "config is not base64url"},
           {"not JSON", crypto::base64url_encode("{\"color\":"), "config is not a JSON object"},
           {"unknown field", encode({{"colour", 1}}),
            "colour: is not a sign-in experience setting"},
           {"bad value", encode({{"color", {{"primaryColor", "red"}}}}), "color.primaryColor"}}) {
    auto page = get("/console/preview/sign-in?lang=en&config=" + c.config);
    EXPECT_EQ(page.status, 200u) << c.description;
    EXPECT_TRUE(has(page, "role=\"alert\">The draft cannot be previewed (")) << c.description;
    EXPECT_TRUE(has(page, c.error)) << c.description << "\n" << page.body;
    EXPECT_TRUE(has(page, "Stored Shop")) << c.description;
    EXPECT_TRUE(has(page, "name=\"identifier\"")) << c.description;
    EXPECT_TRUE(has(page, "href=\"/console/preview/brand.css?mode=system\"")) << c.description;
  }
}

TEST_F(SignInPreviewTest, RefusesToRenderUnlessFramed) {
  std::string target = "/console/preview/sign-in?config=" + encode({{"customCss", "a{}"}});
  for (const Headers& headers :
       {Headers{}, Headers{{"Sec-Fetch-Dest", "document"}},
        Headers{{"Sec-Fetch-Dest", "iframe"}, {"Sec-Fetch-Site", "cross-site"}}}) {
    auto page = get(target, headers);
    EXPECT_EQ(page.status, 400u);
    EXPECT_TRUE(has(page, "only inside the admin console")) << page.body;
    EXPECT_EQ(page.header("X-Frame-Options"), "DENY");
  }
  EXPECT_EQ(get("/console/preview/register", {}).status, 400u);
}

TEST_F(SignInPreviewTest, RefusesAnOversizeDraft) {
  std::string css(9 * 1024, 'x');
  std::string config = encode({{"customCss", "/*" + css + "*/"}});
  auto page = get("/console/preview/sign-in?config=" + config);
  EXPECT_EQ(page.status, 400u);
  EXPECT_TRUE(has(page, "larger than 8 KiB")) << page.body;
  EXPECT_EQ(get("/console/preview/brand.css?config=" + config, {}).status, 400u);
}

TEST_F(SignInPreviewTest, MayBeFramedByThisOriginOnlyAndIsNotCached) {
  auto page = get("/console/preview/sign-in");
  ASSERT_EQ(page.status, 200u);
  std::string csp = page.header("Content-Security-Policy");
  EXPECT_NE(csp.find("frame-ancestors 'self'"), std::string::npos) << csp;
  EXPECT_NE(csp.find("style-src 'self'"), std::string::npos) << csp;
  EXPECT_NE(csp.find("form-action 'none'"), std::string::npos) << csp;
  EXPECT_EQ(csp.find("script-src"), std::string::npos) << csp;
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << csp;
  EXPECT_EQ(page.header("X-Frame-Options"), "SAMEORIGIN");
  EXPECT_NE(page.header("Cache-Control").find("no-store"), std::string::npos);
  EXPECT_FALSE(has(page, "style=")) << "no inline styles";
  EXPECT_NE(get("/console/preview/brand.css", {}).header("Cache-Control").find("no-store"),
            std::string::npos);
}

TEST_F(SignInPreviewTest, RendersJapanese) {
  auto page = get("/console/preview/sign-in?lang=ja");
  ASSERT_EQ(page.status, 200u);
  EXPECT_TRUE(has(page, "<html lang=\"ja\""));
  EXPECT_TRUE(has(page, "<h1>サインイン</h1>"));
  EXPECT_TRUE(has(page, "プレビュー"));
  EXPECT_TRUE(has(page, "サンプルアプリ に進みます"));
  auto bad = get("/console/preview/register?lang=ja&config=" + encode({{"x", 1}}));
  EXPECT_TRUE(has(bad, "編集中の設定をプレビューできません")) << bad.body;
}

TEST_F(SignInPreviewTest, NeverStoresTheDraft) {
  json::value before = stored();
  json::object draft{{"branding", {{"appName", "Never Stored"}}},
                     {"socialSignInConnectorTargets", json::array{"github"}}};
  std::string config = encode(draft);
  ASSERT_EQ(get("/console/preview/sign-in?config=" + config).status, 200u);
  ASSERT_EQ(get("/console/preview/register?config=" + config).status, 200u);
  ASSERT_EQ(get("/console/preview/brand.css?config=" + config, {}).status, 200u);
  json::value after = stored();
  EXPECT_EQ(after.at("version"), before.at("version"));
  EXPECT_EQ(after, before);
}

}  // namespace
}  // namespace latch::test
