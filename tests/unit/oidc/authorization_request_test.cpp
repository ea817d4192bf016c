// parse_authorization_request (OIDC Core §3.1.2.1, RFC 6749 §4.1.1, RFC 7636, RFC 8707) as a
// table of cases: which requests are refused, on a page or back at the redirect URI, and what a
// valid one becomes. Issue #15, item 4: the rules the browser stage used to be the only guard of.
#include "oidc/authorization_request.hpp"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>
#include <optional>
#include <string>

#include "http/form.hpp"

namespace latch::oidc {
namespace {

constexpr const char* kCallback = "https://app.example/callback";
constexpr const char* kChallenge = "E9Melhoa2OwvFrYMHUu6qXMLf8NZrqKR0Ul2BCemf1M";

CatalogSnapshot catalog() {
  CatalogSnapshot c;
  auto add = [&](std::string id, model::AppType type) {
    ClientEntry entry;
    entry.app.id = id;
    entry.app.type = type;
    entry.app.redirect_uris = {kCallback};
    c.clients.emplace(std::move(id), std::move(entry));
  };
  add("web", model::AppType::Traditional);
  add("spa", model::AppType::Spa);
  add("m2m", model::AppType::MachineToMachine);
  add("latch-console", model::AppType::Spa);
  model::Resource api;
  api.id = "r1";
  api.indicator = "https://api.example";
  c.resources.emplace(api.indicator, api);
  model::Resource management;
  management.id = "management-api";
  management.indicator = "urn:latch:management";
  c.resources.emplace(management.indicator, management);
  return c;
}

// "client_id=web&redirect_uri=...&response_type=code&scope=openid" followed by `extra`.
// Public clients get a PKCE challenge unless `pkce` is false.
http::Params request(const std::string& extra, const std::string& client = "web",
                     bool pkce = true) {
  std::string query = "client_id=" + client + "&redirect_uri=" + http::percent_encode(kCallback) +
                      "&response_type=code&scope=openid";
  if (pkce && (client == "spa" || client == "latch-console")) {
    query += "&code_challenge=" + std::string(kChallenge) + "&code_challenge_method=S256";
  }
  auto params = http::parse_form(query + extra);
  EXPECT_TRUE(params) << query + extra;
  return params ? *params : http::Params{};
}

enum class Outcome { Accepted, Page, Redirect };

struct Case {
  const char* name;
  std::string query;  // after the valid base request
  std::string client = "web";
  Outcome outcome = Outcome::Accepted;
  Errc error = Errc::Ok;
  bool pkce = true;
};

class AuthorizationRequestTest : public ::testing::TestWithParam<Case> {};

TEST_P(AuthorizationRequestTest, AcceptsOrRefusesWhereItShould) {
  const Case& c = GetParam();
  auto parsed = parse_authorization_request(request(c.query, c.client, c.pkce), catalog());
  if (c.outcome == Outcome::Accepted) {
    EXPECT_TRUE(parsed) << (parsed ? "" : parsed.error().error.description);
    return;
  }
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().redirect, c.outcome == Outcome::Redirect)
      << parsed.error().error.description;
  EXPECT_EQ(parsed.error().error.code, c.error) << parsed.error().error.description;
  if (c.outcome == Outcome::Redirect) EXPECT_EQ(parsed.error().redirect_uri, kCallback);
}

INSTANTIATE_TEST_SUITE_P(
    Rules, AuthorizationRequestTest,
    ::testing::Values(
        Case{"ValidCodeRequest", ""},
        Case{"ValidWithStateNonceAndResource",
             "&state=s&nonce=n&resource=" + http::percent_encode("https://api.example")},
        Case{"PublicClientWithPkce", "", "spa"},
        // Before the client and its redirect URI are trusted: a page, never a redirect.
        Case{"UnknownClient", "", "nobody", Outcome::Page, Errc::InvalidClient},
        Case{"RepeatedClientId", "&client_id=web", "web", Outcome::Page, Errc::InvalidRequest},
        Case{"RepeatedRedirectUri", "&redirect_uri=x", "web", Outcome::Page, Errc::InvalidRequest},
        Case{"OversizedState", "&state=" + std::string(2049, 's'), "web", Outcome::Page,
             Errc::InvalidRequest},
        // After: back at the redirect URI with the error.
        Case{"RepeatedScope", "&scope=profile", "web", Outcome::Redirect, Errc::InvalidRequest},
        Case{"RepeatedResponseType", "&response_type=token", "web", Outcome::Redirect,
             Errc::InvalidRequest},
        Case{"FragmentResponseMode", "&response_mode=fragment", "web", Outcome::Redirect,
             Errc::InvalidRequest},
        Case{"FormPostResponseMode", "&response_mode=form_post"},
        Case{"QueryResponseMode", "&response_mode=query"},
        Case{"WebMessageResponseMode", "&response_mode=web_message", "web", Outcome::Redirect,
             Errc::InvalidRequest},
        Case{"RequestObject", "&request=eyJ", "web", Outcome::Redirect, Errc::InvalidRequest},
        // A machine-to-machine app has no redirect URI that could be trusted.
        Case{"MachineToMachineClient", "", "m2m", Outcome::Page, Errc::InvalidRequest},
        Case{"PublicClientWithoutPkce", "", "spa", Outcome::Redirect, Errc::InvalidRequest, false},
        Case{"PlainPkce",
             "&code_challenge=" + std::string(kChallenge) + "&code_challenge_method=plain", "web",
             Outcome::Redirect, Errc::InvalidRequest},
        Case{"MalformedScope", "&scope=open%22id", "web", Outcome::Redirect, Errc::InvalidRequest},
        Case{"UnknownPrompt", "&prompt=maybe", "web", Outcome::Redirect, Errc::InvalidRequest},
        Case{"PromptNoneWithLogin", "&prompt=none%20login", "web", Outcome::Redirect,
             Errc::InvalidRequest},
        Case{"NegativeMaxAge", "&max_age=-1", "web", Outcome::Redirect, Errc::InvalidRequest},
        Case{"UnknownResource", "&resource=" + http::percent_encode("https://other.example"), "web",
             Outcome::Redirect, Errc::InvalidTarget},
        Case{"RelativeResource", "&resource=api", "web", Outcome::Redirect, Errc::InvalidTarget},
        // Issue #14, defect 8: the management API through the console's client only.
        Case{"ManagementApiForAnotherApp", "&resource=urn%3Alatch%3Amanagement", "web",
             Outcome::Redirect, Errc::InvalidTarget},
        Case{"ManagementApiForTheConsole", "&resource=urn%3Alatch%3Amanagement", "latch-console"},
        // RFC 9449 §10: dpop_jkt is a JWK SHA-256 thumbprint, base64url.
        Case{"DpopJkt", "&dpop_jkt=NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"},
        Case{"ShortDpopJkt", "&dpop_jkt=NzbLsXh8uDCcd", "web", Outcome::Redirect,
             Errc::InvalidRequest},
        Case{"EmptyDpopJkt", "&dpop_jkt=", "web", Outcome::Redirect, Errc::InvalidRequest},
        Case{"PaddedDpopJkt", "&dpop_jkt=NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9X%3D", "web",
             Outcome::Redirect, Errc::InvalidRequest}),
    [](const auto& info) { return info.param.name; });

TEST(AuthorizationRequestParseTest, AValidRequestKeepsWhatTheSignInNeeds) {
  auto parsed = parse_authorization_request(
      request("&state=abc&nonce=n-1&prompt=login&max_age=30&login_hint=ada%40example.com"
              "&ui_locales=ja&first_screen=register&resource=" +
              http::percent_encode("https://api.example")),
      catalog());
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->client_id, "web");
  EXPECT_EQ(parsed->redirect_uri, kCallback);
  EXPECT_EQ(parsed->state, "abc");
  EXPECT_EQ(parsed->nonce, "n-1");
  EXPECT_TRUE(parsed->has_prompt("login"));
  EXPECT_EQ(parsed->max_age, std::optional<std::int64_t>(30));
  EXPECT_EQ(parsed->login_hint, "ada@example.com");
  EXPECT_EQ(parsed->ui_locales, "ja");
  EXPECT_EQ(parsed->first_screen, "register");
  EXPECT_EQ(parsed->resources, std::vector<std::string>{"https://api.example"});
}

