// How /oidc/auth refuses requests (RFC 6749 §4.1.2.1, OIDC Core §3.1.2.6): before the client and
// its redirect URI are trusted, on an error page that never redirects; afterwards, by redirecting
// to the client with error, error_description, state and iss. Nothing a browser sends gives 500.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "support/code_flow.hpp"
#include "support/shared_server.hpp"

namespace latch::test {
namespace {

constexpr const char* kCallback = "http://localhost:3000/callback";
constexpr const char* kSpaCallback = "http://localhost:5173/callback";

struct Apps {
  AppCredentials web, spa, m2m;
};

// `text` in which "{web}", "{spa}", "{m2m}", "{cb}" and "{spa_cb}" stand for the apps' ids and
// their redirect URIs (percent-encoded), and "{challenge}" for a valid PKCE challenge.
std::string substitute(std::string query, const Apps& apps) {
  auto replace = [&](const std::string& from, const std::string& to) {
    for (std::size_t at = query.find(from); at != std::string::npos; at = query.find(from, at)) {
      query.replace(at, from.size(), to);
      at += to.size();
    }
  };
  replace("{web}", apps.web.id);
  replace("{spa}", apps.spa.id);
  replace("{m2m}", apps.m2m.id);
  replace("{spa_cb}", "http%3A%2F%2Flocalhost%3A5173%2Fcallback");
  replace("{cb}", "http%3A%2F%2Flocalhost%3A3000%2Fcallback");
  replace("{challenge}", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  return query;
}

// The /oidc/auth target with `query`, substituted.
std::string expand(const std::string& query, const Apps& apps) {
  return "/oidc/auth?" + substitute(query, apps);
}

class AuthorizeErrorsBase {
 protected:
  static void provision_apps(TestServer& server) {
    apps_.web = create_user_app(server, {.type = "traditional", .redirect_uris = {kCallback}});
    apps_.spa = create_user_app(server, {.type = "spa", .redirect_uris = {kSpaCallback}});
    apps_.m2m = create_app(server, "m2m");
    if (!wait_until_client_known(server, apps_.spa, kSpaCallback)) {
      throw std::runtime_error("the server did not load the apps");
    }
  }
  static inline Apps apps_;
};

struct PageCase {
  const char* description;
  const char* query;
};

class AuthorizeErrorPageTest
    : public SharedServerTest<AuthorizeErrorPageTest, ::testing::TestWithParam<PageCase>>,
      protected AuthorizeErrorsBase {
 public:
  static void provision(TestServer& server) { provision_apps(server); }
};

TEST_P(AuthorizeErrorPageTest, IsAnErrorPageThatNeverRedirects) {
  HttpResponse res = server().client().get(expand(GetParam().query, apps_));
  EXPECT_TRUE(is_error_page(res)) << GetParam().description;
  EXPECT_FALSE(res.has_header("Set-Cookie")) << "no interaction starts";
}

INSTANTIATE_TEST_SUITE_P(
    UntrustedRedirect, AuthorizeErrorPageTest,
    ::testing::Values(
        PageCase{"no client_id", "redirect_uri={cb}&response_type=code&scope=openid&state=s"},
        PageCase{"empty client_id",
                 "client_id=&redirect_uri={cb}&response_type=code&scope=openid&state=s"},
        PageCase{"unknown client_id",
                 "client_id=nosuchapp&redirect_uri={cb}&response_type=code&scope=openid"},
        PageCase{
            "repeated client_id",
            "client_id={web}&client_id={spa}&redirect_uri={cb}&response_type=code&scope=openid"},
        PageCase{"no redirect_uri", "client_id={web}&response_type=code&scope=openid&state=s"},
        PageCase{"repeated redirect_uri",
                 "client_id={web}&redirect_uri={cb}&redirect_uri={cb}&response_type=code"},
        PageCase{"redirect_uri of another app",
                 "client_id={web}&redirect_uri={spa_cb}&response_type=code&scope=openid"},
        PageCase{"machine-to-machine app has no redirect URI",
                 "client_id={m2m}&redirect_uri={cb}&response_type=code&scope=openid"},
        PageCase{"unsupported response_type with an untrusted redirect",
                 "client_id={web}&redirect_uri=https%3A%2F%2Fevil.test%2F&response_type=token"},
        // RFC 9101 §6.3: only a verified request object's parameters count, so a bad one (here
        // alg none) leaves no redirect URI to trust.
        PageCase{"unsigned request object",
                 "client_id={web}&redirect_uri={cb}&response_type=code&scope=openid"
                 "&request=eyJhbGciOiJub25lIn0.e30."},
        PageCase{"request_uri that was never pushed",
                 "client_id={web}&request_uri=urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3Aabc"}));

struct RedirectCase {
  const char* description;
  const char* query;  // state=s is appended
  const char* error;
};

class AuthorizeErrorRedirectTest
    : public SharedServerTest<AuthorizeErrorRedirectTest, ::testing::TestWithParam<RedirectCase>>,
      protected AuthorizeErrorsBase {
 public:
  static void provision(TestServer& server) { provision_apps(server); }
};

TEST_P(AuthorizeErrorRedirectTest, RedirectsToTheClientWithTheError) {
  const RedirectCase& c = GetParam();
  HttpResponse res = server().client().get(expand(std::string(c.query) + "&state=s", apps_));
  std::string redirect =
      std::string(c.query).find("{spa}") != std::string::npos ? kSpaCallback : kCallback;
  EXPECT_TRUE(is_error_redirect(res, redirect, c.error, "s", server().endpoint() + "/oidc"))
      << c.description;
}

INSTANTIATE_TEST_SUITE_P(
    TrustedRedirect, AuthorizeErrorRedirectTest,
    ::testing::Values(
        RedirectCase{"no response_type", "client_id={web}&redirect_uri={cb}&scope=openid",
                     "invalid_request"},
        RedirectCase{"response_type=token",
                     "client_id={web}&redirect_uri={cb}&response_type=token&scope=openid",
                     "unsupported_response_type"},
        RedirectCase{"response_type=code id_token",
                     "client_id={web}&redirect_uri={cb}&response_type=code%20id_token&scope=openid",
                     "unsupported_response_type"},
        RedirectCase{"response_mode=fragment",
                     "client_id={web}&redirect_uri={cb}&response_type=code&scope=openid"
                     "&response_mode=fragment",
                     "invalid_request"},
        RedirectCase{"unknown prompt value",
                     "client_id={web}&redirect_uri={cb}&response_type=code&scope=openid"
                     "&prompt=sometimes",
                     "invalid_request"},
        RedirectCase{"negative max_age",
                     "client_id={web}&redirect_uri={cb}&response_type=code&scope=openid"
                     "&max_age=-1",
                     "invalid_request"},
        RedirectCase{"max_age not a number",
                     "client_id={web}&redirect_uri={cb}&response_type=code&scope=openid"
                     "&max_age=1e3",
                     "invalid_request"},
        RedirectCase{"max_age overflowing 64 bits",
                     "client_id={web}&redirect_uri={cb}&response_type=code&scope=openid"
                     "&max_age=99999999999999999999999",
                     "invalid_request"},
        RedirectCase{"repeated scope",
                     "client_id={web}&redirect_uri={cb}&response_type=code&scope=openid"
                     "&scope=profile",
                     "invalid_request"},
        RedirectCase{"repeated response_type",
                     "client_id={web}&redirect_uri={cb}&response_type=code&response_type=code"
                     "&scope=openid",
                     "invalid_request"},
        RedirectCase{"unknown resource",
                     "client_id={web}&redirect_uri={cb}&response_type=code&scope=openid"
                     "&resource=https%3A%2F%2Funknown.example.test",
                     "invalid_target"},
        RedirectCase{"public client without PKCE",
                     "client_id={spa}&redirect_uri={spa_cb}&response_type=code&scope=openid",
                     "invalid_request"},
        RedirectCase{"PKCE method plain",
                     "client_id={spa}&redirect_uri={spa_cb}&response_type=code&scope=openid"
                     "&code_challenge={challenge}&code_challenge_method=plain",
                     "invalid_request"},
        RedirectCase{"PKCE challenge without a method",
                     "client_id={spa}&redirect_uri={spa_cb}&response_type=code&scope=openid"
                     "&code_challenge={challenge}",
                     "invalid_request"},
        RedirectCase{"malformed PKCE challenge",
                     "client_id={spa}&redirect_uri={spa_cb}&response_type=code&scope=openid"
                     "&code_challenge=short&code_challenge_method=S256",
                     "invalid_request"},
        RedirectCase{"PKCE method without a challenge",
                     "client_id={web}&redirect_uri={cb}&response_type=code&scope=openid"
                     "&code_challenge_method=S256",
                     "invalid_request"}));

class AuthorizeRobustnessTest : public SharedServerTest<AuthorizeRobustnessTest>,
                                protected AuthorizeErrorsBase {
 public:
  static void provision(TestServer& server) { provision_apps(server); }
};

TEST_F(AuthorizeRobustnessTest, MalformedAndHostileInputsNeverCauseAServerError) {
  const std::string valid = "client_id={web}&redirect_uri={cb}&response_type=code&scope=openid";
  const std::string long_value(8000, 'a');
  for (const std::string& query : {
           std::string("%"),
           std::string("%%%%"),
           std::string("client_id"),
           std::string("=&=&="),
           std::string("client_id=%C0%AF&redirect_uri=%FF"),
           valid + "&state=%00",
           valid + "&state=" + long_value,
           valid + "&nonce=" + long_value,
           valid + "&scope=" + long_value,
           valid + "&prompt=%20%20",
           valid + "&max_age=",
           valid + "&max_age=%2B5",
           valid + "&resource=",
           valid + "&resource=%2C%2C",
           valid + "&resource=not%20a%20uri",
           valid + "&login_hint=%E2%80%AE" + long_value,
           valid + "&ui_locales=" + long_value,
           valid + "&first_screen=%00",
           valid + "&scope=openid%00profile",
           valid + "&code_challenge=" + long_value + "&code_challenge_method=S256",
       }) {
    HttpResponse res = server().client().get(expand(query, apps_));
    EXPECT_LT(res.status, 500u) << query.substr(0, 120) << ": " << res.body.substr(0, 200);
    EXPECT_NE(res.status, 0u);
  }
}

TEST_F(AuthorizeRobustnessTest, AFormPostWithAnotherContentTypeIsRefusedWithoutAServerError) {
  HttpResponse res = server().client().post("/oidc/auth", "{\"client_id\":\"x\"}",
                                            {{"Content-Type", "application/json"}});
  EXPECT_GE(res.status, 400u);
  EXPECT_LT(res.status, 500u);
  EXPECT_FALSE(res.has_header("Location"));
}

TEST_F(AuthorizeRobustnessTest, UnknownAndLogtoExtraParametersAreIgnored) {
  std::string query =
      "client_id={web}&redirect_uri={cb}&response_type=code&scope=openid&state=s"
      "&ui_locales=ja&app_id=x&organization_id=o&direct_sign_in=social%3Agithub&identifier=email"
      "&claims_locales=en&display=page&foo=bar";
  HttpResponse res = server().client().get(expand(query, apps_));
  EXPECT_EQ(res.status, 303u) << res.body;
  EXPECT_EQ(res.header("Location"), "/sign-in");
}

TEST_F(AuthorizeRobustnessTest, ResumingAnUnknownInteractionIsAnErrorPage) {
  BrowserSession browser(server());
  browser.set_cookie("_latch_interaction", "nosuchinteraction");
  EXPECT_TRUE(is_error_page(browser.get("/oidc/auth/nosuchinteraction")));
}

// The HTTP layer refuses a target it cannot decode before any endpoint sees it.
TEST_F(AuthorizeRobustnessTest, AnUndecodableRequestTargetIsA400WithoutRedirect) {
  for (const char* target :
       {"/oidc/auth?client_id={web}&redirect_uri=http%3A%2F%2Flocalhost%3A3000%2Fcallback%zz",
        "/oidc/auth?client_id={web}&redirect_uri=http%3A%2F%2Flocalhost%3A3000%2Fcallback%00",
        "/oidc/auth/%00"}) {
    HttpResponse res = server().client().get(substitute(target, apps_));
    EXPECT_EQ(res.status, 400u) << target;
    EXPECT_FALSE(res.has_header("Location")) << target;
    EXPECT_FALSE(res.has_header("Set-Cookie")) << target;
  }
}

// Found by fuzz/authorization_request_fuzz.cpp: a state that is not UTF-8 was accepted, stored
// with the interaction, and could not be read back, so the sign-in page said the session was
// not found. Decoded parameters are UTF-8 or the request is refused before any interaction.
TEST_F(AuthorizeRobustnessTest, AParameterThatIsNotUtf8IsA400BeforeAnyInteraction) {
  for (const char* query : {"client_id={web}&redirect_uri={cb}&response_type=code&scope=openid"
                            "&state=%9B%D9%8C%8B",
                            "client_id={web}&redirect_uri={cb}&response_type=code&scope=openid"
                            "&login_hint=%C0%AF"}) {
    HttpResponse res = server().client().get(expand(query, apps_));
    EXPECT_EQ(res.status, 400u) << query;
    EXPECT_FALSE(res.has_header("Location")) << query;
    EXPECT_FALSE(res.has_header("Set-Cookie")) << query;
  }
}

}  // namespace
}  // namespace latch::test
