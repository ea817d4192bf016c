// /api/sso-connectors and friends (Logto's shapes and codes): providers, connectors, email domain
// rules, OIDC configuration checked against a live issuer (this server's own), the organizations'
// JIT connectors, a user's SSO identity.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>

#include "saml/certificate.hpp"
#include "support/organizations_fixture.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;
using boost::beast::http::verb;

class SsoConnectorsApiTest : public OrganizationsFixture<SsoConnectorsApiTest> {
 protected:
  // POST /api/sso-connectors; the answer.
  static HttpResponse create(const json::object& body) {
    return call(verb::post, "/api/sso-connectors", body);
  }
  static std::string created(const std::string& name, json::object more = {}) {
    if (!more.contains("providerName")) more["providerName"] = "OIDC";
    more["connectorName"] = name;
    auto res = create(more);
    EXPECT_EQ(res.status, 200u) << res.body;
    return json_text(res.json(), "id");
  }
  static json::object oidc_config(const std::string& issuer) {
    return {{"clientId", "foo"},
            {"clientSecret", "bar"},
            {"issuer", issuer},
            {"scope", "openid profile email"},
            {"trustUnverifiedEmail", false}};
  }
};

TEST_F(SsoConnectorsApiTest, ListsLogtosSixProviders) {
  auto res = call(verb::get, "/api/sso-connector-providers");
  ASSERT_EQ(res.status, 200u) << res.body;
  std::vector<std::string> names;
  auto providers = res.json();
  for (const auto& p : providers.as_array()) {
    names.push_back(json_text(p, "providerName"));
    EXPECT_TRUE(json_text(p, "logo").starts_with("data:image/svg+xml;base64,"));
    EXPECT_FALSE(json_text(p, "description").empty());
  }
  EXPECT_EQ(names, (std::vector<std::string>{"OIDC", "SAML", "AzureAD", "AzureAdOidc",
                                             "GoogleWorkspace", "Okta"}));
}

TEST_F(SsoConnectorsApiTest, CreatesWithLogtosDefaultsAndLowerCaseDomains) {
  auto res = create({{"providerName", "OIDC"},
                     {"connectorName", "defaults"},
                     {"domains", json::array{"Acme.COM", "example.ORG"}}});
  ASSERT_EQ(res.status, 200u) << res.body;
  auto c = res.json();
  EXPECT_EQ(c.at("config"), json::object{});
  EXPECT_EQ(c.at("domains"), (json::array{"acme.com", "example.org"}));
  EXPECT_FALSE(c.at("syncProfile").as_bool());
  EXPECT_EQ(c.at("branding"), json::object{});
  EXPECT_TRUE(json_text(c, "redirectUri").ends_with("/callback/sso/" + json_text(c, "id")));
  auto listed = call(verb::get, "/api/sso-connectors/" + json_text(c, "id"));
  ASSERT_EQ(listed.status, 200u);
  EXPECT_EQ(json_text(listed.json(), "providerType"), "oidc");
  // No configuration yet: nothing the IdP published to show.
  EXPECT_FALSE(listed.json().as_object().contains("providerConfig"));
}

TEST_F(SsoConnectorsApiTest, RefusesMissingNamesUnknownProvidersAndTakenNames) {
  EXPECT_EQ(create({{"connectorName", "x"}}).status, 400u);
  EXPECT_EQ(create({{"providerName", "OIDC"}}).status, 400u);
  auto unknown = create({{"providerName", "dummy"}, {"connectorName", "x"}});
  EXPECT_EQ(unknown.status, 422u);
  EXPECT_EQ(code_of(unknown), "connector.not_found");
  created("taken");
  auto twin = create({{"providerName", "OIDC"}, {"connectorName", "taken"}});
  EXPECT_EQ(twin.status, 409u);
  EXPECT_EQ(code_of(twin), "single_sign_on.duplicate_connector_name");
}

