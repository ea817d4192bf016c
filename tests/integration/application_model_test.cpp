// Logto's application model beyond the app itself (issue #24): a third-party app's user consent
// scopes (/api/applications/:id/user-consent-scopes), an app's own sign-in experience
// (/api/applications/:id/sign-in-experience), the application list's filters and isAdmin.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>

#include "support/roles_fixture.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;
using boost::beast::http::verb;

class ApplicationModelTest : public RolesFixture<ApplicationModelTest> {
 protected:
  static std::string consent_of(const std::string& app_id) {
    return "/api/applications/" + app_id + "/user-consent-scopes";
  }
  static std::string third_party_app(const std::string& name) {
    auto res = call(verb::post, "/api/applications",
                    json::object{{"name", name}, {"type", "Traditional"}, {"isThirdParty", true}});
    EXPECT_EQ(res.status, 200u) << res.body;
    return json_text(res.json(), "id");
  }
  static std::string organization_scope(const std::string& name) {
    auto res = call(verb::post, "/api/organization-scopes", json::object{{"name", name}});
    EXPECT_EQ(res.status, 201u) << res.body;
    return json_text(res.json(), "id");
  }
};

TEST_F(ApplicationModelTest, AThirdPartyAppHoldsTheScopesItWasGivenGroupedByResource) {
  std::string app = third_party_app("Partner");
  std::string org_scope = organization_scope("read:reports");
  auto added = call(verb::post, consent_of(app),
                    json::object{{"organizationScopes", json::array{org_scope}},
                                 {"resourceScopes", json::array{read_scope_id_, write_scope_id_}},
                                 {"organizationResourceScopes", json::array{read_scope_id_}},
                                 {"userScopes", json::array{"profile", "email"}}});
  ASSERT_EQ(added.status, 201u) << added.body;
  // Adding some again keeps one of each.
  ASSERT_EQ(call(verb::post, consent_of(app), json::object{{"userScopes", json::array{"profile"}}})
                .status,
            201u);
  auto res = call(verb::get, consent_of(app));
  ASSERT_EQ(res.status, 200u) << res.body;
  json::value body = res.json();
  ASSERT_EQ(body.at("organizationScopes").as_array().size(), 1u);
  EXPECT_EQ(json_text(body.at("organizationScopes").as_array()[0], "id"), org_scope);
  const auto& resources = body.at("resourceScopes").as_array();
  ASSERT_EQ(resources.size(), 1u);
  EXPECT_EQ(json_text(resources[0].at("resource"), "indicator"), kBooks);
  EXPECT_EQ(resources[0].at("scopes").as_array().size(), 2u);
  EXPECT_EQ(body.at("organizationResourceScopes").as_array()[0].at("scopes").as_array().size(), 1u);
  EXPECT_EQ(body.at("userScopes"), (json::array{"email", "profile"}));
}

TEST_F(ApplicationModelTest, ScopesAreRemovedOneByOne) {
  std::string app = third_party_app("Removing");
  ASSERT_EQ(call(verb::post, consent_of(app),
                 json::object{{"resourceScopes", json::array{read_scope_id_}},
                              {"userScopes", json::array{"phone"}}})
                .status,
            201u);
  EXPECT_EQ(call(verb::delete_, consent_of(app) + "/user-scopes/phone").status, 204u);
  EXPECT_EQ(call(verb::delete_, consent_of(app) + "/resource-scopes/" + read_scope_id_).status,
            204u);
  auto again = call(verb::delete_, consent_of(app) + "/user-scopes/phone");
  EXPECT_EQ(again.status, 404u);
  EXPECT_EQ(json_text(again.json(), "code"), "entity.not_found");
  EXPECT_EQ(call(verb::delete_, consent_of(app) + "/no-such-type/x").status, 400u);
  json::value body = call(verb::get, consent_of(app)).json();
  EXPECT_TRUE(body.at("resourceScopes").as_array().empty());
  EXPECT_TRUE(body.at("userScopes").as_array().empty());
}

TEST_F(ApplicationModelTest, OnlyThirdPartyAppsTakeConsentScopesAndOnlyExistingOnes) {
  std::string first_party = create_api_app("First party", "SPA");
  auto refused = call(verb::post, consent_of(first_party),
                      json::object{{"userScopes", json::array{"profile"}}});
  EXPECT_EQ(refused.status, 422u);
  EXPECT_EQ(json_text(refused.json(), "code"), "application.third_party_application_only");
  std::string app = third_party_app("Careful");
  for (const char* key : {"organizationScopes", "resourceScopes", "organizationResourceScopes"}) {
    auto missing =
        call(verb::post, consent_of(app), json::object{{key, json::array{"no-such-scope"}}});
    EXPECT_EQ(missing.status, 422u) << key;
    EXPECT_EQ(json_text(missing.json(), "code"), "application.user_consent_scopes_not_found");
  }
  auto unknown =
      call(verb::post, consent_of(app), json::object{{"userScopes", json::array{"openid"}}});
  EXPECT_EQ(unknown.status, 400u);
  auto absent = call(verb::get, consent_of("no-such-app"));
  EXPECT_EQ(absent.status, 404u);
  EXPECT_EQ(json_text(absent.json(), "code"), "entity.not_exists_with_id");
}

