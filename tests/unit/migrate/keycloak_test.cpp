// A Keycloak realm export (migrate/keycloak.hpp), from tests/fixtures/migrate/keycloak-realm.json,
// shaped as `kc.sh export` writes it.
#include "migrate/keycloak.hpp"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "unit/migrate/fixture.hpp"

namespace latch::migrate {
namespace {

class KeycloakImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto read = read_keycloak(fixture("keycloak-realm.json"));
    ASSERT_TRUE(read) << read.error().description;
    plan_ = std::move(*read);
  }
  const ImportedUser* user(std::string_view username) const {
    for (const auto& u : plan_.users) {
      if (u.username == username) return &u;
    }
    return nullptr;
  }
  const ImportedApp* app(std::string_view client_id) const {
    for (const auto& a : plan_.apps) {
      if (a.source_id == client_id) return &a;
    }
    return nullptr;
  }
  std::string notes() const {
    std::string out;
    for (const auto& n : plan_.not_imported) out += n + "\n";
    return out;
  }
  ImportPlan plan_;
};

TEST_F(KeycloakImportTest, AUserComesWithNameAttributesIdentityAndPbkdf2Password) {
  const auto* linus = user("linus");
  ASSERT_NE(linus, nullptr);
  EXPECT_EQ(linus->id, derived_id("keycloak", "1b3c5a7e-0000-4000-8000-000000000001", 12));
  EXPECT_EQ(linus->email, "linus@example.test");
  EXPECT_EQ(linus->name, "Linus Torvalds");
  EXPECT_EQ(linus->phone, "+15550100");
  EXPECT_EQ(boost::json::serialize(linus->profile),
            R"({"givenName":"Linus","familyName":"Torvalds"})");
  EXPECT_EQ(boost::json::serialize(linus->custom_data),
            R"({"department":"kernel","tags":["a","b"]})");
  EXPECT_EQ(boost::json::serialize(linus->identities),
            R"({"github":{"userId":"1024","details":{"username":"torvalds"}}})");
  EXPECT_EQ(linus->created_at, 1700000000123);
  EXPECT_FALSE(linus->suspended);
  ASSERT_TRUE(linus->password);
  EXPECT_EQ(linus->password->algorithm, "Legacy");
  EXPECT_EQ(linus->password->digest,
            R"(["pbkdf2",["hex:000102030405060708090a0b0c0d0e0f","27500","32","sha256","@"],)"
            R"("bad1a7d9cafe330a630247313ee6c822946f13f59e75f8ab425e74bfbd924630"])");
}

TEST_F(KeycloakImportTest, Sha512AndArgon2PasswordsAndADisabledUser) {
  const auto* margaret = user("margaret");
  ASSERT_NE(margaret, nullptr);
  EXPECT_TRUE(margaret->suspended);
  EXPECT_EQ(margaret->name, "Margaret");
  ASSERT_TRUE(margaret->password);
  EXPECT_NE(margaret->password->digest.find(R"("210000","64","sha512","@"])"), std::string::npos)
      << margaret->password->digest;
  const auto* argon = user("argon");
  ASSERT_NE(argon, nullptr);
  ASSERT_TRUE(argon->password);
  EXPECT_EQ(argon->password->algorithm, "Argon2id");
  EXPECT_EQ(argon->password->digest,
            "$argon2id$v=19$m=7168,t=5,p=1$AAECAwQFBgcICQoLDA0ODw"
            "$AAECAwQFBgcICQoLDA0ODwABAgMEBQYHCAkKCwwNDg8");
  const auto* odd = user("oddhash");
  ASSERT_NE(odd, nullptr);
  EXPECT_FALSE(odd->password);
  EXPECT_NE(notes().find("password of user oddhash: Keycloak's hash algorithm md4-custom"),
            std::string::npos)
      << notes();
  EXPECT_EQ(user("service-account-reports"), nullptr) << "a client's own user";
}

TEST_F(KeycloakImportTest, RolesComeDirectlyAndThroughGroupsButNotKeycloaksOwn) {
  std::vector<std::string> names;
  for (const auto& r : plan_.roles) names.push_back(r.name);
  EXPECT_EQ(names, (std::vector<std::string>{"editor", "viewer", "shop/buyer"}));
  EXPECT_EQ(plan_.roles[0].description, "Edits articles");
  EXPECT_EQ(plan_.roles[1].description, "viewer") << "the name when there is no description";
  // linus: editor directly and through /engineering/backend, viewer through /engineering, the
  // shop's buyer; realm-management's view-users is Keycloak's own.
  EXPECT_EQ(user("linus")->roles, (std::vector<std::string>{"editor", "shop/buyer", "viewer"}));
  EXPECT_EQ(user("margaret")->roles, (std::vector<std::string>{"viewer"}));
}

