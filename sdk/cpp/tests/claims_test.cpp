#include "latch/claims.hpp"

#include <gtest/gtest.h>

namespace latch {
namespace {

AccessTokenClaims with_scopes(std::vector<std::string> scopes) {
  AccessTokenClaims claims;
  claims.scopes = std::move(scopes);
  return claims;
}

using Scopes = std::vector<std::string>;

TEST(AccessTokenClaimsTest, HasAllNeedsEveryScope) {
  AccessTokenClaims claims = with_scopes({"read:books", "write:books"});
  EXPECT_TRUE(claims.has_all({"read:books"}));
  EXPECT_TRUE(claims.has_all({"write:books", "read:books"}));
  EXPECT_FALSE(claims.has_all({"read:books", "delete:books"}));
  EXPECT_TRUE(claims.has_all({}));
}

TEST(AccessTokenClaimsTest, HasAnyNeedsOneScope) {
  AccessTokenClaims claims = with_scopes({"read:books"});
  EXPECT_TRUE(claims.has_any({"admin:books", "read:books"}));
  EXPECT_FALSE(claims.has_any({"admin:books", "write:books"}));
  EXPECT_FALSE(claims.has_any({}));
}

TEST(AccessTokenClaimsTest, ScopesMatchWholeNamesOnly) {
  AccessTokenClaims claims = with_scopes({"read:books"});
  EXPECT_FALSE(claims.has_scope("read"));
  EXPECT_FALSE(claims.has_scope("read:book"));
  EXPECT_FALSE(with_scopes({}).has_any({""}));
}

TEST(AccessTokenClaimsTest, MissingListsTheUngrantedScopesInOrder) {
  AccessTokenClaims claims = with_scopes({"read:books"});
  EXPECT_EQ(claims.missing({"write:books", "read:books", "delete:books"}),
            (Scopes{"write:books", "delete:books"}));
  EXPECT_EQ(claims.missing({"read:books"}), Scopes{});
}

}  // namespace
}  // namespace latch
