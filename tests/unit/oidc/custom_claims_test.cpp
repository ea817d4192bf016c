// Custom JWT claims on client credentials and user tokens (oidc/custom_claims.hpp) with the real
// script engine: what a script returns joins the token, reserved claims stay the issuer's, a
// denial refuses the token, and a failing script adds nothing unless it blocks issuance. A user
// token's script runs after the grant's transaction.
#include "oidc/custom_claims.hpp"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "http/form.hpp"
#include "oidc/grants/client_credentials_grant.hpp"
#include "oidc/user_token_issuer.hpp"
#include "support/fake_clock.hpp"
#include "support/result_testing.hpp"
#include "unit/oidc/grant_harness.hpp"

namespace latch::oidc {
namespace {

namespace json = boost::json;

class CustomClaimsTest : public ::testing::Test {
 protected:
  CustomClaimsTest() {
    config_.endpoint = "https://id.example.test";
    ClientEntry entry;
    entry.app = {.id = "m2m", .name = "Robot", .type = model::AppType::MachineToMachine};
    entry.app.custom_data_json = R"({"tier":"gold"})";
    model::Resource api{.id = "r1", .indicator = "https://orders.test"};
    api.scopes.push_back({.id = "r1-read", .resource_id = "r1", .name = "read"});
    model::Role role{.id = "role1", .name = "role1", .type = model::RoleType::MachineToMachine};
    (h_.store().transact([&](storage::Tx& tx) -> Result<void> {
      if (auto r = tx.applications().insert(entry.app); !r) return r;
      if (auto r = tx.resources().insert(api); !r) return r;
      if (auto r = tx.roles().insert(role); !r) return r;
      if (auto r = tx.roles().add_scopes("role1", {"r1-read"}); !r) return r;
      return tx.roles().assign_application("role1", "m2m", 1);
    })).value();
    h_.catalog().clients.emplace("m2m", std::move(entry));
    h_.catalog().resources.emplace(api.indicator, std::move(api));
  }

  void store_script(const std::string& config) {
    (h_.store().transact([&](storage::Tx& tx) {
      return tx.jwt_customizers().put({"client-credentials", config, 1});
    })).value();
  }

  Result<TokenResponse> issue() {
    auto params =
        http::parse_form("grant_type=client_credentials&resource=https%3A%2F%2Forders.test");
    auto request = parse_token_request(*params);
    h_.reload_issuance_rules();  // as the server does after each commit
    AuthenticatedClient client{h_.catalog().client("m2m"), ClientAuthMethod::SecretBasic, {}};
    TokenService tokens(config_, test::test_signing_keys(), clock_, &customizer_);
    ClientCredentialsGrant grant(h_.store(), tokens);
    return grant.handle(GrantContext{*request, client, h_.catalog()});
  }

  test::GrantHarness h_;
  Config config_;
  test::FakeClock clock_;
  std::unique_ptr<script::Runner> runner_ = script::make_spidermonkey_runner();
  ClaimsCustomizer customizer_{*runner_, script::Limits{}};
};

TEST(ReservedClaimsTest, TheIssuersClaimsAreReservedAndOthersAreNot) {
  for (std::string_view name : {"iss", "sub", "aud", "exp", "iat", "jti", "scope", "client_id",
                                "cnf", "act", "sid", "organization_id"}) {
    EXPECT_TRUE(is_reserved_claim(name)) << name;
  }
  for (std::string_view name : {"plan", "roles", "email", "tenant"}) {
    EXPECT_FALSE(is_reserved_claim(name)) << name;
  }
}

TEST_F(CustomClaimsTest, WhatTheScriptReturnsJoinsTheTokenButReservedClaimsDoNot) {
  json::object config{{"script", R"(const getCustomJwtClaims = async ({ token, context }) => ({
      tier: context.application.customData.tier, seen: token.scope, sub: 'evil',
      scope: 'everything', organization_id: 'org', cnf: { jkt: 'x' } });)"}};
  store_script(json::serialize(config));
  auto issued = issue();
  ASSERT_TRUE(issued) << issued.error().description;
  json::object claims = test::verified_payload(issued->access_token);
  EXPECT_EQ(claims.at("tier").as_string(), "gold");
  EXPECT_EQ(claims.at("seen").as_string(), "read");
  EXPECT_EQ(claims.at("sub").as_string(), "m2m");
  EXPECT_EQ(claims.at("scope").as_string(), "read");
  EXPECT_FALSE(claims.contains("organization_id"));
  EXPECT_FALSE(claims.contains("cnf"));
}

TEST_F(CustomClaimsTest, DenyAccessRefusesTheToken) {
  store_script(
      R"({"script": "const getCustomJwtClaims = ({ api }) => api.denyAccess('closed');"})");
  auto issued = issue();
  ASSERT_FALSE(issued);
  EXPECT_EQ(issued.error().code, Errc::DeviceAccessDenied);
  EXPECT_EQ(issued.error().description, "closed");
}

TEST_F(CustomClaimsTest, AFailingScriptAddsNothingUnlessItBlocksIssuance) {
  store_script(R"({"script": "const getCustomJwtClaims = () => { throw new Error('x'); };"})");
  auto issued = issue();
  ASSERT_TRUE(issued) << issued.error().description;
  EXPECT_EQ(test::verified_payload(issued->access_token).at("sub").as_string(), "m2m");

  store_script(
      R"({"script": "const getCustomJwtClaims = () => 5;", "blockIssuanceOnError": true})");
  auto blocked = issue();
  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error().code, Errc::InvalidRequest);
}