TEST_F(SsoConnectorsApiTest, RefusesPublicAndRepeatedDomains) {
  auto gmail = create({{"providerName", "OIDC"},
                       {"connectorName", "public"},
                       {"domains", json::array{"acme.test", "GMAIL.com"}}});
  EXPECT_EQ(gmail.status, 422u);
  EXPECT_EQ(code_of(gmail), "single_sign_on.forbidden_domains");
  auto twice = create({{"providerName", "OIDC"},
                       {"connectorName", "twice"},
                       {"domains", json::array{"acme.test", "ACME.test"}}});
  EXPECT_EQ(twice.status, 422u);
  EXPECT_EQ(code_of(twice), "single_sign_on.duplicated_domains");
}

TEST_F(SsoConnectorsApiTest, ChecksOidcConfigurationAgainstTheIssuer) {
  auto partial = create({{"providerName", "OIDC"},
                         {"connectorName", "partial"},
                         {"config", {{"clientId", "logto.io"}}}});
  EXPECT_EQ(partial.status, 400u);
  EXPECT_EQ(code_of(partial), "connector.invalid_config");
  // An issuer with no discovery document behind it.
  auto unreachable = create({{"providerName", "OIDC"},
                             {"connectorName", "unreachable"},
                             {"config", oidc_config(server().endpoint() + "/nowhere")}});
  EXPECT_EQ(unreachable.status, 400u);
  EXPECT_EQ(code_of(unreachable), "connector.invalid_config");

  std::string issuer = server().endpoint() + "/oidc";
  std::string id = created("live", {{"config", oidc_config(issuer)}});
  auto got = call(verb::get, "/api/sso-connectors/" + id);
  ASSERT_EQ(got.status, 200u) << got.body;
  EXPECT_EQ(got.json().at("config"), oidc_config(issuer));  // Logto returns it as stored
  // Logto's BaseOidcConfig: camelCase names, the secret not repeated.
  const json::value body = got.json();
  const json::value& provider = body.at("providerConfig");
  EXPECT_EQ(json_text(provider, "authorizationEndpoint"), issuer + "/auth");
  EXPECT_EQ(json_text(provider, "tokenEndpoint"), issuer + "/token");
  EXPECT_EQ(json_text(provider, "jwksUri"), issuer + "/jwks");
  EXPECT_EQ(json_text(provider, "issuer"), issuer);
  EXPECT_FALSE(provider.as_object().contains("token_endpoint"));
  EXPECT_FALSE(provider.as_object().contains("clientSecret"));
}

TEST_F(SsoConnectorsApiTest, PatchesRenamesAndDeletesAsLogtoDoes) {
  std::string a = created("patch-a"), b = created("patch-b");
  auto same =
      call(verb::patch, "/api/sso-connectors/" + a, json::object{{"connectorName", "patch-a"}});
  EXPECT_EQ(same.status, 200u) << same.body;
  auto clash =
      call(verb::patch, "/api/sso-connectors/" + b, json::object{{"connectorName", "patch-a"}});
  EXPECT_EQ(clash.status, 409u);
  auto changed = call(verb::patch, "/api/sso-connectors/" + b,
                      json::object{{"connectorName", "patch-b2"},
                                   {"domains", json::array{"Test.COM"}},
                                   {"syncProfile", true},
                                   {"branding", {{"displayName", "Acme"}, {"logo", "https://l"}}}});
  ASSERT_EQ(changed.status, 200u) << changed.body;
  EXPECT_EQ(json_text(changed.json(), "connectorName"), "patch-b2");
  EXPECT_EQ(changed.json().at("domains"), json::array{"test.com"});
  EXPECT_TRUE(changed.json().at("syncProfile").as_bool());
  EXPECT_EQ(json_text(changed.json().at("branding"), "displayName"), "Acme");
  auto bad = call(verb::patch, "/api/sso-connectors/" + b,
                  json::object{{"config", {{"issuer", 23}, {"signInEndpoint", 123}}}});
  EXPECT_EQ(bad.status, 400u);
  EXPECT_EQ(
      call(verb::patch, "/api/sso-connectors/nope", json::object{{"connectorName", "x"}}).status,
      404u);
  EXPECT_EQ(call(verb::delete_, "/api/sso-connectors/" + b).status, 204u);
  EXPECT_EQ(call(verb::get, "/api/sso-connectors/" + b).status, 404u);
  EXPECT_EQ(call(verb::delete_, "/api/sso-connectors/" + b).status, 404u);
}

