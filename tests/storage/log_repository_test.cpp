#include <gtest/gtest.h>

#include "storage/storage_fixture.hpp"

namespace latch::storage::test {
namespace {

class LogRepositoryTest : public StorageTest {
 protected:
  static AuditLog entry(const std::string& id, const std::string& key, const std::string& user,
                        std::int64_t at) {
    return AuditLog{id, key, "Success", user, "app-1", "127.0.0.1", R"({"k":1})", at};
  }
  std::vector<std::string> ids(const LogFilter& filter, Page page = {}) {
    auto logs = in_read([&](Tx& tx) { return tx.logs().list(filter, page); });
    std::vector<std::string> out;
    if (logs) {
      for (const auto& l : *logs) out.push_back(l.id);
    }
    return out;
  }
};

TEST_P(LogRepositoryTest, FindsWhatWasInserted) {
  auto log = entry("l1", "Interaction.SignIn.Submit", "u1", 1000);
  ASSERT_OK(in_write([&](Tx& tx) { return tx.logs().insert(log); }));
  auto found = in_read([](Tx& tx) { return tx.logs().find("l1"); });
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  const auto& f = **found;
  EXPECT_EQ(std::tie(f.id, f.key, f.result, f.user_id, f.application_id, f.ip, f.payload_json,
                     f.created_at),
            std::tie(log.id, log.key, log.result, log.user_id, log.application_id, log.ip,
                     log.payload_json, log.created_at));
}

TEST_P(LogRepositoryTest, ListsNewestFirstFilteredAndPaged) {
  ASSERT_OK(in_write([](Tx& tx) -> Result<void> {
    for (auto [id, key, user, at] :
         {std::tuple{"a", "Interaction.SignIn.Submit", "u1", 1000},
          std::tuple{"b", "Interaction.SignIn.Verification.Password", "u1", 2000},
          std::tuple{"c", "Interaction.SignIn.Submit", "u2", 3000},
          std::tuple{"d", "Management.POST", "", 4000}}) {
      if (auto r = tx.logs().insert(entry(id, key, user, at)); !r) return r;
    }
    return ok();
  }));
  EXPECT_EQ(ids({}), (std::vector<std::string>{"d", "c", "b", "a"}));
  EXPECT_EQ(ids({.key = "Interaction.SignIn.Submit"}), (std::vector<std::string>{"c", "a"}));
  EXPECT_EQ(ids({.user_id = "u1"}), (std::vector<std::string>{"b", "a"}));
  EXPECT_EQ(ids({.key = "Interaction.SignIn.Submit", .user_id = "u2"}),
            (std::vector<std::string>{"c"}));
  EXPECT_EQ(ids({}, {2, 3}), (std::vector<std::string>{"a"}));
  auto counted = in_read([](Tx& tx) { return tx.logs().count({.user_id = "u1"}); });
  ASSERT_OK(counted);
  EXPECT_EQ(*counted, 2);
}

TEST_P(LogRepositoryTest, FiltersByResult) {
  ASSERT_OK(in_write([](Tx& tx) -> Result<void> {
    auto ok_entry = entry("s", "Interaction.SignIn.Submit", "u1", 1000);
    auto failed = entry("f", "Interaction.SignIn.Submit", "u1", 2000);
    failed.result = "Error";
    if (auto r = tx.logs().insert(ok_entry); !r) return r;
    return tx.logs().insert(failed);
  }));
  EXPECT_EQ(ids({.result = "Error"}), (std::vector<std::string>{"f"}));
  EXPECT_EQ(ids({.user_id = "u1", .result = "Success"}), (std::vector<std::string>{"s"}));
  auto counted = in_read([](Tx& tx) { return tx.logs().count({.result = "Error"}); });
  ASSERT_OK(counted);
  EXPECT_EQ(*counted, 1);
}

TEST_P(LogRepositoryTest, FiltersByATimeWindowWithInclusiveEnds) {
  ASSERT_OK(in_write([](Tx& tx) -> Result<void> {
    for (auto [id, at] : {std::pair{"a", 1000}, std::pair{"b", 2000}, std::pair{"c", 3000}}) {
      if (auto r = tx.logs().insert(entry(id, "Interaction.Create", "u1", at)); !r) return r;
    }
    return ok();
  }));
  EXPECT_EQ(ids({.from = 2000}), (std::vector<std::string>{"c", "b"}));
  EXPECT_EQ(ids({.to = 2000}), (std::vector<std::string>{"b", "a"}));
  EXPECT_EQ(ids({.from = 2000, .to = 2000}), (std::vector<std::string>{"b"}));
  EXPECT_TRUE(ids({.to = 999}).empty());
  auto counted = in_read([](Tx& tx) { return tx.logs().count({.from = 1001}); });
  ASSERT_OK(counted);
  EXPECT_EQ(*counted, 2);
}

TEST_P(LogRepositoryTest, CappedCountStopsOnePastTheCap) {
  ASSERT_OK(in_write([](Tx& tx) -> Result<void> {
    for (int i = 0; i < 5; ++i) {
      if (auto r = tx.logs().insert(entry("l" + std::to_string(i), "k", "u1", 1000 + i)); !r) {
        return r;
      }
    }
    return ok();
  }));
  auto capped = in_read([](Tx& tx) { return tx.logs().count_capped({}, 3); });
  ASSERT_OK(capped);
  EXPECT_EQ(*capped, 4);
  auto under = in_read([](Tx& tx) { return tx.logs().count_capped({}, 10); });
  ASSERT_OK(under);
  EXPECT_EQ(*under, 5);
}

TEST_P(LogRepositoryTest, PurgesTheOldestEntriesBeforeACutoffInBatches) {
  ASSERT_OK(in_write([](Tx& tx) -> Result<void> {
    for (int i = 1; i <= 5; ++i) {
      if (auto r =
              tx.logs().insert(entry("e" + std::to_string(i), "Management.POST", "", i * 1000));
          !r) {
        return r;
      }
    }
    return ok();
  }));
  auto first = in_write([](Tx& tx) { return tx.logs().purge_before(4000, 2); });
  ASSERT_OK(first);
  EXPECT_EQ(*first, 2);
  EXPECT_EQ(ids({}), (std::vector<std::string>{"e5", "e4", "e3"}));
  auto second = in_write([](Tx& tx) { return tx.logs().purge_before(4000, 2); });
  ASSERT_OK(second);
  EXPECT_EQ(*second, 1);  // entries written at the cutoff or later stay
  EXPECT_EQ(ids({}), (std::vector<std::string>{"e5", "e4"}));
}

LATCH_STORAGE_SUITE(LogRepositoryTest);

}  // namespace
}  // namespace latch::storage::test