TEST_F(ApplicationModelTest, TheListFiltersByThirdPartyAndSearch) {
  std::string partner = third_party_app("Filter partner");
  std::string own = create_api_app("Filter own", "SPA");
  auto names = [](const HttpResponse& res) {
    std::vector<std::string> out;
    json::value body = res.json();  // kept: the loop reads into it
    EXPECT_TRUE(body.is_array()) << res.body;
    if (!body.is_array()) return out;
    for (const auto& app : body.as_array()) out.push_back(json_text(app, "id"));
    return out;
  };
  auto third = names(call(verb::get, "/api/applications?isThirdParty=true&page_size=100"));
  EXPECT_NE(std::find(third.begin(), third.end(), partner), third.end());
  EXPECT_EQ(std::find(third.begin(), third.end(), own), third.end());
  auto first = names(call(verb::get, "/api/applications?isThirdParty=false&page_size=100"));
  EXPECT_EQ(std::find(first.begin(), first.end(), partner), first.end());
  EXPECT_NE(std::find(first.begin(), first.end(), own), first.end());
  auto found = names(call(verb::get, "/api/applications?search=FILTER%20OWN"));
  EXPECT_EQ(found, std::vector<std::string>{own});
  // "%" is SQL's wildcard, as in Logto's search.
  auto pattern = names(call(verb::get, "/api/applications?search=%25ilter%25own&types=SPA"));
  EXPECT_EQ(pattern, std::vector<std::string>{own});
  EXPECT_EQ(call(verb::get, "/api/applications?isThirdParty=maybe").status, 400u);
}

TEST_F(ApplicationModelTest, IsAdminGivesAndTakesTheManagementRole) {
  std::string robot = create_m2m_app("Admin robot");
  std::string path = "/api/applications/" + robot;
  EXPECT_FALSE(call(verb::get, path).json().at("isAdmin").as_bool());
  ASSERT_EQ(call(verb::patch, path, json::object{{"isAdmin", true}}).status, 200u);
  EXPECT_TRUE(call(verb::get, path).json().at("isAdmin").as_bool());
  ASSERT_EQ(call(verb::patch, path, json::object{{"isAdmin", false}}).status, 200u);
  EXPECT_FALSE(call(verb::get, path).json().at("isAdmin").as_bool());
}

TEST_F(ApplicationModelTest, OnlyAppsPeopleSignInToCanBeThirdParty) {
  auto res =
      call(verb::post, "/api/applications",
           json::object{{"name", "Robot"}, {"type", "MachineToMachine"}, {"isThirdParty", true}});
  EXPECT_EQ(res.status, 400u);
  EXPECT_EQ(json_text(res.json(), "code"), "application.invalid_third_party_application_type");
  auto protected_app =
      call(verb::post, "/api/applications", json::object{{"name", "P"}, {"type", "Protected"}});
  EXPECT_EQ(protected_app.status, 400u);
  EXPECT_EQ(json_text(protected_app.json(), "code"),
            "application.protected_app_metadata_is_required");
}

TEST_F(ApplicationModelTest, AnAppKeepsItsOwnSignInExperience) {
  std::string app = create_api_app("Branded", "SPA");
  std::string path = "/api/applications/" + app + "/sign-in-experience";
  auto none = call(verb::get, path);
  EXPECT_EQ(none.status, 404u);
  EXPECT_EQ(json_text(none.json(), "code"), "entity.not_exists_with_id");
  json::object wanted{{"branding", {{"logoUrl", "https://brand.example.test/logo.png"}}},
                      {"color", {{"primaryColor", "#f00"}, {"darkPrimaryColor", "#0f0"}}},
                      {"termsOfUseUrl", "https://brand.example.test/terms"},
                      {"displayName", "Brand"}};
  auto made = call(verb::put, path, wanted);
  ASSERT_EQ(made.status, 201u) << made.body;
  EXPECT_EQ(json_text(made.json(), "applicationId"), app);
  EXPECT_EQ(json_text(made.json(), "displayName"), "Brand");
  EXPECT_TRUE(made.json().at("privacyPolicyUrl").is_null());
  auto changed = call(verb::put, path, json::object{{"displayName", ""}});
  ASSERT_EQ(changed.status, 200u) << changed.body;
  json::value stored = call(verb::get, path).json();
  EXPECT_TRUE(stored.at("displayName").is_null());
  EXPECT_EQ(json_text(stored, "termsOfUseUrl"), "https://brand.example.test/terms");
  EXPECT_EQ(json_text(stored.at("branding"), "logoUrl"), "https://brand.example.test/logo.png");
  EXPECT_EQ(call(verb::put, path, json::object{{"termsOfUseUrl", "not a url"}}).status, 400u);
  EXPECT_EQ(call(verb::put, path, json::object{{"layout", "wide"}}).status, 400u);
  auto unknown = call(verb::put, "/api/applications/no-such-app/sign-in-experience", wanted);
  EXPECT_EQ(unknown.status, 404u);
  EXPECT_EQ(json_text(unknown.json(), "code"), "entity.not_exists_with_id");
}

}  // namespace
}  // namespace latch::test
