#include <gtest/gtest.h>

#include "storage/storage_fixture.hpp"

namespace latch::storage::test {
namespace {

class JwtCustomizerRepositoryTest : public StorageTest {
 protected:
  Result<void> put(const std::string& type, const std::string& config, std::int64_t at) {
    return in_write([&](Tx& tx) { return tx.jwt_customizers().put({type, config, at}); });
  }
  Result<std::optional<StoredJwtCustomizer>> find(const std::string& type) {
    return in_read([&](Tx& tx) { return tx.jwt_customizers().find(type); });
  }
};

TEST_P(JwtCustomizerRepositoryTest, PutStoresAndThenReplacesTheRowOfATokenType) {
  ASSERT_OK(put("access-token", R"({"script":"a"})", 1000));
  ASSERT_OK(put("access-token", R"({"script":"b"})", 2000));
  auto found = find("access-token");
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->config, R"({"script":"b"})");
  EXPECT_EQ((*found)->updated_at, 2000);
  auto other = find("client-credentials");
  ASSERT_OK(other);
  EXPECT_FALSE(other->has_value());
}

TEST_P(JwtCustomizerRepositoryTest, ListsEveryTokenTypeInOrder) {
  ASSERT_OK(put("client-credentials", R"({"script":"c"})", 1000));
  ASSERT_OK(put("access-token", R"({"script":"a"})", 1000));
  auto all = in_read([&](Tx& tx) { return tx.jwt_customizers().list(); });
  ASSERT_OK(all);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].token_type, "access-token");
  EXPECT_EQ((*all)[1].token_type, "client-credentials");
}

TEST_P(JwtCustomizerRepositoryTest, RemoveDeletesTheRowAndIsNotFoundTheSecondTime) {
  ASSERT_OK(put("client-credentials", R"({"script":"c"})", 1000));
  ASSERT_OK(in_write([&](Tx& tx) { return tx.jwt_customizers().remove("client-credentials"); }));
  auto again = in_write([&](Tx& tx) { return tx.jwt_customizers().remove("client-credentials"); });
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, Errc::NotFound);
}

TEST_P(JwtCustomizerRepositoryTest, RefusesAnUnknownTokenType) {
  EXPECT_FALSE(put("id-token", R"({"script":"x"})", 1000));
}

LATCH_STORAGE_SUITE(JwtCustomizerRepositoryTest);

}  // namespace
}  // namespace latch::storage::test
