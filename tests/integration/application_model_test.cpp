// Logto's application model (issue #24): the application list's filters, isAdmin, and which
// apps may be third-party apps.
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
  static std::string third_party_app(const std::string& name) {
    auto res = call(verb::post, "/api/applications",
                    json::object{{"name", name}, {"type", "Traditional"}, {"isThirdParty", true}});
    EXPECT_EQ(res.status, 200u) << res.body;
    return json_text(res.json(), "id");
  }
};

TEST_F(ApplicationModelTest, TheListFiltersByThirdPartyAndSearch) {
  std::string partner = third_party_app("Filter partner");
  std::string own = create_api_app("Filter own", "SPA");
  auto names = [](const HttpResponse& res) {
    std::vector<std::string> out;
    for (const auto& app : res.json().as_array()) out.push_back(json_text(app, "id"));
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

}  // namespace
}  // namespace latch::test
