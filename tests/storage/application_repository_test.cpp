#include <gtest/gtest.h>

#include <algorithm>

#include "storage/samples.hpp"
#include "storage/storage_fixture.hpp"

namespace latch::storage::test {
namespace {

class ApplicationRepositoryTest : public StorageTest {
 protected:
  Result<void> insert(const model::Application& app) {
    return in_write([&](Tx& tx) { return tx.applications().insert(app); });
  }
  Result<std::optional<model::Application>> find(const std::string& id) {
    return in_read([&](Tx& tx) { return tx.applications().find(id); });
  }
  void insert_resource(const std::string& id) {
    ASSERT_OK(in_write([&](Tx& tx) {
      return tx.resources().insert(sample_resource(id, "https://" + id + ".example"));
    }));
  }
  std::vector<std::string> ids(const std::vector<model::Application>& apps) {
    std::vector<std::string> out;
    for (const auto& app : apps) {
      out.push_back(app.id);
    }
    return out;
  }
};

TEST_P(ApplicationRepositoryTest, FindsInsertedApplicationWithEveryField) {
  model::Application app = sample_application("app1");
  ASSERT_OK(insert(app));

  auto found = find("app1");
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ(fields(**found), fields(app));
}

TEST_P(ApplicationRepositoryTest, RoundTripsEmptyListsAndDefaults) {
  model::Application app;
  app.id = "plain";
  app.name = "Plain";
  ASSERT_OK(insert(app));

  auto found = find("plain");
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ(fields(**found), fields(app));
}

TEST_P(ApplicationRepositoryTest, FindReturnsNothingForUnknownId) {
  auto found = find("nope");
  ASSERT_OK(found);
  EXPECT_FALSE(found->has_value());
}

TEST_P(ApplicationRepositoryTest, InsertOfExistingIdIsConflict) {
  ASSERT_OK(insert(sample_application("app1")));

  auto again = insert(sample_application("app1"));
  EXPECT_EQ(errc_of(again), Errc::Conflict);
  EXPECT_EQ(again.error().description, "id is already in use");
}

TEST_P(ApplicationRepositoryTest, UpdateReplacesEveryFieldButIdAndCreatedAt) {
  ASSERT_OK(insert(sample_application("app1", 1000)));
  model::Application changed;
  changed.id = "app1";
  changed.name = "Renamed";
  changed.description = "changed";
  changed.type = model::AppType::MachineToMachine;
  changed.redirect_uris = {"https://new.example/cb"};
  changed.is_third_party = false;
  changed.id_token_signed_response_alg = "RS256";
  changed.custom_data_json = R"({"x":1})";
  changed.created_at = 99999;
  ASSERT_OK(in_write([&](Tx& tx) { return tx.applications().update(changed); }));

  auto found = find("app1");
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  changed.created_at = 1000;
  EXPECT_EQ(fields(**found), fields(changed));
}

TEST_P(ApplicationRepositoryTest, UpdateOfUnknownIdIsNotFound) {
  auto updated =
      in_write([&](Tx& tx) { return tx.applications().update(sample_application("nope")); });
  EXPECT_EQ(errc_of(updated), Errc::NotFound);
}

TEST_P(ApplicationRepositoryTest, ListsNewestFirstThenByIdAndPaginates) {
  ASSERT_OK(insert(sample_application("a", 1000)));
  ASSERT_OK(insert(sample_application("b", 3000)));
  ASSERT_OK(insert(sample_application("d", 2000)));
  ASSERT_OK(insert(sample_application("c", 2000)));

  auto page = [&](int number) {
    return in_read([&](Tx& tx) { return tx.applications().list(Page{number, 2}); });
  };
  auto first = page(1);
  auto second = page(2);
  auto third = page(3);
  ASSERT_OK(first);
  ASSERT_OK(second);
  ASSERT_OK(third);
  EXPECT_EQ(ids(*first), (std::vector<std::string>{"b", "c"}));
  EXPECT_EQ(ids(*second), (std::vector<std::string>{"d", "a"}));
  EXPECT_TRUE(third->empty());
}

TEST_P(ApplicationRepositoryTest, ListAllReturnsEveryApplicationNewestFirst) {
  ASSERT_OK(insert(sample_application("old", 1000)));
  ASSERT_OK(insert(sample_application("new", 2000)));

  auto all = in_read([](Tx& tx) { return tx.applications().list_all(); });
  ASSERT_OK(all);
  EXPECT_EQ(ids(*all), (std::vector<std::string>{"new", "old"}));
  EXPECT_EQ(fields(all->back()), fields(sample_application("old", 1000)));
}

TEST_P(ApplicationRepositoryTest, CountsApplications) {
  auto count = [&] { return in_read([](Tx& tx) { return tx.applications().count(); }); };
  ASSERT_OK(count());
  EXPECT_EQ(*count(), 0);
  ASSERT_OK(insert(sample_application("a")));
  ASSERT_OK(insert(sample_application("b")));
  EXPECT_EQ(*count(), 2);
}

TEST_P(ApplicationRepositoryTest, RemoveDeletesTheApplication) {
  ASSERT_OK(insert(sample_application("app1")));
  ASSERT_OK(in_write([](Tx& tx) { return tx.applications().remove("app1"); }));

  auto found = find("app1");
  ASSERT_OK(found);
  EXPECT_FALSE(found->has_value());
}

TEST_P(ApplicationRepositoryTest, RemoveOfUnknownIdIsNotFound) {
  auto removed = in_write([](Tx& tx) { return tx.applications().remove("nope"); });
  EXPECT_EQ(errc_of(removed), Errc::NotFound);
}

TEST_P(ApplicationRepositoryTest, RemoveDeletesGrantsCodesTokensAndInteractions) {
  insert_user_and_app();
  insert_grant("grant1");
  insert_artifacts("grant1");
  ASSERT_OK(in_write(
      [](Tx& tx) { return tx.interactions().insert(sample_interaction("uid1", "app1")); }));

  ASSERT_OK(in_write([](Tx& tx) { return tx.applications().remove("app1"); }));

  Artifacts left = artifacts_of("grant1");
  EXPECT_FALSE(left.code);
  EXPECT_FALSE(left.refresh_token);
  EXPECT_FALSE(left.access_token);
  auto grant = in_read([](Tx& tx) { return tx.grants().find("grant1"); });
  auto interaction = in_read([](Tx& tx) { return tx.interactions().find("uid1"); });
  auto user = in_read([](Tx& tx) { return tx.users().find("user1"); });
  ASSERT_OK(grant);
  ASSERT_OK(interaction);
  ASSERT_OK(user);
  EXPECT_FALSE(grant->has_value());
  EXPECT_FALSE(interaction->has_value());
  EXPECT_TRUE(user->has_value());
}

TEST_P(ApplicationRepositoryTest, RemoveKeepsOtherApplicationsGrants) {
  insert_user_and_app();
  ASSERT_OK(insert(sample_application("app2")));
  ASSERT_OK(
      in_write([](Tx& tx) { return tx.grants().insert(sample_grant("grant2", "user1", "app2")); }));

  ASSERT_OK(in_write([](Tx& tx) { return tx.applications().remove("app1"); }));

  auto grant = in_read([](Tx& tx) { return tx.grants().find("grant2"); });
  ASSERT_OK(grant);
  EXPECT_TRUE(grant->has_value());
}

TEST_P(ApplicationRepositoryTest, FindManyReturnsTheKnownOnes) {
  ASSERT_OK(insert(sample_application("app1")));
  ASSERT_OK(insert(sample_application("app2")));
  auto found = in_read([](Tx& tx) {
    return tx.applications().find_many({"app2", "nope", "app1"});
  });
  ASSERT_OK(found);
  auto got = ids(*found);
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got, (std::vector<std::string>{"app1", "app2"}));
  auto none = in_read([](Tx& tx) { return tx.applications().find_many({}); });
  ASSERT_OK(none);
  EXPECT_TRUE(none->empty());
}

TEST_P(ApplicationRepositoryTest, EveryWriteBumpsTheApplicationsEpoch) {
  insert_resource("res1");
  std::int64_t start = epoch("applications");
  ASSERT_OK(insert(sample_application("app1")));
  EXPECT_EQ(epoch("applications"), start + 1);
  ASSERT_OK(in_write([](Tx& tx) { return tx.applications().update(sample_application("app1")); }));
  EXPECT_EQ(epoch("applications"), start + 2);
  ASSERT_OK(in_write([](Tx& tx) { return tx.applications().remove("app1"); }));
  EXPECT_EQ(epoch("applications"), start + 3);
}

TEST_P(ApplicationRepositoryTest, FailedWriteLeavesTheEpochAlone) {
  ASSERT_OK(insert(sample_application("app1")));
  std::int64_t before = epoch("applications");
  EXPECT_EQ(errc_of(insert(sample_application("app1"))), Errc::Conflict);
  EXPECT_EQ(epoch("applications"), before);
}

LATCH_STORAGE_SUITE(ApplicationRepositoryTest);

}  // namespace
}  // namespace latch::storage::test
