// AuthorizationCodeGrant (RFC 6749 §4.1.3, RFC 7636 §4.6, RFC 8707, RFC 9700 §4.2.4) over a
// real store: a code is redeemed once by the client it was issued to, with its redirect URI and
// PKCE verifier, before it expires; a replay revokes what the grant issued.
#include "oidc/grants/authorization_code_grant.hpp"

#include <gtest/gtest.h>

#include "support/result_testing.hpp"
#include "unit/oidc/grant_harness.hpp"

namespace latch::oidc {
namespace {

using namespace std::chrono_literals;
using test::CodeSpec;
using test::Issued;

class AuthorizationCodeGrantTest : public ::testing::Test {
 protected:
  // The token request for `code` as the client sends it.
  static TokenRequest request(const std::string& code, const std::string& verifier = "") {
    TokenRequest r;
    r.grant_type = "authorization_code";
    r.code = code;
    r.redirect_uri = test::kCallback;
    r.code_verifier = verifier;
    return r;
  }
  Result<TokenResponse> redeem(const TokenRequest& r, const std::string& client = "web") {
    return h_.run(grant_, client, r);
  }
  Result<TokenResponse> redeem(const Issued& code, const std::string& client = "web") {
    return redeem(request(code.value), client);
  }
  static Errc code_of(const Result<TokenResponse>& r) { return r ? Errc::Ok : r.error().code; }

