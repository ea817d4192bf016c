#include <gtest/gtest.h>

#include "storage/samples.hpp"
#include "storage/storage_fixture.hpp"

namespace latch::storage::test {
namespace {

class ApplicationSecretRepositoryTest : public StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    if (IsSkipped()) return;
    ASSERT_OK(
        in_write([](Tx& tx) { return tx.applications().insert(sample_application("app1")); }));
  }
  Result<void> insert(const model::ApplicationSecret& secret) {
    return in_write([&](Tx& tx) { return tx.application_secrets().insert(secret); });
  }
  std::vector<model::ApplicationSecret> list(const std::string& app_id) {
    auto found = in_read([&](Tx& tx) { return tx.application_secrets().list(app_id); });
    EXPECT_OK(found);
    return found ? *found : std::vector<model::ApplicationSecret>{};
  }
  static model::ApplicationSecret secret(std::string name, std::int64_t created_at,
                                         std::optional<std::int64_t> expires_at = {}) {
    return {"app1", std::move(name), "v1.sealed", created_at, expires_at};
  }
  static auto fields(const model::ApplicationSecret& s) {
    return std::tie(s.application_id, s.name, s.sealed_value, s.created_at, s.expires_at);
  }
};

TEST_P(ApplicationSecretRepositoryTest, ListsAnAppsSecretsOldestFirstWithEveryField) {
  ASSERT_OK(insert(secret("newer", 2000, 9000)));
  ASSERT_OK(insert(secret("older", 1000)));
  auto found = list("app1");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(fields(found[0]), fields(secret("older", 1000)));
  EXPECT_EQ(fields(found[1]), fields(secret("newer", 2000, 9000)));
}

TEST_P(ApplicationSecretRepositoryTest, ANameTakenInTheAppIsLogtosSecretNameExists) {
  ASSERT_OK(insert(secret("one", 1000)));
  auto again = insert(secret("one", 2000));
  EXPECT_EQ(errc_of(again), Errc::Conflict);
  EXPECT_EQ(again.error().key, "application.secret_name_exists");
  ASSERT_OK(insert(secret("two", 2000)));
  auto renamed =
      in_write([](Tx& tx) { return tx.application_secrets().rename("app1", "two", "one"); });
  EXPECT_EQ(errc_of(renamed), Errc::Conflict);
}

TEST_P(ApplicationSecretRepositoryTest, ASecretOfAnUnknownAppIsNotFound) {
  model::ApplicationSecret orphan = secret("one", 1000);
  orphan.application_id = "nope";
  EXPECT_EQ(errc_of(insert(orphan)), Errc::NotFound);
}

TEST_P(ApplicationSecretRepositoryTest, RenamesAndRemovesByName) {
  ASSERT_OK(insert(secret("one", 1000)));
  ASSERT_OK(in_write([](Tx& tx) { return tx.application_secrets().rename("app1", "one", "uno"); }));
  ASSERT_EQ(list("app1").size(), 1u);
  EXPECT_EQ(list("app1")[0].name, "uno");
  EXPECT_EQ(
      errc_of(in_write([](Tx& tx) { return tx.application_secrets().remove("app1", "one"); })),
      Errc::NotFound);
  ASSERT_OK(in_write([](Tx& tx) { return tx.application_secrets().remove("app1", "uno"); }));
  EXPECT_TRUE(list("app1").empty());
}

TEST_P(ApplicationSecretRepositoryTest, DeletingTheAppDeletesItsSecrets) {
  ASSERT_OK(insert(secret("one", 1000)));
  ASSERT_OK(in_write([](Tx& tx) { return tx.applications().remove("app1"); }));
  auto all = in_read([](Tx& tx) { return tx.application_secrets().list_all(); });
  ASSERT_OK(all);
  EXPECT_TRUE(all->empty());
}

TEST_P(ApplicationSecretRepositoryTest, EveryWriteBumpsTheApplicationsEpoch) {
  std::int64_t start = epoch("applications");
  ASSERT_OK(insert(secret("one", 1000)));
  EXPECT_EQ(epoch("applications"), start + 1);
  ASSERT_OK(in_write([](Tx& tx) { return tx.application_secrets().rename("app1", "one", "two"); }));
  EXPECT_EQ(epoch("applications"), start + 2);
  ASSERT_OK(in_write([](Tx& tx) { return tx.application_secrets().remove("app1", "two"); }));
  EXPECT_EQ(epoch("applications"), start + 3);
}

LATCH_STORAGE_SUITE(ApplicationSecretRepositoryTest);

}  // namespace
}  // namespace latch::storage::test
