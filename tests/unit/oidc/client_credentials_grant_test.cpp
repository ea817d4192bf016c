#include "oidc/grants/client_credentials_grant.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "crypto/aead.hpp"
#include "crypto/jws.hpp"
#include "http/form.hpp"
#include "oidc/key_store.hpp"
#include "storage/store.hpp"
#include "support/fake_clock.hpp"
#include "support/result_testing.hpp"
#include "unit/oidc/grant_harness.hpp"

namespace latch::oidc {
namespace {

using namespace std::chrono_literals;

model::Resource resource(std::string id, std::string indicator, std::vector<std::string> scopes,
                         model::ResourceAccess access = model::ResourceAccess::AllApps) {
  model::Resource r;
  r.id = std::move(id);
  r.indicator = std::move(indicator);
  r.access = access;
  for (auto& name : scopes) r.scopes.push_back({.resource_id = r.id, .name = std::move(name)});
  return r;
}

class ClientCredentialsGrantTest : public ::testing::Test {
 protected:
  ClientCredentialsGrantTest() {
    config_.endpoint = "https://id.example.test";
    add_client("m2m", model::AppType::MachineToMachine);
    add_client("web", model::AppType::Traditional);
    add_resource(resource("r1", "https://orders.test", {"read", "write"}));
    add_resource(resource("r2", "https://admin.test", {"a", "b"}, model::ResourceAccess::Granted));
    model::Resource short_lived = resource("r3", "https://short.test", {"ping"});
    short_lived.access_token_ttl = 600;
    add_resource(std::move(short_lived));
  }

  void add_client(const std::string& id, model::AppType type) {
    ClientEntry entry;
    entry.app.id = id;
    entry.app.type = type;
    entry.secret_sha256 = "unused";
    catalog_.clients.emplace(id, std::move(entry));
  }
  void add_resource(model::Resource r) {
    std::string indicator = r.indicator;
    catalog_.resources.emplace(indicator, std::move(r));
  }

  Result<TokenResponse> handle(const std::string& client_id, const std::string& body) {
    auto params = http::parse_form(body);
    EXPECT_TRUE(params);
    auto request = parse_token_request(*params);
    if (!request) return request.error();
    AuthenticatedClient client{catalog_.client(client_id), ClientAuthMethod::SecretBasic};
    TokenService tokens(config_, test::test_signing_keys(), clock_);
    ClientCredentialsGrant grant(tokens);
    return grant.handle(GrantContext{*request, client, catalog_});
  }

  // The verified payload of a successful response's access token.
  boost::json::object payload(const Result<TokenResponse>& res) {
    if (!res) {
      ADD_FAILURE() << res.error().description;
      return {};
    }
    auto snapshot = test::test_signing_keys().snapshot();
    auto verified = crypto::verify_jwt(
        res->access_token, [&](std::string_view kid) { return snapshot->verifier(kid); });
    if (!verified) {
      ADD_FAILURE() << verified.error().description;
      return {};
    }
    EXPECT_EQ(verified->header.at("typ").as_string(), "at+jwt");
    return verified->payload;
  }

  static Errc code_of(const Result<TokenResponse>& r) { return r ? Errc::Ok : r.error().code; }

  Config config_;
  test::FakeClock clock_;
  CatalogSnapshot catalog_;
};

TEST_F(ClientCredentialsGrantTest, IssuesAJwtForTheRequestedResource) {
  boost::json::object claims =
      payload(handle("m2m", "grant_type=client_credentials&resource=https%3A%2F%2Forders.test"));
  EXPECT_EQ(claims.at("iss").as_string(), "https://id.example.test/oidc");
  EXPECT_EQ(claims.at("aud").as_string(), "https://orders.test");
  EXPECT_EQ(claims.at("sub").as_string(), "m2m");
  EXPECT_EQ(claims.at("client_id").as_string(), "m2m");
}

TEST_F(ClientCredentialsGrantTest, TokenTimesComeFromTheClock) {
  boost::json::object claims =
      payload(handle("m2m", "grant_type=client_credentials&resource=https://orders.test"));
  EXPECT_EQ(claims.at("iat").as_int64(), clock_.now_seconds());
  EXPECT_EQ(claims.at("exp").as_int64(), clock_.now_seconds() + 3600);
}

TEST_F(ClientCredentialsGrantTest, LifetimeIsTheResourceTtl) {
  auto res = handle("m2m", "grant_type=client_credentials&resource=https://short.test");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->expires_in, 600);
  boost::json::object claims = payload(res);
  EXPECT_EQ(claims.at("exp").as_int64() - claims.at("iat").as_int64(), 600);
}

TEST_F(ClientCredentialsGrantTest, WithoutScopeEveryScopeOfAnOpenResourceIsIssued) {
  auto res = handle("m2m", "grant_type=client_credentials&resource=https://orders.test");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->scope, "read write");
  EXPECT_EQ(payload(res).at("scope").as_string(), "read write");
}

