#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <boost/url/parse.hpp>

#include "connectors/social/provider_http.hpp"
#include "connectors/social/social_connector.hpp"
#include "core/json.hpp"
#include "crypto/encoding.hpp"
#include "crypto/hash.hpp"
#include "support/fake_clock.hpp"

namespace latch::connectors {
namespace {

namespace json = boost::json;

const ConnectorFactory& factory(std::string_view id) {
  const auto* f = find_factory(id);
  if (!f) throw std::runtime_error("no factory " + std::string(id));
  return *f;
}

std::map<std::string, std::string> query_of(const std::string& url) {
  std::map<std::string, std::string> out;
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed) return out;
  for (auto p : parsed->params()) out[p.key] = p.value;
  return out;
}

TEST(SocialFactories, AreFoundByFactoryIdOrShortName) {
  EXPECT_EQ(factory("github").metadata().factory_id, "github-universal");
  EXPECT_EQ(factory("github-universal").metadata().target, "github");
  EXPECT_EQ(factory("google").metadata().factory_id, "google-universal");
  EXPECT_EQ(factory("microsoft").metadata().factory_id, "microsoft-entra-id");
  EXPECT_TRUE(factory("oidc").metadata().is_standard);
  EXPECT_TRUE(factory("oauth2").metadata().is_standard);
  EXPECT_EQ(find_factory("gitlab"), nullptr);
}

TEST(SocialFactories, ValidateFillsDefaultsAndRefusesUnknownFields) {
  auto config = factory("github").validate({{"clientId", "id"}, {"clientSecret", "s"}});
  ASSERT_TRUE(config) << config.error().description;
  EXPECT_EQ(json_text(*config, "scope"), "read:user");
  EXPECT_EQ(json_text(*config, "oauthBaseUrl"), "https://github.com");
  EXPECT_EQ(json_text(*config, "apiBaseUrl"), "https://api.github.com");

  auto unknown = factory("github").validate({{"clientId", "id"}, {"clientSecret", "s"}, {"x", 1}});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().description, "unknown field x");

  auto missing = factory("github").validate({{"clientId", "id"}});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().description, "clientSecret is required");

  auto empty = factory("github").validate({{"clientId", ""}, {"clientSecret", "s"}});
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().code, Errc::InvalidRequest);
}

TEST(SocialFactories, ValidateChecksTypes) {
  json::object base{{"target", "acme"},
                    {"authorizationEndpoint", "https://acme.example/authorize"},
                    {"tokenEndpoint", "https://acme.example/token"},
                    {"userInfoEndpoint", "https://acme.example/me"},
                    {"clientId", "c"},
                    {"clientSecret", "s"}};
  auto good = factory("oauth2").validate(base);
  ASSERT_TRUE(good) << good.error().description;
  EXPECT_EQ(good->at("pkce"), json::value(true));
  EXPECT_EQ(good->at("trustEmail"), json::value(false));
  EXPECT_TRUE(good->at("profileMap").is_object());

  auto with = [&](std::string_view key, json::value v) {
    json::object c = base;
    c[key] = std::move(v);
    return factory("oauth2").validate(c);
  };
  EXPECT_FALSE(with("tokenEndpoint", "javascript:alert(1)"));
  EXPECT_FALSE(with("tokenEndpoint", 42));
  EXPECT_FALSE(with("pkce", "yes"));
  EXPECT_FALSE(with("profileMap", "id"));
  auto choice = with("tokenEndpointAuthMethod", "private_key_jwt");
  ASSERT_FALSE(choice);
  EXPECT_NE(choice.error().description.find("client_secret_post"), std::string::npos);
  EXPECT_FALSE(with("clientId", json::string(std::string(5000, 'a'))));
}

TEST(GitHubConnector, AuthorizationUriCarriesTheClientStateAndScope) {
  test::FakeClock clock;
  auto config = factory("github").validate(
      {{"clientId", "Iv1.abc"}, {"clientSecret", "s"}, {"oauthBaseUrl", "https://gh.example/"}});
  ASSERT_TRUE(config);
  auto connector = factory("github").create(*config, {clock});
  SocialSession session{"st-1", "https://latch.example/callback/c1", "", ""};
  auto uri = connector->authorization_uri(session);
  ASSERT_TRUE(uri);
  EXPECT_TRUE(uri->starts_with("https://gh.example/login/oauth/authorize?")) << *uri;
  auto q = query_of(*uri);
  EXPECT_EQ(q["client_id"], "Iv1.abc");
  EXPECT_EQ(q["state"], "st-1");
  EXPECT_EQ(q["redirect_uri"], "https://latch.example/callback/c1");
  EXPECT_EQ(q["scope"], "read:user");
}

TEST(GitHubConnector, CallbackErrorsMapToPhrases) {
  test::FakeClock clock;
  auto config = factory("github").validate({{"clientId", "c"}, {"clientSecret", "s"}});
  auto connector = factory("github").create(*config, {clock});
  SocialSession session{"st", "https://x/cb", "", ""};
  auto denied = connector->user_info({{"error", "access_denied"}, {"state", "st"}}, session);
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code, Errc::AccessDenied);
  EXPECT_EQ(denied.error().key, "connector.authorization_failed");
  auto mismatch = connector->user_info({{"error", "redirect_uri_mismatch"}}, session);
  EXPECT_EQ(mismatch.error().key, "connector.redirect_uri_mismatch");
  auto nothing = connector->user_info({{"state", "st"}}, session);
  EXPECT_EQ(nothing.error().key, "connector.general");
}

TEST(OAuth2Connector, SendsAnS256ChallengeForTheVerifierItKeeps) {
  test::FakeClock clock;
  auto config = factory("oauth2").validate({{"target", "acme"},
                                            {"authorizationEndpoint", "https://a.example/auth?x=1"},
                                            {"tokenEndpoint", "https://a.example/token"},
                                            {"userInfoEndpoint", "https://a.example/me"},
                                            {"clientId", "c"},
                                            {"clientSecret", "s"},
                                            {"scope", "profile"}});
  ASSERT_TRUE(config);
  auto connector = factory("oauth2").create(*config, {clock});
  SocialSession session{"st", "https://x/cb", "", ""};
  auto uri = connector->authorization_uri(session);
  ASSERT_TRUE(uri);
  auto q = query_of(*uri);
  EXPECT_EQ(q["x"], "1");  // the endpoint's own query survives
  EXPECT_EQ(q["response_type"], "code");
  EXPECT_EQ(q["code_challenge_method"], "S256");
  ASSERT_FALSE(session.code_verifier.empty());
  EXPECT_EQ(q["code_challenge"], crypto::base64url_encode(crypto::sha256(session.code_verifier)));
}

TEST(ProviderHttp, DottedPathsReadNestedScalars) {
  auto doc = json::parse(R"({"data":{"id":42,"user":{"name":"N","ok":true}},"list":[1]})");
  EXPECT_EQ(scalar_text(at_path(doc, "data.id")), "42");
  EXPECT_EQ(scalar_text(at_path(doc, "data.user.name")), "N");
  EXPECT_EQ(scalar_text(at_path(doc, "data.user.ok")), "true");
  EXPECT_EQ(at_path(doc, "data.missing"), nullptr);
  EXPECT_EQ(at_path(doc, "list.0"), nullptr);
  EXPECT_EQ(scalar_text(at_path(doc, "data.user")), "");
}

}  // namespace
}  // namespace latch::connectors
