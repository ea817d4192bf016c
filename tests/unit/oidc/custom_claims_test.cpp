// Custom JWT claims on client credentials tokens (oidc/custom_claims.hpp) with the real script
// engine: what a script returns joins the token, reserved claims stay the issuer's, a denial
// refuses the token, and a failing script adds nothing unless it blocks issuance.
#include "oidc/custom_claims.hpp"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "http/form.hpp"
#include "oidc/grants/client_credentials_grant.hpp"
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
    AuthenticatedClient client{h_.catalog().client("m2m"), ClientAuthMethod::SecretBasic};
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

}  // namespace
}  // namespace latch::oidc
