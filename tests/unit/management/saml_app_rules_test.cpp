#include "management/saml_app_rules.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "saml/messages.hpp"

namespace latch::management::saml_rules {
namespace {

namespace json = boost::json;

storage::SamlAppConfig fresh() {
  return {.application_id = "app", .name_id_format = std::string(saml::uri::kNameIdPersistent)};
}

TEST(SamlAppRulesTest, AppliesOnlyTheMembersAChangeSets) {
  auto config = fresh();
  config.entity_id = "https://sp.test";
  SamlAppChange change;
  change.acs_url = json::object{{"binding", saml::uri::kHttpPost}, {"url", "https://sp.test/acs"}};
  ASSERT_TRUE(apply(change, config));
  EXPECT_EQ(config.entity_id, "https://sp.test");
  EXPECT_EQ(acs_url_of(config), "https://sp.test/acs");
  change = {};
  change.acs_url = std::optional<json::object>();  // null clears it
  ASSERT_TRUE(apply(change, config));
  EXPECT_EQ(acs_url_of(config), "");
}

TEST(SamlAppRulesTest, RefusesAnHttpRedirectAcsAsLogtoDoes) {
  auto config = fresh();
  SamlAppChange change;
  change.acs_url =
      json::object{{"binding", saml::uri::kHttpRedirect}, {"url", "https://sp.test/acs"}};
  auto refused = apply(change, config);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Errc::Conflict);
  EXPECT_EQ(refused.error().key, "application.saml.acs_url_binding_not_supported");
}

TEST(SamlAppRulesTest, RefusesUnknownClaimsFormatsAndScriptAcsUrls) {
  auto config = fresh();
  SamlAppChange mapping;
  mapping.attribute_mapping = json::object{{"password", "pw"}};
  EXPECT_EQ(apply(mapping, config).error().field, "attributeMapping.password");
  SamlAppChange format;
  format.name_id_format = "urn:bogus";
  EXPECT_EQ(apply(format, config).error().field, "nameIdFormat");
  SamlAppChange script;
  script.acs_url = json::object{{"binding", saml::uri::kHttpPost}, {"url", "javascript:x()"}};
  EXPECT_EQ(apply(script, config).error().key, "application.saml.acs_url_scheme_not_supported");
}

TEST(SamlAppRulesTest, AsksForTheScopesOfTheMappedClaims) {
  auto config = fresh();
  config.attribute_mapping_json = R"({"phone_number": "tel", "roles": "groups", "name": "cn"})";
  EXPECT_EQ(scopes_for(config), (std::vector<std::string>{"openid", "profile", "phone", "roles"}));
  config.name_id_format = std::string(saml::uri::kNameIdEmail);
  config.attribute_mapping_json = R"({"organization_roles": "orgs"})";
  EXPECT_EQ(scopes_for(config), (std::vector<std::string>{"openid", "profile", "email",
                                                          "urn:logto:scope:organization_roles"}));
}

TEST(SamlAppRulesTest, WithoutAMappingReleasesEmailForTheDefaultAttributes) {
  EXPECT_EQ(scopes_for(fresh()), (std::vector<std::string>{"openid", "profile", "email"}));
}

}  // namespace
}  // namespace latch::management::saml_rules
