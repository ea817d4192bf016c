// RefreshTokenGrant (RFC 6749 §6, RFC 9700 §4.14.2) over a real store: every use rotates the
// token; a replay within kReuseLeewayMs gets the same successor (HMAC of the presented token),
// a later one revokes the whole family; a narrower scope may be asked for, never a wider one.
#include "oidc/grants/refresh_token_grant.hpp"

#include <gtest/gtest.h>

#include "support/result_testing.hpp"
#include "unit/oidc/grant_harness.hpp"

namespace latch::oidc {
namespace {

using namespace std::chrono_literals;
using test::GrantSpec;
using test::Issued;

constexpr const char* kSuccessorKey = "a key every node shares";

class RefreshTokenGrantTest : public ::testing::Test {
 protected:
  static TokenRequest request(const std::string& token) {
    TokenRequest r;
    r.grant_type = "refresh_token";
    r.refresh_token = token;
    return r;
  }
  static TokenRequest request(const std::string& token, std::vector<std::string> scope) {
    TokenRequest r = request(token);
    r.scope = std::move(scope);
    return r;
  }
  Result<TokenResponse> refresh(const TokenRequest& r, const std::string& client = "web") {
    return h_.run(grant_, client, r);
  }
  Result<TokenResponse> refresh(const std::string& token) { return refresh(request(token)); }
  static Errc code_of(const Result<TokenResponse>& r) { return r ? Errc::Ok : r.error().code; }
  // The successor a refresh returned (fails the test when there is none).
  static std::string successor(const Result<TokenResponse>& r) {
    if (!r) {
      ADD_FAILURE() << r.error().description;
      return {};
    }
    EXPECT_TRUE(r->refresh_token);
    return r->refresh_token.value_or("");
  }