TEST_F(ClientCredentialsGrantTest, RequestedScopesAreIssuedInRequestOrder) {
  auto res =
      handle("m2m", "grant_type=client_credentials&scope=write+read&resource=https://orders.test");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->scope, "write read");
}

TEST_F(ClientCredentialsGrantTest, UndefinedScopeIsInvalidScope) {
  auto res =
      handle("m2m", "grant_type=client_credentials&scope=read+drop&resource=https://orders.test");
  EXPECT_EQ(code_of(res), Errc::InvalidScope);
}

TEST_F(ClientCredentialsGrantTest, MalformedScopeIsInvalidScope) {
  auto res =
      handle("m2m", "grant_type=client_credentials&scope=re%22ad&resource=https://orders.test");
  EXPECT_EQ(code_of(res), Errc::InvalidScope);
}

TEST_F(ClientCredentialsGrantTest, NonMachineToMachineAppIsUnauthorizedClient) {
  auto res = handle("web", "grant_type=client_credentials&resource=https://orders.test");
  EXPECT_EQ(code_of(res), Errc::UnauthorizedClient);
}

TEST_F(ClientCredentialsGrantTest, UnknownResourceIsInvalidTarget) {
  auto res = handle("m2m", "grant_type=client_credentials&resource=https://unknown.test");
  EXPECT_EQ(code_of(res), Errc::InvalidTarget);
}

TEST_F(ClientCredentialsGrantTest, TwoResourcesAreInvalidTarget) {
  auto res = handle("m2m",
                    "grant_type=client_credentials&resource=https://orders.test"
                    "&resource=https://short.test");
  EXPECT_EQ(code_of(res), Errc::InvalidTarget);
}

TEST_F(ClientCredentialsGrantTest, SameResourceTwiceCountsOnce) {
  auto res = handle("m2m",
                    "grant_type=client_credentials&resource=https://orders.test"
                    "&resource=https://orders.test");
  EXPECT_EQ(code_of(res), Errc::Ok);
}

TEST_F(ClientCredentialsGrantTest, NoResourceAndNoDefaultIsInvalidTarget) {
  EXPECT_EQ(code_of(handle("m2m", "grant_type=client_credentials")), Errc::InvalidTarget);
}

TEST_F(ClientCredentialsGrantTest, NoResourceMeansTheDefaultResource) {
  catalog_.default_resource = catalog_.resource("https://short.test");
  boost::json::object claims = payload(handle("m2m", "grant_type=client_credentials"));
  EXPECT_EQ(claims.at("aud").as_string(), "https://short.test");
}

TEST_F(ClientCredentialsGrantTest, RestrictedResourceWithoutGrantIsInvalidTarget) {
  auto res = handle("m2m", "grant_type=client_credentials&resource=https://admin.test");
  EXPECT_EQ(code_of(res), Errc::InvalidTarget);
}

TEST_F(ClientCredentialsGrantTest, RestrictedResourceIssuesOnlyGrantedScopes) {
  catalog_.clients.at("m2m").grants["r2"] = {"b"};
  auto res = handle("m2m", "grant_type=client_credentials&resource=https://admin.test");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->scope, "b");
}

TEST_F(ClientCredentialsGrantTest, RestrictedResourceNarrowsRequestedScopesToGrantedOnes) {
  catalog_.clients.at("m2m").grants["r2"] = {"b"};
  auto res = handle("m2m", "grant_type=client_credentials&scope=a+b&resource=https://admin.test");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->scope, "b");
}

TEST_F(ClientCredentialsGrantTest, GrantForAnotherResourceDoesNotOpenARestrictedOne) {
  catalog_.clients.at("m2m").grants["r1"] = {"read"};
  auto res = handle("m2m", "grant_type=client_credentials&resource=https://admin.test");
  EXPECT_EQ(code_of(res), Errc::InvalidTarget);
}

TEST(TokenServiceTest, WithoutSigningKeysTokensAreUnavailable) {
  crypto::SecretBox secrets(std::string(32, 'k'));
  KeyStore empty(secrets);
  Config config;
  test::FakeClock clock;
  TokenService tokens(config, empty, clock);
  auto token = tokens.jwt_access_token({.subject = "s", .client_id = "c", .audience = "a"});
  ASSERT_FALSE(token);
  EXPECT_EQ(token.error().code, Errc::Unavailable);
}

}  // namespace
}  // namespace latch::oidc