TEST_F(CustomClaimsTest, WithoutAStoredScriptTheTokenIsUnchanged) {
  auto issued = issue();
  ASSERT_TRUE(issued) << issued.error().description;
  EXPECT_FALSE(test::verified_payload(issued->access_token).contains("tier"));
}

// A user's token: issue() prepares the script's run inside the grant's transaction, finish()
// runs it after the commit.
class UserTokenClaimsTest : public ::testing::Test {
 protected:
  void store_script(const std::string& config) {
    (h_.store().transact([&](storage::Tx& tx) {
      return tx.jwt_customizers().put({"access-token", config, 1});
    })).value();
  }
  // Tokens for the API with a refresh token, for a new grant of "web": issue() in a transaction
  // of its own, as a grant runs it.
  PendingUserTokens issue() {
    test::Issued code = h_.issue_code(
        {.grant = {.scope = "openid api-read offline_access", .resources = test::kApi}});
    auto grant = h_.find_grant(code.grant_id);
    EXPECT_TRUE(grant);
    std::optional<PendingUserTokens> out;
    (h_.store().transact([&](storage::Tx& tx) -> Result<void> {
      auto user = tx.users().find(code.user_id);
      if (!user) return user.error();
      auto issued = issuer_.issue(tx, {.grant = *grant,
                                       .user = **user,
                                       .client = *h_.catalog().client("web"),
                                       .scopes = {"openid", "api-read", "offline_access"},
                                       .resource = h_.catalog().resource(test::kApi),
                                       .refresh_expires_at = h_.clock().now_seconds() + 3600});
      if (!issued) return issued.error();
      out = std::move(*issued);
      return ok();
    })).value();
    return std::move(*out);
  }

  test::GrantHarness h_;
  std::unique_ptr<script::Runner> runner_ = script::make_spidermonkey_runner();
  ClaimsCustomizer customizer_{*runner_, script::Limits{}};
  TokenService tokens_{h_.config(), test::test_signing_keys(), h_.clock(), &customizer_};
  UserTokenIssuer issuer_{tokens_};
};

TEST_F(UserTokenClaimsTest, TheScriptRunsAfterTheTransactionAndItsClaimsAreSigned) {
  store_script(R"({"script": "const getCustomJwtClaims = ({ token }) => ({ seen: token.aud });"})");
  PendingUserTokens pending = issue();
  ASSERT_TRUE(pending.claims_script) << "prepared inside the transaction";
  EXPECT_TRUE(pending.response.access_token.empty()) << "nothing is signed yet";
  auto finished = issuer_.finish(h_.store(), std::move(pending));
  ASSERT_TRUE(finished) << finished.error().description;
  EXPECT_EQ(test::verified_payload(finished->access_token).at("seen").as_string(), test::kApi);
  ASSERT_TRUE(finished->id_token);
  EXPECT_EQ(test::verified_payload(*finished->id_token).at("at_hash").as_string(),
            at_hash(crypto::JwsAlg::ES256, finished->access_token));
}

TEST_F(UserTokenClaimsTest, ADenialWithdrawsTheRefreshTokenTheGrantMade) {
  store_script(
      R"({"script": "const getCustomJwtClaims = ({ api }) => api.denyAccess('closed');"})");
  PendingUserTokens pending = issue();
  std::string refresh = pending.response.refresh_token.value_or("");
  ASSERT_TRUE(h_.find_refresh_token(refresh)) << "stored in the grant's transaction";
  auto finished = issuer_.finish(h_.store(), std::move(pending));
  ASSERT_FALSE(finished);
  EXPECT_EQ(finished.error().code, Errc::DeviceAccessDenied);
  EXPECT_FALSE(h_.find_refresh_token(refresh)) << "nobody holds it: it goes";
}

}  // namespace
}  // namespace latch::oidc