  test::GrantHarness h_;
  RefreshTokenGrant grant_{h_.store(), h_.tokens(), kSuccessorKey};
  Issued token_ = h_.issue_refresh_token({.scope = "openid profile offline_access"});
};

TEST_F(RefreshTokenGrantTest, ARefreshIssuesNewTokensAndRotatesTheRefreshToken) {
  auto res = refresh(token_.value);
  ASSERT_TRUE(res) << res.error().description;
  EXPECT_EQ(res->scope, "openid profile offline_access");
  EXPECT_TRUE(h_.find_access_token(res->access_token));
  std::string next = successor(res);
  EXPECT_NE(next, token_.value);
  EXPECT_NE(h_.find_refresh_token(token_.value)->consumed_at, 0);
  EXPECT_TRUE(refresh(next));
}

TEST_F(RefreshTokenGrantTest, TheIdTokenKeepsTheOriginalAuthTimeAndHasNoAtHash) {
  auto res = refresh(token_.value);
  ASSERT_TRUE(res);
  ASSERT_TRUE(res->id_token);
  auto id = test::verified_payload(*res->id_token);
  EXPECT_EQ(id.at("sub").as_string(), token_.user_id);
  EXPECT_EQ(id.at("auth_time").as_int64(), 1'699'999'000);
  EXPECT_FALSE(id.contains("at_hash"));
  EXPECT_FALSE(id.contains("nonce"));
}

TEST_F(RefreshTokenGrantTest, ARotatedTokenKeepsTheFamilysExpiry) {
  std::int64_t expires_at = h_.find_refresh_token(token_.value)->expires_at;
  h_.clock().advance(1h);
  std::string next = successor(refresh(token_.value));
  EXPECT_EQ(h_.find_refresh_token(next)->expires_at, expires_at);
}

// Two tabs of one app refresh at once: both get the same successor, the family stays one chain.
TEST_F(RefreshTokenGrantTest, AReplayWithinTheLeewayGetsTheSameSuccessor) {
  std::string next = successor(refresh(token_.value));
  h_.clock().advance(std::chrono::milliseconds(RefreshTokenGrant::kReuseLeewayMs));
  auto replay = refresh(token_.value);
  EXPECT_EQ(successor(replay), next);
  EXPECT_FALSE(h_.find_grant(token_.grant_id)->revoked);
  EXPECT_TRUE(refresh(next));
}

// The successor is an HMAC of the presented token under a shared key, so another node answers a
// replay the same way.
TEST_F(RefreshTokenGrantTest, AnotherNodeWithTheSameKeyDerivesTheSameSuccessor) {
  std::string next = successor(refresh(token_.value));
  RefreshTokenGrant other_node(h_.store(), h_.tokens(), kSuccessorKey);
  EXPECT_EQ(successor(h_.run(other_node, "web", request(token_.value))), next);
}

TEST_F(RefreshTokenGrantTest, AReuseAfterTheLeewayRevokesTheWholeFamily) {
  auto first = refresh(token_.value);
  std::string next = successor(first);
  h_.clock().advance(std::chrono::milliseconds(RefreshTokenGrant::kReuseLeewayMs + 1));
  auto reuse = refresh(token_.value);
  EXPECT_EQ(code_of(reuse), Errc::InvalidGrant);
  EXPECT_TRUE(h_.find_grant(token_.grant_id)->revoked);
  EXPECT_FALSE(h_.find_access_token(first->access_token));
  EXPECT_EQ(code_of(refresh(next)), Errc::InvalidGrant);
}

TEST_F(RefreshTokenGrantTest, AReuseOfAnOlderLinkRevokesTheFamily) {
  std::string second = successor(refresh(token_.value));
  h_.clock().advance(10s);
  std::string third = successor(refresh(second));
  h_.clock().advance(10s);
  EXPECT_EQ(code_of(refresh(second)), Errc::InvalidGrant);
  EXPECT_EQ(code_of(refresh(third)), Errc::InvalidGrant);
}

TEST_F(RefreshTokenGrantTest, AnExpiredTokenIsRefused) {
  Issued token = h_.issue_refresh_token({}, 3600);
  h_.clock().advance(1h);
  EXPECT_EQ(code_of(refresh(token.value)), Errc::InvalidGrant);
  EXPECT_FALSE(h_.find_grant(token.grant_id)->revoked);
}

TEST_F(RefreshTokenGrantTest, AnotherClientsTokenIsRefusedWithoutSpendingIt) {
  EXPECT_EQ(code_of(refresh(request(token_.value), "other")), Errc::InvalidGrant);
  EXPECT_EQ(h_.find_refresh_token(token_.value)->consumed_at, 0);
  EXPECT_TRUE(refresh(token_.value));
}

TEST_F(RefreshTokenGrantTest, AnUnknownOrMissingTokenIsRefused) {
  EXPECT_EQ(code_of(refresh("never-issued")), Errc::InvalidGrant);
  EXPECT_EQ(code_of(refresh("")), Errc::InvalidRequest);
}

TEST_F(RefreshTokenGrantTest, ARevokedGrantsTokenIsRefused) {
  ASSERT_TRUE(
      h_.store().transact([&](storage::Tx& tx) { return tx.grants().revoke(token_.grant_id); }));
  EXPECT_EQ(code_of(refresh(token_.value)), Errc::InvalidGrant);
}

TEST_F(RefreshTokenGrantTest, ASuspendedUsersTokenIsRefused) {
  h_.suspend(token_.user_id);
  EXPECT_EQ(code_of(refresh(token_.value)), Errc::InvalidGrant);
}

TEST_F(RefreshTokenGrantTest, ANarrowerScopeIsIssuedAsAsked) {
  auto res = refresh(request(token_.value, {"openid"}));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->scope, "openid");
  EXPECT_TRUE(res->id_token);
  EXPECT_EQ(h_.find_access_token(res->access_token)->scope, "openid");
}

// Narrowing one response does not shrink the grant: the next refresh may ask for all of it.
TEST_F(RefreshTokenGrantTest, TheSuccessorOfANarrowedRefreshKeepsTheGrantsScope) {
  std::string next = successor(refresh(request(token_.value, {"profile"})));
  auto res = refresh(next);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->scope, "openid profile offline_access");
}

TEST_F(RefreshTokenGrantTest, AWiderScopeIsInvalidScopeAndLeavesTheTokenUnspent) {
  auto res = refresh(request(token_.value, {"openid", "email"}));
  EXPECT_EQ(code_of(res), Errc::InvalidScope);
  EXPECT_EQ(h_.find_refresh_token(token_.value)->consumed_at, 0);
  EXPECT_TRUE(refresh(token_.value));
}

TEST_F(RefreshTokenGrantTest, AGrantedResourceGetsAJwtAccessToken) {
  Issued token = h_.issue_refresh_token(
      {.scope = "openid read write offline_access", .resources = test::kApi});
  TokenRequest r = request(token.value, {"read"});
  r.resources = {test::kApi};
  auto res = refresh(r);
  ASSERT_TRUE(res) << res.error().description;
  EXPECT_EQ(res->scope, "read");
  auto claims = test::verified_payload(res->access_token);
  EXPECT_EQ(claims.at("aud").as_string(), test::kApi);
  EXPECT_EQ(claims.at("scope").as_string(), "read");
}

TEST_F(RefreshTokenGrantTest,
       AResourceTheGrantDoesNotCoverIsInvalidTargetAndLeavesTheTokenUnspent) {
  TokenRequest r = request(token_.value);
  r.resources = {test::kApi};
  EXPECT_EQ(code_of(refresh(r)), Errc::InvalidTarget);
  EXPECT_TRUE(refresh(token_.value));
}

}  // namespace
}  // namespace latch::oidc
