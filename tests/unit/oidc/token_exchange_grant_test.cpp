// TokenExchangeGrant (RFC 8693 §2.1, §2.2) over a real store with a FakeClock: subject tokens
// expire and are spent once, refusals leave them unspent, actor tokens need openid, and the
// app must be allowed to exchange.
#include "oidc/grants/token_exchange_grant.hpp"

#include <gtest/gtest.h>

#include "crypto/hash.hpp"
#include "crypto/random.hpp"
#include "model/subject_token.hpp"
#include "oidc/grants/exchange_tokens.hpp"
#include "oidc/scope.hpp"
#include "support/result_testing.hpp"
#include "unit/oidc/grant_harness.hpp"

namespace latch::oidc {
namespace {

class TokenExchangeGrantTest : public ::testing::Test {
 protected:
  std::string new_user() {
    model::User user;
    user.id = crypto::random_id(12);
    user.username = "user_" + user.id;
    EXPECT_TRUE(h_.store().transact([&](storage::Tx& tx) { return tx.users().insert(user); }));
    return user.id;
  }
  // A subject token for `user_id`, good for 600 s from now.
  std::string subject_token(const std::string& user_id) {
    std::string value = "sub_" + crypto::random_token(16);
    std::int64_t now = h_.clock().now_seconds();
    model::SubjectToken row{.token_hash = crypto::token_hash(value),
                            .user_id = user_id,
                            .creator_id = "admin",
                            .created_at = now,
                            .expires_at = now + model::kSubjectTokenExpiresIn};
    EXPECT_TRUE(
        h_.store().transact([&](storage::Tx& tx) { return tx.subject_tokens().insert(row); }));
    return value;
  }
  TokenRequest request(const std::string& subject, const std::string& scope = "openid") {
    TokenRequest r;
    r.grant_type = std::string(kTokenExchangeGrantType);
    r.subject_token = subject;
    r.subject_token_type = std::string(kAccessTokenType);
    r.scope = parse_scope(scope).value();
    return r;
  }
  Result<TokenResponse> run(const TokenRequest& r, const std::string& client = "web") {
    return h_.run(grant_, client, r);
  }
  static Errc code_of(const Result<TokenResponse>& r) { return r ? Errc::Ok : r.error().code; }

  test::GrantHarness h_;
  TokenExchangeGrant grant_{h_.store(), h_.tokens(), test::test_signing_keys()};
};

TEST_F(TokenExchangeGrantTest, AnAppThatMayNotExchangeIsUnauthorized) {
  EXPECT_EQ(code_of(run(request(subject_token(new_user())), "other")), Errc::UnauthorizedClient);
}

TEST_F(TokenExchangeGrantTest, ASubjectTokenIsGoodForTenMinutes) {
  std::string user = new_user();
  std::string fresh = subject_token(user), stale = subject_token(user);
  h_.clock().advance(std::chrono::seconds(599));
  auto issued = run(request(fresh, "openid profile"));
  ASSERT_TRUE(issued) << issued.error().description;
  EXPECT_EQ(issued->scope, "openid profile");
  EXPECT_EQ(issued->issued_token_type, std::string(kAccessTokenType));
  EXPECT_FALSE(issued->refresh_token);
  EXPECT_FALSE(issued->id_token);
  auto stored = h_.find_access_token(issued->access_token);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->user_id, user);
  EXPECT_EQ(stored->client_id, "web");
  h_.clock().advance(std::chrono::seconds(1));
  auto late = run(request(stale));
  EXPECT_EQ(code_of(late), Errc::InvalidGrant);
  EXPECT_EQ(late.error().description, "subject token is expired");
}

TEST_F(TokenExchangeGrantTest, ARefusalLeavesTheSubjectTokenUnspentAndASuccessSpendsIt) {
  std::string token = subject_token(new_user());
  TokenRequest unknown_api = request(token, "read");
  unknown_api.resources = {"https://nowhere.example"};
  EXPECT_EQ(code_of(run(unknown_api)), Errc::InvalidTarget);
  TokenRequest api = request(token, "read write delete");
  api.resources = {test::kApi};
  auto issued = run(api);
  ASSERT_TRUE(issued) << issued.error().description;
  auto claims = test::verified_payload(issued->access_token);
  EXPECT_EQ(claims.at("scope").as_string(), "read write");
  EXPECT_EQ(claims.at("aud").as_string(), test::kApi);
  auto again = run(api);
  EXPECT_EQ(code_of(again), Errc::InvalidGrant);
  EXPECT_EQ(again.error().description, "subject token is already consumed");
}

TEST_F(TokenExchangeGrantTest, ASuspendedUserCannotBeImpersonated) {
  std::string user = new_user();
  std::string token = subject_token(user);
  h_.suspend(user);
  EXPECT_EQ(code_of(run(request(token))), Errc::InvalidGrant);
}

TEST_F(TokenExchangeGrantTest, AnOpaqueSubjectBoundsTheScopesAndAnActorNeedsOpenid) {
  test::Issued refresh = h_.issue_refresh_token({.client_id = "web", .scope = "openid profile"});
  // The user's opaque access token, as the code flow stores it.
  std::string access = crypto::random_token(32);
  std::int64_t now = h_.clock().now_seconds();
  model::OpaqueAccessToken stored{crypto::token_hash(access),
                                  refresh.grant_id,
                                  "web",
                                  refresh.user_id,
                                  "profile",
                                  now,
                                  now + 3600};
  ASSERT_TRUE(
      h_.store().transact([&](storage::Tx& tx) { return tx.access_tokens().insert(stored); }));
  auto wider = run(request(access, "openid profile"));
  EXPECT_EQ(code_of(wider), Errc::InvalidScope);
  TokenRequest by_actor = request(subject_token(new_user()), "profile");
  by_actor.actor_token = access;  // no openid scope
  by_actor.actor_token_type = std::string(kAccessTokenType);
  auto refused = run(by_actor);
  EXPECT_EQ(code_of(refused), Errc::InvalidGrant);
  EXPECT_EQ(refused.error().description, "actor token must have openid scope");
  TokenRequest narrow = request(access, "profile");
  narrow.scope.reset();  // the subject's scopes
  auto issued = run(narrow);
  ASSERT_TRUE(issued) << issued.error().description;
  EXPECT_EQ(issued->scope, "profile");
}

}  // namespace
}  // namespace latch::oidc