TEST_F(SsoConnectorsApiTest, SamlConfigurationIsValidatedAndStored) {
  std::string id = created("saml", {{"providerName", "SAML"}});
  auto bad =
      call(verb::patch, "/api/sso-connectors/" + id, json::object{{"config", {{"entityId", 123}}}});
  EXPECT_EQ(bad.status, 400u);
  // Not a certificate: the IdP's side is read when the configuration is saved, as Logto does.
  auto not_a_certificate = call(verb::patch, "/api/sso-connectors/" + id,
                                json::object{{"config",
                                              {{"entityId", "https://idp.example"},
                                               {"signInEndpoint", "https://idp.example/sso"},
                                               {"x509Certificate", "MIIB"}}}});
  EXPECT_EQ(not_a_certificate.status, 400u);
  EXPECT_EQ(code_of(not_a_certificate), "connector.invalid_config");
  auto idp_key = saml::generate_signing_key(
      {.common_name = "IdP", .not_before = std::chrono::system_clock::now()});
  json::object manual{{"entityId", "https://idp.example"},
                      {"signInEndpoint", "https://idp.example/sso"},
                      {"x509Certificate", idp_key.certificate().pem()}};
  auto good = call(verb::patch, "/api/sso-connectors/" + id, json::object{{"config", manual}});
  ASSERT_EQ(good.status, 200u) << good.body;
  EXPECT_EQ(good.json().at("config"), manual);
  EXPECT_EQ(json_text(good.json(), "providerType"), "saml");
  auto signing = call(verb::patch, "/api/sso-connectors/" + id,
                      json::object{{"config", {{"metadata", "<x/>"}, {"signAuthnRequest", true}}}});
  EXPECT_EQ(signing.status, 400u);
  EXPECT_EQ(code_of(signing), "single_sign_on.active_signing_key_required");
}

TEST_F(SsoConnectorsApiTest, OrganizationsLinkJitConnectors) {
  std::string org = create_org("jit-sso-org");
  std::string a = created("jit-a"), b = created("jit-b");
  std::string path = "/api/organizations/" + org + "/jit/sso-connectors";
  EXPECT_EQ(call(verb::post, path, json::object{{"ssoConnectorIds", ids({a, b})}}).status, 201u);
  // Oldest first; two made in the same millisecond come in id order, so compare as sets.
  auto linked = listed_ids(call(verb::get, path));
  std::sort(linked.begin(), linked.end());
  auto expected = std::vector<std::string>{a, b};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(linked, expected);
  EXPECT_EQ(call(verb::put, path, json::object{{"ssoConnectorIds", ids({b})}}).status, 204u);
  EXPECT_EQ(listed_ids(call(verb::get, path)), (std::vector<std::string>{b}));
  auto unknown = call(verb::post, path, json::object{{"ssoConnectorIds", ids({"ghost"})}});
  EXPECT_EQ(unknown.status, 422u);
  EXPECT_EQ(call(verb::delete_, path + "/" + a).status, 404u);
  EXPECT_EQ(call(verb::delete_, path + "/" + b).status, 204u);
  EXPECT_TRUE(listed_ids(call(verb::get, path)).empty());
  EXPECT_EQ(call(verb::get, "/api/organizations/ghost/jit/sso-connectors").status, 404u);
}

TEST_F(SsoConnectorsApiTest, UserSsoIdentitiesAreEmptyForAPasswordUser) {
  std::string user = create_api_user("no_sso_user");
  auto got = call(verb::get, "/api/users/" + user + "?includeSsoIdentities=true");
  ASSERT_EQ(got.status, 200u);
  EXPECT_EQ(got.json().at("ssoIdentities"), json::array{});
  EXPECT_FALSE(call(verb::get, "/api/users/" + user).json().as_object().contains("ssoIdentities"));
  std::string c = created("identity-lookup");
  auto one = call(verb::get, "/api/users/" + user + "/sso-identities/" + c);
  EXPECT_EQ(one.status, 404u);
  EXPECT_EQ(code_of(one), "user.enterprise_sso_identity_not_exists");
}

}  // namespace
}  // namespace latch::test