TEST(AuthorizationRequestParseTest, ARequestSurvivesItsStoredForm) {
  auto parsed = parse_authorization_request(
      request("&state=s&max_age=0&dpop_jkt=NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"),
      catalog());
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->dpop_jkt, "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
  parsed->hint_subject = "user-1";
  auto back = authorization_request_from_json(boost::json::serialize(to_json(*parsed)));
  ASSERT_TRUE(back);
  EXPECT_EQ(to_json(*back), to_json(*parsed));
}

// Form Post Response Mode §2: the mode is kept with the stored request (the answer may come after
// the sign-in) and carries the errors found after the redirect URI is trusted.
TEST(AuthorizationRequestParseTest, TheResponseModeIsKeptAndCarriesErrors) {
  auto parsed = parse_authorization_request(request("&response_mode=form_post"), catalog());
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->response_mode, ResponseMode::FormPost);
  auto back = authorization_request_from_json(boost::json::serialize(to_json(*parsed)));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->response_mode, ResponseMode::FormPost);
  auto refused =
      parse_authorization_request(request("&response_mode=form_post&prompt=maybe"), catalog());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().response_mode, ResponseMode::FormPost);
  auto unknown = parse_authorization_request(request("&response_mode=jwt"), catalog());
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().response_mode, ResponseMode::Query);
}

TEST(AuthorizationRequestParseTest, AMissReportsThatTheCatalogMayBeStale) {
  auto unknown = parse_authorization_request(request("", "nobody"), catalog());
  ASSERT_FALSE(unknown);
  EXPECT_TRUE(unknown.error().catalog_miss);
  auto malformed = parse_authorization_request(request("&prompt=maybe"), catalog());
  ASSERT_FALSE(malformed);
  EXPECT_FALSE(malformed.error().catalog_miss);
}

}  // namespace
}  // namespace latch::oidc
