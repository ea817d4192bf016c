// /api/saml-applications (Logto's shapes and codes; its saml-application.test.ts facts): SAML
// apps with their config, their signing secrets, the anonymous IdP metadata, and the generic
// /api/applications routes, which list SAML apps but leave their changes to the SAML routes.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "saml/metadata.hpp"
#include "support/organizations_fixture.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;
using boost::beast::http::verb;

constexpr std::string_view kPost = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";
constexpr std::string_view kRedirect = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
constexpr std::string_view kPersistent = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent";
constexpr std::string_view kEmail = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";

class SamlApplicationsApiTest : public OrganizationsFixture<SamlApplicationsApiTest> {
 protected:
  static HttpResponse create(const json::object& body) {
    return call(verb::post, "/api/saml-applications", body);
  }
  static std::string created(json::object body = {}) {
    if (!body.contains("name")) body["name"] = "test";
    return created_id("/api/saml-applications", body);
  }
  static HttpResponse patch(const std::string& id, const json::object& body) {
    return call(verb::patch, "/api/saml-applications/" + id, body);
  }
  static HttpResponse new_secret(const std::string& id, std::int64_t years = 30) {
    return call(verb::post, "/api/saml-applications/" + id + "/secrets",
                json::object{{"lifeSpanInYears", years}});
  }
  static HttpResponse set_active(const std::string& id, const std::string& secret, bool active) {
    return call(verb::patch, "/api/saml-applications/" + id + "/secrets/" + secret,
                json::object{{"active", active}});
  }
};

TEST_F(SamlApplicationsApiTest, CreatesWithLogtosDefaultsAndHidesTheOidcSide) {
  auto res = create({{"name", "test"}, {"description", "test"}});
  ASSERT_EQ(res.status, 201u) << res.body;
  auto app = res.json().as_object();
  EXPECT_EQ(json_text(app, "type"), "SAML");
  EXPECT_EQ(json_text(app, "nameIdFormat"), kPersistent);
  EXPECT_TRUE(app.at("entityId").is_null());
  EXPECT_TRUE(app.at("acsUrl").is_null());
  EXPECT_TRUE(app.at("encryption").is_null());
  EXPECT_EQ(app.at("attributeMapping"), json::object{});
  EXPECT_FALSE(app.contains("secret"));
  EXPECT_FALSE(app.contains("oidcClientMetadata"));
  std::string id = json_text(app, "id");
  // The generic routes show it with empty OIDC metadata and no secret (Logto's
  // hideOidcClientMetadataForSamlApp).
  auto generic = call(verb::get, "/api/applications/" + id);
  ASSERT_EQ(generic.status, 200u);
  auto metadata = generic.json().at("oidcClientMetadata");
  EXPECT_EQ(metadata.at("redirectUris"), json::array{});
  EXPECT_EQ(metadata.at("postLogoutRedirectUris"), json::array{});
  EXPECT_FALSE(generic.json().as_object().contains("secret"));
  auto listed = call(verb::get, "/api/applications?types=SAML&page_size=100").json();
  bool found = false;
  for (const auto& a : listed.as_array()) {  // ?types=SAML: Logto's filter
    EXPECT_EQ(json_text(a, "type"), "SAML");
    EXPECT_EQ(a.at("oidcClientMetadata").at("redirectUris"), json::array{});
    found = found || json_text(a, "id") == id;
  }
  EXPECT_TRUE(found);
  EXPECT_EQ(call(verb::delete_, "/api/saml-applications/" + id).status, 204u);
  EXPECT_EQ(call(verb::get, "/api/applications/" + id).status, 404u);
}

TEST_F(SamlApplicationsApiTest, CreatesWithTheWholeConfig) {
  json::object acs{{"binding", kPost}, {"url", "https://example.logto.io/sso/saml"}};
  json::object encryption{{"encryptAssertion", true},
                          {"certificate", "-----BEGIN CERTIFICATE-----\nMIID\n"},
                          {"encryptThenSign", false}};
  auto res = create({{"name", "test"},
                     {"entityId", "https://example.logto.io"},
                     {"acsUrl", acs},
                     {"nameIdFormat", kEmail},
                     {"encryption", encryption},
                     {"attributeMapping", {{"email", "mail"}, {"sub", "uid"}}}});
  ASSERT_EQ(res.status, 201u) << res.body;
  auto app = res.json();
  EXPECT_EQ(json_text(app, "entityId"), "https://example.logto.io");
  EXPECT_EQ(app.at("acsUrl"), acs);
  EXPECT_EQ(json_text(app, "nameIdFormat"), kEmail);
  EXPECT_EQ(app.at("encryption"), encryption);
  EXPECT_EQ(app.at("attributeMapping"), (json::object{{"email", "mail"}, {"sub", "uid"}}));
}

