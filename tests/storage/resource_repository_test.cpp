#include <gtest/gtest.h>

#include "storage/samples.hpp"
#include "storage/storage_fixture.hpp"

namespace latch::storage::test {
namespace {

class ResourceRepositoryTest : public StorageTest {
 protected:
  // Resource `id` at https://<id>.example with scopes "read" and "write".
  model::Resource with_scopes(const std::string& id, std::int64_t created_at = 1000) {
    model::Resource resource = sample_resource(id, "https://" + id + ".example", created_at);
    resource.scopes = {sample_scope(id + "-read", id, "read"),
                       sample_scope(id + "-write", id, "write")};
    resource.scopes[1].created_at = 1600;
    return resource;
  }
  Result<void> insert(const model::Resource& resource) {
    return in_write([&](Tx& tx) { return tx.resources().insert(resource); });
  }
  Result<void> insert_scope(const model::Scope& scope) {
    return in_write([&](Tx& tx) { return tx.resources().insert_scope(scope); });
  }
  Result<std::optional<model::Resource>> find(const std::string& id) {
    return in_read([&](Tx& tx) { return tx.resources().find(id); });
  }
  static void expect_same(const model::Resource& actual, const model::Resource& expected) {
    EXPECT_EQ(fields(actual), fields(expected));
    ASSERT_EQ(actual.scopes.size(), expected.scopes.size());
    for (std::size_t i = 0; i < actual.scopes.size(); ++i) {
      EXPECT_EQ(fields(actual.scopes[i]), fields(expected.scopes[i]));
    }
  }
};

TEST_P(ResourceRepositoryTest, FindsInsertedResourceWithEveryFieldAndItsScopes) {
  model::Resource resource = with_scopes("api");
  ASSERT_OK(insert(resource));

  auto found = find("api");
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  expect_same(**found, resource);
}

TEST_P(ResourceRepositoryTest, FindsByIndicator) {
  ASSERT_OK(insert(with_scopes("api")));

  auto found =
      in_read([](Tx& tx) { return tx.resources().find_by_indicator("https://api.example"); });
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  expect_same(**found, with_scopes("api"));
}

TEST_P(ResourceRepositoryTest, FindReturnsNothingForUnknownIdOrIndicator) {
  auto by_id = find("nope");
  auto by_indicator =
      in_read([](Tx& tx) { return tx.resources().find_by_indicator("https://nope.example"); });
  ASSERT_OK(by_id);
  ASSERT_OK(by_indicator);
  EXPECT_FALSE(by_id->has_value());
  EXPECT_FALSE(by_indicator->has_value());
}

TEST_P(ResourceRepositoryTest, InsertWithTakenIndicatorIsConflictNamingIt) {
  ASSERT_OK(insert(sample_resource("one", "https://api.example")));

  auto again = insert(sample_resource("two", "https://api.example"));
  EXPECT_EQ(errc_of(again), Errc::Conflict);
  EXPECT_EQ(again.error().key, "resource.resource_identifier_in_use");
}

TEST_P(ResourceRepositoryTest, InsertWithDuplicateScopeNamesWritesNothing) {
  model::Resource resource = with_scopes("api");
  resource.scopes[1].name = "read";

  EXPECT_EQ(errc_of(insert(resource)), Errc::Conflict);
  auto found = find("api");
  ASSERT_OK(found);
  EXPECT_FALSE(found->has_value());
}

TEST_P(ResourceRepositoryTest, UpdateReplacesFieldsButKeepsScopesAndCreatedAt) {
  ASSERT_OK(insert(with_scopes("api", 1000)));
  model::Resource changed;
  changed.id = "api";
  changed.name = "Renamed";
  changed.indicator = "https://renamed.example";
  changed.access_token_ttl = 60;
  changed.custom_data = R"({"tier":"silver"})";
  changed.created_at = 5;
  ASSERT_OK(in_write([&](Tx& tx) { return tx.resources().update(changed); }));

  auto found = find("api");
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  changed.created_at = 1000;
  changed.scopes = with_scopes("api").scopes;
  expect_same(**found, changed);
}

TEST_P(ResourceRepositoryTest, UpdateToTakenIndicatorIsConflict) {
  ASSERT_OK(insert(sample_resource("one", "https://one.example")));
  ASSERT_OK(insert(sample_resource("two", "https://two.example")));

  auto updated = in_write(
      [](Tx& tx) { return tx.resources().update(sample_resource("two", "https://one.example")); });
  EXPECT_EQ(errc_of(updated), Errc::Conflict);
  EXPECT_EQ(updated.error().key, "resource.resource_identifier_in_use");
}

TEST_P(ResourceRepositoryTest, UpdateOfUnknownIdIsNotFound) {
  auto updated = in_write([](Tx& tx) {
    return tx.resources().update(sample_resource("nope", "https://nope.example"));
  });
  EXPECT_EQ(errc_of(updated), Errc::NotFound);
}

TEST_P(ResourceRepositoryTest, ListAllReturnsNewestFirstWithScopes) {
  ASSERT_OK(insert(with_scopes("old", 1000)));
  ASSERT_OK(insert(with_scopes("new", 2000)));
  ASSERT_OK(insert(sample_resource("bare", "https://bare.example", 1500)));

  auto all = in_read([](Tx& tx) { return tx.resources().list_all(); });
  ASSERT_OK(all);
  // The migrations' own resources (the management API) are the oldest: leave them out.
  std::erase_if(*all, [](const model::Resource& r) { return r.created_at == 0; });
  ASSERT_EQ(all->size(), 3u);
  expect_same((*all)[0], with_scopes("new", 2000));
  expect_same((*all)[1], sample_resource("bare", "https://bare.example", 1500));
  expect_same((*all)[2], with_scopes("old", 1000));
}

TEST_P(ResourceRepositoryTest, RemoveDeletesTheResourceItsScopesAndTheirPlaceInRoles) {
  ASSERT_OK(insert(with_scopes("api")));
  model::Role readers{.id = "readers", .name = "Readers", .type = model::RoleType::User};
  ASSERT_OK(in_write([&](Tx& tx) { return tx.roles().insert(readers); }));
  ASSERT_OK(in_write([](Tx& tx) { return tx.roles().add_scopes("readers", {"api-read"}); }));

  ASSERT_OK(in_write([](Tx& tx) { return tx.resources().remove("api"); }));

  auto found = find("api");
  auto held = in_read([](Tx& tx) { return tx.roles().scopes("readers"); });
  ASSERT_OK(found);
  ASSERT_OK(held);
  EXPECT_FALSE(found->has_value());
  EXPECT_TRUE(held->empty());
  // The scope ids are free again: the scopes went with the resource.
  ASSERT_OK(insert(with_scopes("api")));
}

TEST_P(ResourceRepositoryTest, RemoveOfUnknownIdIsNotFound) {
  auto removed = in_write([](Tx& tx) { return tx.resources().remove("nope"); });
  EXPECT_EQ(errc_of(removed), Errc::NotFound);
}

TEST_P(ResourceRepositoryTest, InsertScopeAddsItToTheResource) {
  ASSERT_OK(insert(with_scopes("api")));
  model::Scope admin = sample_scope("api-admin", "api", "admin");
  admin.created_at = 1700;
  ASSERT_OK(insert_scope(admin));

  auto found = find("api");
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  ASSERT_EQ((*found)->scopes.size(), 3u);
  EXPECT_EQ(fields((*found)->scopes.back()), fields(admin));
}

TEST_P(ResourceRepositoryTest, InsertScopeWithNameTakenInTheResourceIsConflict) {
  ASSERT_OK(insert(with_scopes("api")));

  auto again = insert_scope(sample_scope("other-id", "api", "read"));
  EXPECT_EQ(errc_of(again), Errc::Conflict);
  EXPECT_EQ(again.error().key, "scope.name_exists");
}

TEST_P(ResourceRepositoryTest, InsertScopeAllowsTheSameNameInAnotherResource) {
  ASSERT_OK(insert(with_scopes("one")));
  ASSERT_OK(insert(sample_resource("two", "https://two.example")));

  EXPECT_OK(insert_scope(sample_scope("two-read", "two", "read")));
}

TEST_P(ResourceRepositoryTest, InsertScopeForUnknownResourceIsNotFound) {
  EXPECT_EQ(errc_of(insert_scope(sample_scope("s1", "nope", "read"))), Errc::NotFound);
}

TEST_P(ResourceRepositoryTest, RemoveScopeDeletesOnlyThatScope) {
  ASSERT_OK(insert(with_scopes("api")));
  ASSERT_OK(in_write([](Tx& tx) { return tx.resources().remove_scope("api-read"); }));

  auto found = find("api");
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  ASSERT_EQ((*found)->scopes.size(), 1u);
  EXPECT_EQ((*found)->scopes[0].name, "write");
}

TEST_P(ResourceRepositoryTest, RemoveScopeOfUnknownIdIsNotFound) {
  auto removed = in_write([](Tx& tx) { return tx.resources().remove_scope("nope"); });
  EXPECT_EQ(errc_of(removed), Errc::NotFound);
}

TEST_P(ResourceRepositoryTest, EveryWriteBumpsTheResourcesEpoch) {
  std::int64_t start = epoch("resources");
  ASSERT_OK(insert(with_scopes("api")));
  EXPECT_EQ(epoch("resources"), start + 1);
  ASSERT_OK(in_write([](Tx& tx) {
    return tx.resources().update(sample_resource("api", "https://api2.example"));
  }));
  EXPECT_EQ(epoch("resources"), start + 2);
  ASSERT_OK(insert_scope(sample_scope("api-admin", "api", "admin")));
  EXPECT_EQ(epoch("resources"), start + 3);
  ASSERT_OK(in_write([](Tx& tx) { return tx.resources().remove_scope("api-admin"); }));
  EXPECT_EQ(epoch("resources"), start + 4);
  ASSERT_OK(in_write([](Tx& tx) { return tx.resources().remove("api"); }));
  EXPECT_EQ(epoch("resources"), start + 5);
}

TEST_P(ResourceRepositoryTest, RemoveAlsoBumpsTheApplicationsEpoch) {
  ASSERT_OK(insert(with_scopes("api")));
  std::int64_t before = epoch("applications");
  ASSERT_OK(in_write([](Tx& tx) { return tx.resources().remove("api"); }));
  EXPECT_EQ(epoch("applications"), before + 1);
}

LATCH_STORAGE_SUITE(ResourceRepositoryTest);

}  // namespace
}  // namespace latch::storage::test
