#include "oidc/client_keys.hpp"

#include <gtest/gtest.h>

#include "support/fake_clock.hpp"

namespace latch::oidc {
namespace {

using std::chrono::seconds;

std::vector<boost::json::object> one_key(std::string kid) {
  return {boost::json::object{{"kty", "OKP"}, {"kid", std::move(kid)}}};
}

TEST(ParseJwkSetTest, KeepsTheObjectsOfTheKeysArray) {
  auto keys = parse_jwk_set(R"({"keys":[{"kid":"a"},"junk",{"kid":"b"}]})");
  ASSERT_TRUE(keys);
  EXPECT_EQ(keys->size(), 2u);
}

TEST(ParseJwkSetTest, RefusesWhatIsNotAJwkSet) {
  EXPECT_FALSE(parse_jwk_set(R"({"kty":"EC"})"));
  EXPECT_FALSE(parse_jwk_set(R"({"keys":{}})"));
  EXPECT_FALSE(parse_jwk_set("not json"));
}

TEST(ClientKeyCacheTest, ServesAFetchedSetUntilItsTtl) {
  test::FakeClock clock;
  ClientKeyCache cache(clock);
  EXPECT_FALSE(cache.find("https://a/jwks", false));
  cache.store("https://a/jwks", one_key("k1"));
  clock.advance(seconds(ClientKeyCache::kTtl - 1));
  EXPECT_TRUE(cache.find("https://a/jwks", false));
  EXPECT_FALSE(cache.find("https://b/jwks", false));
  clock.advance(seconds(1));
  EXPECT_FALSE(cache.find("https://a/jwks", false));
}

// An unknown kid asks for a refresh, which skips the cached copy; a stored refresh serves the
// next lookups.
TEST(ClientKeyCacheTest, ARefreshSkipsTheCachedCopy) {
  test::FakeClock clock;
  ClientKeyCache cache(clock);
  cache.store("https://a/jwks", one_key("k1"));
  EXPECT_FALSE(cache.find("https://a/jwks", true));
  cache.store("https://a/jwks", one_key("k2"));
  auto keys = cache.find("https://a/jwks", false);
  ASSERT_TRUE(keys);
  EXPECT_EQ((*keys)[0].at("kid"), "k2");
}

}  // namespace
}  // namespace latch::oidc