  test::GrantHarness h_;
  AuthorizationCodeGrant grant_{h_.store(), h_.tokens()};
};

TEST_F(AuthorizationCodeGrantTest, ACodeBuysAnIdTokenAndAnOpaqueAccessToken) {
  Issued code = h_.issue_code();
  auto res = redeem(code);
  ASSERT_TRUE(res) << res.error().description;
  EXPECT_EQ(res->scope, "openid profile");
  EXPECT_EQ(res->expires_in, 3600);
  EXPECT_FALSE(res->refresh_token);
  auto stored = h_.find_access_token(res->access_token);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->grant_id, code.grant_id);
  ASSERT_TRUE(res->id_token);
  auto id = test::verified_payload(*res->id_token);
  EXPECT_EQ(id.at("iss").as_string(), "https://id.example/oidc");
  EXPECT_EQ(id.at("sub").as_string(), code.user_id);
  EXPECT_EQ(id.at("aud").as_string(), "web");
  EXPECT_EQ(id.at("nonce").as_string(), "n-0S6");
  EXPECT_EQ(id.at("auth_time").as_int64(), 1'699'999'000);
  EXPECT_EQ(id.at("iat").as_int64(), h_.clock().now_seconds());
  EXPECT_EQ(id.at("at_hash").as_string(), at_hash(crypto::JwsAlg::ES256, res->access_token));
}

TEST_F(AuthorizationCodeGrantTest, WithoutOpenidThereIsNoIdToken) {
  auto res = redeem(h_.issue_code({.grant = {.scope = "profile"}}));
  ASSERT_TRUE(res);
  EXPECT_FALSE(res->id_token);
}

TEST_F(AuthorizationCodeGrantTest, OfflineAccessAddsARefreshTokenThatLivesAsLongAsTheGrant) {
  Issued code = h_.issue_code({.grant = {.scope = "openid offline_access"}});
  auto res = redeem(code);
  ASSERT_TRUE(res);
  ASSERT_TRUE(res->refresh_token);
  auto stored = h_.find_refresh_token(*res->refresh_token);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->grant_id, code.grant_id);
  EXPECT_EQ(stored->expires_at, h_.find_grant(code.grant_id)->expires_at);
  EXPECT_EQ(stored->scope, "openid offline_access");
}

TEST_F(AuthorizationCodeGrantTest, ACodeIsRedeemedOnlyOnce) {
  Issued code = h_.issue_code();
  ASSERT_TRUE(redeem(code));
  auto again = redeem(code);
  EXPECT_EQ(code_of(again), Errc::InvalidGrant);
}

// RFC 9700 §4.2.4: the replay may be an attacker's; what the first redemption issued goes.
TEST_F(AuthorizationCodeGrantTest, ASecondUseRevokesTheGrantAndItsTokens) {
  Issued code = h_.issue_code({.grant = {.scope = "openid offline_access"}});
  auto first = redeem(code);
  ASSERT_TRUE(first);
  ASSERT_FALSE(redeem(code));
  EXPECT_TRUE(h_.find_grant(code.grant_id)->revoked);
  EXPECT_FALSE(h_.find_access_token(first->access_token));
  EXPECT_FALSE(h_.find_refresh_token(*first->refresh_token));
}

TEST_F(AuthorizationCodeGrantTest, AnotherClientsCodeIsRefusedWithoutSpendingIt) {
  Issued code = h_.issue_code();
  auto stolen = redeem(code, "other");
  EXPECT_EQ(code_of(stolen), Errc::InvalidGrant);
  EXPECT_FALSE(h_.find_grant(code.grant_id)->revoked);
  EXPECT_TRUE(redeem(code));
}

TEST_F(AuthorizationCodeGrantTest, AnUnknownCodeIsInvalidGrant) {
  EXPECT_EQ(code_of(redeem(request("never-issued"))), Errc::InvalidGrant);
}

TEST_F(AuthorizationCodeGrantTest, AMissingCodeOrRedirectUriIsInvalidRequest) {
  Issued code = h_.issue_code();
  EXPECT_EQ(code_of(redeem(request(""))), Errc::InvalidRequest);
  TokenRequest no_redirect = request(code.value);
  no_redirect.redirect_uri.clear();
  EXPECT_EQ(code_of(redeem(no_redirect)), Errc::InvalidRequest);
  EXPECT_TRUE(redeem(code));  // neither spent it
}

TEST_F(AuthorizationCodeGrantTest, ARedirectUriOtherThanTheAuthorizationRequestsIsRefused) {
  Issued code = h_.issue_code();
  TokenRequest r = request(code.value);
  r.redirect_uri = "https://app.example/callback/";
  auto res = redeem(r);
  EXPECT_EQ(code_of(res), Errc::InvalidGrant);
  EXPECT_NE(res.error().description.find("redirect_uri"), std::string::npos);
}

TEST_F(AuthorizationCodeGrantTest, ACodeExpiresAfterItsLifetime) {
  Issued code = h_.issue_code({.expires_in = 60});
  h_.clock().advance(60s);
  EXPECT_EQ(code_of(redeem(code)), Errc::InvalidGrant);
}

TEST_F(AuthorizationCodeGrantTest, ACodeIsGoodUntilItsLastSecond) {
  Issued code = h_.issue_code({.expires_in = 60});
  h_.clock().advance(59s);
  EXPECT_TRUE(redeem(code));
}

TEST_F(AuthorizationCodeGrantTest, PkceTheRightVerifierRedeemsTheCode) {
  Issued code = h_.issue_code({.grant = {.client_id = "spa"}, .code_challenge = test::kChallenge});
  auto res = redeem(request(code.value, test::kVerifier), "spa");
  EXPECT_TRUE(res) << res.error().description;
}

TEST_F(AuthorizationCodeGrantTest, PkceAMissingVerifierIsRefused) {
  Issued code = h_.issue_code({.grant = {.client_id = "spa"}, .code_challenge = test::kChallenge});
  EXPECT_EQ(code_of(redeem(request(code.value), "spa")), Errc::InvalidGrant);
}

// A failed check still spends the code: whoever holds a stolen code gets one guess.
TEST_F(AuthorizationCodeGrantTest, PkceAWrongVerifierSpendsTheCode) {
  Issued code = h_.issue_code({.grant = {.client_id = "spa"}, .code_challenge = test::kChallenge});
  std::string wrong(43, 'a');
  EXPECT_EQ(code_of(redeem(request(code.value, wrong), "spa")), Errc::InvalidGrant);
  EXPECT_EQ(code_of(redeem(request(code.value, test::kVerifier), "spa")), Errc::InvalidGrant);
  EXPECT_TRUE(h_.find_grant(code.grant_id)->revoked);
}

TEST_F(AuthorizationCodeGrantTest, PkceAMalformedVerifierIsRefused) {
  Issued code = h_.issue_code({.grant = {.client_id = "spa"}, .code_challenge = test::kChallenge});
  EXPECT_EQ(code_of(redeem(request(code.value, "short"), "spa")), Errc::InvalidGrant);
}

// RFC 9700 §4.8.2: a verifier for a code issued without a challenge is a downgrade attempt.
TEST_F(AuthorizationCodeGrantTest, PkceAVerifierWithoutAChallengeIsRefused) {
  Issued code = h_.issue_code();
  EXPECT_EQ(code_of(redeem(request(code.value, test::kVerifier))), Errc::InvalidGrant);
}

// RFC 9449 §10: a code bound to a DPoP key (dpop_jkt) is redeemed only with a proof by that key;
// a request without one, or with another key's, spends the code.
constexpr std::string_view kBoundJkt = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";

TEST_F(AuthorizationCodeGrantTest, ACodeBoundToADpopKeyIsRedeemedWithThatKeysProof) {
  Issued code = h_.issue_code({.dpop_jkt = std::string(kBoundJkt)});
  TokenRequest r = request(code.value);
  r.dpop_jkt = kBoundJkt;
  auto res = redeem(r);
  ASSERT_TRUE(res) << res.error().description;
  EXPECT_EQ(res->token_type, "DPoP");
}

TEST_F(AuthorizationCodeGrantTest, ACodeBoundToADpopKeyNeedsAProof) {
  Issued code = h_.issue_code({.dpop_jkt = std::string(kBoundJkt)});
  auto res = redeem(request(code.value));
  ASSERT_FALSE(res);
  EXPECT_EQ(res.error().code, Errc::InvalidGrant);
  EXPECT_NE(res.error().description.find("DPoP"), std::string::npos);
  TokenRequest r = request(code.value);
  r.dpop_jkt = kBoundJkt;
  EXPECT_EQ(code_of(redeem(r)), Errc::InvalidGrant) << "the failed try spent the code";
}

TEST_F(AuthorizationCodeGrantTest, ACodeBoundToADpopKeyRefusesAnotherKeysProof) {
  Issued code = h_.issue_code({.dpop_jkt = std::string(kBoundJkt)});
  TokenRequest r = request(code.value);
  r.dpop_jkt = std::string(43, 'x');
  auto res = redeem(r);
  ASSERT_FALSE(res);
  EXPECT_EQ(res.error().code, Errc::InvalidGrant);
  EXPECT_NE(res.error().description.find("bound to"), std::string::npos);
}

TEST_F(AuthorizationCodeGrantTest, AGrantedResourceGetsAJwtAccessTokenWithItsScopes) {
  Issued code =
      h_.issue_code({.grant = {.scope = "openid read offline_access", .resources = test::kApi}});
  TokenRequest r = request(code.value);
  r.resources = {test::kApi};
  auto res = redeem(r);
  ASSERT_TRUE(res) << res.error().description;
  EXPECT_EQ(res->scope, "read");
  auto claims = test::verified_payload(res->access_token);
  EXPECT_EQ(claims.at("aud").as_string(), test::kApi);
  EXPECT_EQ(claims.at("sub").as_string(), code.user_id);
  EXPECT_EQ(claims.at("scope").as_string(), "read");
  EXPECT_FALSE(h_.find_access_token(res->access_token));  // a JWT is not stored
}

TEST_F(AuthorizationCodeGrantTest, AResourceTheGrantDoesNotCoverIsInvalidTarget) {
  Issued code = h_.issue_code();
  TokenRequest r = request(code.value);
  r.resources = {test::kApi};
  EXPECT_EQ(code_of(redeem(r)), Errc::InvalidTarget);
}

TEST_F(AuthorizationCodeGrantTest, OneResourceAtATime) {
  Issued code =
      h_.issue_code({.grant = {.resources = std::string(test::kApi) + " https://b.example"}});
  TokenRequest r = request(code.value);
  r.resources = {test::kApi, "https://b.example"};
  EXPECT_EQ(code_of(redeem(r)), Errc::InvalidTarget);
}

TEST_F(AuthorizationCodeGrantTest, AResourceDeletedSinceTheAuthorizationIsInvalidTarget) {
  Issued code = h_.issue_code({.grant = {.resources = test::kApi}});
  h_.catalog().resources.clear();
  TokenRequest r = request(code.value);
  r.resources = {test::kApi};
  EXPECT_EQ(code_of(redeem(r)), Errc::InvalidTarget);
}

TEST_F(AuthorizationCodeGrantTest, ASuspendedUsersCodeIsRefused) {
  Issued code = h_.issue_code();
  h_.suspend(code.user_id);
  EXPECT_EQ(code_of(redeem(code)), Errc::InvalidGrant);
}

TEST_F(AuthorizationCodeGrantTest, AnExpiredGrantsCodeIsRefused) {
  Issued code = h_.issue_code({.grant = {.expires_in = 30}});
  h_.clock().advance(30s);
  EXPECT_EQ(code_of(redeem(code)), Errc::InvalidGrant);
}

}  // namespace
}  // namespace latch::oidc
