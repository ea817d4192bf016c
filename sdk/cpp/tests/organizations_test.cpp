// The organizations of an ID token's or userinfo's claims, and organization audiences.
#include "latch/organizations.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace latch {
namespace {

std::vector<UserOrganization> of(std::string_view json) {
  return organizations_from_claims(boost::json::parse(json).as_object());
}

using Roles = std::vector<std::string>;

TEST(OrganizationsFromClaimsTest, ListsTheIdsWithTheirRolesInOrder) {
  auto orgs = of(R"({"organizations": ["a1", "b2"],
                     "organization_roles": ["b2:Admin", "a1:Reader", "b2:Member"]})");
  ASSERT_EQ(orgs.size(), 2u);
  EXPECT_EQ(orgs[0].id, "a1");
  EXPECT_EQ(orgs[0].roles, Roles{"Reader"});
  EXPECT_EQ(orgs[1].id, "b2");
  EXPECT_EQ(orgs[1].roles, (Roles{"Admin", "Member"}));
  EXPECT_EQ(orgs[0].name, "");
}

TEST(OrganizationsFromClaimsTest, NamesComeFromOrganizationData) {
  auto orgs = of(R"({"organizations": ["a1"],
                     "organization_data": [{"id": "a1", "name": "Acme", "description": null}]})");
  ASSERT_EQ(orgs.size(), 1u);
  EXPECT_EQ(orgs[0].name, "Acme");
  EXPECT_TRUE(orgs[0].roles.empty());
}

TEST(OrganizationsFromClaimsTest, ARoleNameMayHoldAColon) {
  auto orgs = of(R"({"organizations": ["a1"], "organization_roles": ["a1:ops:night"]})");
  ASSERT_EQ(orgs.size(), 1u);
  EXPECT_EQ(orgs[0].roles, Roles{"ops:night"});
}

TEST(OrganizationsFromClaimsTest, AMembershipKnownOnlyFromItsRolesIsListed) {
  auto orgs = of(R"({"organization_roles": ["c3:Viewer"]})");
  ASSERT_EQ(orgs.size(), 1u);
  EXPECT_EQ(orgs[0].id, "c3");
  EXPECT_EQ(orgs[0].roles, Roles{"Viewer"});
}

TEST(OrganizationsFromClaimsTest, NoClaimsGiveNoOrganizations) {
  EXPECT_TRUE(of(R"({"sub": "u1"})").empty());
}

TEST(OrganizationsFromClaimsTest, SkipsMalformedEntries) {
  auto orgs = of(R"({"organizations": ["a1", 7, "", null, "a1"],
                     "organization_data": "Acme", 
                     "organization_roles": ["nocolon", ":Admin", "a1:", 3, "a1:Reader"]})");
  ASSERT_EQ(orgs.size(), 1u);
  EXPECT_EQ(orgs[0].id, "a1");
  EXPECT_EQ(orgs[0].roles, Roles{"Reader"});
}

TEST(OrganizationsFromClaimsTest, ToleratesClaimsOfTheWrongType) {
  EXPECT_TRUE(of(R"({"organizations": "a1", "organization_roles": {"a1": "Admin"}})").empty());
}

TEST(OrganizationAudienceTest, BuildsAndReadsTheUrn) {
  EXPECT_EQ(organization_audience("a1"), "urn:logto:organization:a1");
  EXPECT_EQ(organization_id_of_audience("urn:logto:organization:a1"), "a1");
}

TEST(OrganizationAudienceTest, OtherAudiencesHaveNoOrganization) {
  for (const char* aud : {"https://api.test", "urn:logto:organization:", "urn:logto:organizations",
                          "", "URN:LOGTO:ORGANIZATION:a1"}) {
    EXPECT_FALSE(organization_id_of_audience(aud)) << aud;
  }
}

}  // namespace
}  // namespace latch