TEST_F(KeycloakImportTest, TopLevelGroupsAreOrganizationsWithTheirSubgroupsMembers) {
  ASSERT_EQ(plan_.organizations.size(), 2u);
  EXPECT_EQ(plan_.organizations[0].name, "engineering");
  EXPECT_EQ(plan_.organizations[1].name, "sales");
  const std::string& engineering = plan_.organizations[0].id;
  EXPECT_EQ(engineering.size(), 21u);
  EXPECT_EQ(engineering, derived_id("keycloak", "/engineering", 21)) << "the same on every run";
  EXPECT_EQ(user("linus")->organizations, (std::vector<std::string>{engineering}));
  EXPECT_EQ(user("margaret")->organizations, (std::vector<std::string>{plan_.organizations[1].id}));
  EXPECT_NE(notes().find("subgroups of group /engineering"), std::string::npos) << notes();
}

TEST_F(KeycloakImportTest, ClientsBecomeAppsOfTheRightKind) {
  EXPECT_EQ(app("account"), nullptr);
  EXPECT_EQ(app("admin-cli"), nullptr);
  EXPECT_EQ(app("orders-api"), nullptr);
  const auto* shop = app("shop");
  ASSERT_NE(shop, nullptr);
  EXPECT_EQ(shop->id, derived_id("keycloak", "shop", 21));
  EXPECT_EQ(shop->type, model::AppType::Traditional);
  EXPECT_EQ(shop->name, "Shop");
  EXPECT_EQ(shop->secret, "shop-secret-0123456789");
  EXPECT_EQ(shop->redirect_uris, (std::vector<std::string>{"https://shop.example.test/callback"}));
  EXPECT_EQ(shop->post_logout_redirect_uris,
            (std::vector<std::string>{"https://shop.example.test/bye"}));
  EXPECT_EQ(shop->cors_allowed_origins, (std::vector<std::string>{"https://shop.example.test"}));
  EXPECT_EQ(app("spa")->type, model::AppType::Spa);
  EXPECT_FALSE(app("spa")->secret);
  EXPECT_EQ(app("cli-tool")->type, model::AppType::Native);
  EXPECT_EQ(app("reports")->type, model::AppType::MachineToMachine);
  std::string n = notes();
  EXPECT_NE(n.find("client shop: redirect URI https://shop.example.test/*"), std::string::npos)
      << n;
  EXPECT_NE(n.find("client orders-api: bearer-only"), std::string::npos) << n;
}

TEST(KeycloakImportErrorsTest, AnExportThatIsNotAnObjectIsRefused) {
  for (std::string_view bad : {"", "[]", "{", "42"}) {
    auto read = read_keycloak(bad);
    ASSERT_FALSE(read) << bad;
    EXPECT_EQ(read.error().code, Errc::InvalidRequest);
  }
  auto empty = read_keycloak("{}");
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->users.empty());
}

// Found by fuzz_migrate_readers: a group path without a leading slash looped for ever.
TEST(KeycloakImportErrorsTest, AGroupPathWithoutASlashGivesItsRolesOnce) {
  auto read = read_keycloak(R"({"roles": {"realm": [{"name": "r"}]},
    "groups": [{"name": "g", "path": "g", "realmRoles": ["r"]}],
    "users": [{"id": "u", "username": "u", "groups": ["g", "g/h", "/", ""]}]})");
  ASSERT_TRUE(read) << read.error().description;
  ASSERT_EQ(read->users.size(), 1u);
  EXPECT_EQ(read->users[0].roles, (std::vector<std::string>{"r"}));
  ASSERT_EQ(read->organizations.size(), 1u);
  EXPECT_EQ(read->users[0].organizations, (std::vector<std::string>{read->organizations[0].id}))
      << "only groups the export has, once";
}

TEST(KeycloakImportErrorsTest, OddShapesAreSkippedNotFatal) {
  auto read = read_keycloak(R"({"users": [1, {"username": "x", "credentials": [
      {"type": "password", "secretData": "not json", "credentialData": "{}"}],
      "attributes": {"a": "not a list"}, "groups": [7], "realmRoles": {}}],
    "clients": [{"clientId": 5}, "x"], "groups": [{"subGroups": "no"}], "roles": []})");
  ASSERT_TRUE(read) << read.error().description;
  ASSERT_EQ(read->users.size(), 1u);
  EXPECT_FALSE(read->users[0].password);
  EXPECT_TRUE(read->apps.empty());
}

}  // namespace
}  // namespace latch::migrate