TEST_F(SamlApplicationsApiTest, RefusesAnHttpRedirectAcsWith422) {
  auto res = create(
      {{"name", "test"}, {"acsUrl", {{"binding", kRedirect}, {"url", "https://example.com"}}}});
  EXPECT_EQ(res.status, 422u);
  EXPECT_EQ(code_of(res), "application.saml.acs_url_binding_not_supported");
}

TEST_F(SamlApplicationsApiTest, RefusesBadMembers) {
  EXPECT_EQ(create({{"description", "no name"}}).status, 400u);
  EXPECT_EQ(create({{"name", "x"}, {"nameIdFormat", "urn:bogus"}}).status, 400u);
  EXPECT_EQ(create({{"name", "x"}, {"attributeMapping", {{"not_a_claim", "x"}}}}).status, 400u);
  EXPECT_EQ(create({{"name", "x"}, {"unknown", 1}}).status, 400u);
  EXPECT_EQ(create({{"name", "x"}, {"encryption", {{"encryptAssertion", true}}}}).status, 400u);
  auto scheme =
      create({{"name", "x"}, {"acsUrl", {{"binding", kPost}, {"url", "javascript:alert(1)"}}}});
  EXPECT_EQ(scheme.status, 400u);
  EXPECT_EQ(code_of(scheme), "application.saml.acs_url_scheme_not_supported");
  auto pem = create({{"name", "x"}, {"spCertificate", "not a certificate"}});
  EXPECT_EQ(pem.status, 400u);
  EXPECT_EQ(code_of(pem), "application.saml.invalid_certificate_pem_format");
}

TEST_F(SamlApplicationsApiTest, UpdatesConfigMembersAndNullsThem) {
  std::string id = created({{"entityId", "http://example.logto.io/foo"}});
  json::object acs{{"binding", kPost}, {"url", "https://example.logto.io/sso/saml"}};
  auto first = patch(id, {{"acsUrl", acs}, {"entityId", nullptr}, {"name", "renamed"}});
  ASSERT_EQ(first.status, 200u) << first.body;
  EXPECT_EQ(first.json().at("acsUrl"), acs);
  EXPECT_TRUE(first.json().at("entityId").is_null());
  EXPECT_EQ(json_text(first.json(), "name"), "renamed");
  auto second = patch(id, {{"acsUrl", nullptr},
                           {"entityId", "https://example.logto.io/new-entity"},
                           {"attributeMapping", {{"sub", "sub"}, {"email", "email_address"}}}});
  ASSERT_EQ(second.status, 200u) << second.body;
  EXPECT_TRUE(second.json().at("acsUrl").is_null());
  EXPECT_EQ(json_text(second.json(), "entityId"), "https://example.logto.io/new-entity");
  auto third = patch(id, {{"attributeMapping", json::object{}}});
  ASSERT_EQ(third.status, 200u);
  EXPECT_EQ(third.json().at("attributeMapping"), json::object{});
  EXPECT_EQ(json_text(third.json(), "name"), "renamed");
  auto got = call(verb::get, "/api/saml-applications/" + id);
  EXPECT_EQ(got.json(), third.json());
}

TEST_F(SamlApplicationsApiTest, SamlRoutesRefuseOtherAppsWith422) {
  std::string other = create_api_app("not-saml", "Traditional");
  for (auto method : {verb::get, verb::patch, verb::delete_}) {
    json::object body;
    if (method == verb::patch) body = {{"name", "updated"}};
    auto res = call(method, "/api/saml-applications/" + other, body);
    EXPECT_EQ(res.status, 422u) << res.body;
    EXPECT_EQ(code_of(res), "application.saml.saml_application_only");
  }
  EXPECT_EQ(call(verb::get, "/api/saml-applications/nope").status, 404u);
}

