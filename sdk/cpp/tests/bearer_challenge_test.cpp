#include "latch/bearer_challenge.hpp"

#include <gtest/gtest.h>

namespace latch {
namespace {

const ChallengeOptions kBooks{.realm = "bookstore", .scopes = {"read:books"}};

TEST(BearerChallengeTest, InsufficientScopeIsA403NamingTheRequiredScopes) {
  Error error(Errc::insufficient_scope, "the token lacks the scope read:books");
  BearerChallenge c = bearer_challenge(error, kBooks);
  EXPECT_EQ(c.status, 403u);
  EXPECT_EQ(c.error, "insufficient_scope");
  EXPECT_EQ(c.description, "the token lacks the scope read:books");
  EXPECT_EQ(c.www_authenticate,
            "Bearer realm=\"bookstore\", error=\"insufficient_scope\", "
            "error_description=\"the token lacks the scope read:books\", scope=\"read:books\"");
}

TEST(BearerChallengeTest, SeveralRequiredScopesAreSpaceSeparatedInOneScopeAttribute) {
  Error error(Errc::insufficient_scope, "the token lacks the scope write:books");
  BearerChallenge c = bearer_challenge(error, {.scopes = {"read:books", "write:books"}});
  EXPECT_EQ(c.www_authenticate,
            "Bearer error=\"insufficient_scope\", error_description=\"the token lacks the scope "
            "write:books\", scope=\"read:books write:books\"");
}

TEST(BearerChallengeTest, InsufficientScopeWithoutScopesOmitsTheScopeAttribute) {
  BearerChallenge c = bearer_challenge(Error(Errc::insufficient_scope, "no"));
  EXPECT_EQ(c.status, 403u);
  EXPECT_EQ(c.www_authenticate, "Bearer error=\"insufficient_scope\", error_description=\"no\"");
}

TEST(BearerChallengeTest, ABadTokenOrAnotherAudienceIsA401InvalidTokenWithoutScope) {
  for (Errc code : {Errc::invalid_token, Errc::wrong_audience}) {
    BearerChallenge c = bearer_challenge(Error(code, "the token has expired"), kBooks);
    EXPECT_EQ(c.status, 401u) << errc_name(code);
    EXPECT_EQ(c.error, "invalid_token");
    EXPECT_EQ(c.www_authenticate,
              "Bearer realm=\"bookstore\", error=\"invalid_token\", "
              "error_description=\"the token has expired\"");
  }
}

TEST(BearerChallengeTest, LatchUnreachableIsA503WithoutAChallenge) {
  for (Errc code : {Errc::network, Errc::discovery_failed, Errc::unexpected_response}) {
    BearerChallenge c = bearer_challenge(Error(code, "cannot connect"), kBooks);
    EXPECT_EQ(c.status, 503u) << errc_name(code);
    EXPECT_EQ(c.error, "temporarily_unavailable");
    EXPECT_TRUE(c.www_authenticate.empty());
  }
}

TEST(BearerChallengeTest, NoCredentialsIsA401WithoutAnErrorCode) {
  BearerChallenge c = bearer_challenge_without_token(kBooks);
  EXPECT_EQ(c.status, 401u);
  EXPECT_EQ(c.error, "");
  EXPECT_EQ(c.www_authenticate, "Bearer realm=\"bookstore\"");
  EXPECT_EQ(bearer_challenge_without_token().www_authenticate, "Bearer");
}

TEST(BearerChallengeTest, QuotedValuesKeepOnlyTheCharactersRfc6750Allows) {
  Error error(Errc::invalid_token, "a \"quoted\" \\ line\nbreak \xc3\xa9");
  BearerChallenge c = bearer_challenge(error, {.realm = "r\"x"});
  EXPECT_EQ(c.www_authenticate,
            "Bearer realm=\"r?x\", error=\"invalid_token\", "
            "error_description=\"a ?quoted? ? line?break ??\"");
  EXPECT_EQ(c.description, error.what());  // the body may say it all: JSON escapes it
}

}  // namespace
}  // namespace latch