TEST_F(SamlApplicationsApiTest, GenericRoutesRefuseToChangeSamlApps) {
  std::string id = created();
  for (auto [method, path] :
       {std::pair{verb::patch, "/api/applications/" + id},
        std::pair{verb::delete_, "/api/applications/" + id},
        std::pair{verb::post, "/api/applications/" + id + "/secret/rotate"}}) {
    json::object body;
    if (method == verb::patch) body = {{"name", "updated"}};
    auto res = call(method, path, body);
    EXPECT_EQ(res.status, 400u) << path;
    EXPECT_EQ(code_of(res), "application.saml.use_saml_app_api");
  }
  auto made = call(verb::post, "/api/applications", json::object{{"name", "x"}, {"type", "SAML"}});
  EXPECT_EQ(made.status, 400u);
  EXPECT_EQ(code_of(made), "application.saml.use_saml_app_api");
}

TEST_F(SamlApplicationsApiTest, SecretsHideTheirKeyAndOneIsActive) {
  std::string id = created();
  auto first = call(verb::get, "/api/saml-applications/" + id + "/secrets");
  ASSERT_EQ(first.status, 200u);
  ASSERT_EQ(first.json().as_array().size(), 1u);
  EXPECT_TRUE(first.json().as_array()[0].at("active").as_bool());
  auto res = new_secret(id);
  ASSERT_EQ(res.status, 201u) << res.body;
  auto secret = res.json().as_object();
  EXPECT_FALSE(secret.contains("privateKey"));
  EXPECT_FALSE(secret.at("active").as_bool());
  EXPECT_TRUE(json_text(secret, "certificate").starts_with("-----BEGIN CERTIFICATE-----"));
  auto fingerprint = secret.at("fingerprints").at("sha256");
  EXPECT_EQ(json_text(fingerprint, "formatted").size(), 95u);  // 32 hex pairs and 31 colons
  EXPECT_EQ(json_text(fingerprint, "unformatted").size(), 64u);
  std::string secret_id = json_text(secret, "id");
  auto activated = set_active(id, secret_id, true);
  ASSERT_EQ(activated.status, 200u) << activated.body;
  EXPECT_TRUE(activated.json().at("active").as_bool());
  auto all = call(verb::get, "/api/saml-applications/" + id + "/secrets").json().as_array();
  ASSERT_EQ(all.size(), 2u);
  int active = 0;
  for (const auto& s : all) {
    active += s.at("active").as_bool() ? 1 : 0;
    EXPECT_LT(s.at("createdAt").as_int64(), s.at("expiresAt").as_int64());
  }
  EXPECT_EQ(active, 1);
}

TEST_F(SamlApplicationsApiTest, TheActiveSecretCannotBeDeleted) {
  std::string id = created();
  std::string secret = json_text(new_secret(id).json(), "id");
  ASSERT_EQ(set_active(id, secret, true).status, 200u);
  std::string path = "/api/saml-applications/" + id + "/secrets/" + secret;
  auto refused = call(verb::delete_, path);
  EXPECT_EQ(refused.status, 400u);
  EXPECT_EQ(code_of(refused), "application.saml.can_not_delete_active_secret");
  ASSERT_EQ(set_active(id, secret, false).status, 200u);
  EXPECT_EQ(call(verb::delete_, path).status, 204u);
  EXPECT_EQ(call(verb::delete_, path).status, 404u);
  EXPECT_EQ(new_secret(id, 0).status, 400u);
}

TEST_F(SamlApplicationsApiTest, PublishesIdpMetadataWithoutAToken) {
  std::string id = created();
  auto res = server().client().get("/api/saml-applications/" + id + "/metadata");
  ASSERT_EQ(res.status, 200u) << res.body;
  EXPECT_TRUE(res.header("content-type").starts_with("text/xml"));
  auto metadata = saml::parse_idp_metadata(res.body);
  ASSERT_TRUE(metadata) << metadata.error().description;
  EXPECT_EQ(metadata->entity_id, server().endpoint() + "/saml/" + id);
  EXPECT_EQ(metadata->sso_redirect_url, server().endpoint() + "/api/saml/" + id + "/authn");
  EXPECT_EQ(metadata->sso_post_url, metadata->sso_redirect_url);
  auto secrets = call(verb::get, "/api/saml-applications/" + id + "/secrets").json().as_array();
  ASSERT_EQ(metadata->signing_certificates.size(), 1u);
  EXPECT_EQ(metadata->signing_certificates[0].sha256_fingerprint(),
            json_text(secrets[0].at("fingerprints").at("sha256"), "formatted"));
  EXPECT_EQ(server().client().get("/api/saml-applications/nope/metadata").status, 404u);
}

}  // namespace
}  // namespace latch::test
