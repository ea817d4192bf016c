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

// Scope ids are "<resource id>-<name>".
model::Resource resource(std::string id, std::string indicator, std::vector<std::string> scopes) {
  model::Resource r;
  r.id = std::move(id);
  r.indicator = std::move(indicator);
  for (auto& name : scopes) {
    r.scopes.push_back({.id = r.id + "-" + name, .resource_id = r.id, .name = std::move(name)});
  }
  return r;
}

class ClientCredentialsGrantTest : public ::testing::Test {
 protected:
  ClientCredentialsGrantTest() {
    config_.endpoint = "https://id.example.test";
    add_client("m2m", model::AppType::MachineToMachine);
    add_resource(resource("r1", "https://orders.test", {"read", "write"}));
    add_resource(resource("r2", "https://admin.test", {"a", "b"}));
    model::Resource short_lived = resource("r3", "https://short.test", {"ping"});
    short_lived.access_token_ttl = 600;
    add_resource(std::move(short_lived));
  }

  // In the catalog and in the database, where the roles refer to it.
  void add_client(const std::string& id, model::AppType type) {
    ClientEntry entry;
    entry.app.id = id;
    entry.app.name = id;
    entry.app.type = type;
    entry.secrets.push_back({"Default secret", "unused", {}, {}});
    (h_.store().transact([&](storage::Tx& tx) {
      return tx.applications().insert(entry.app);
    })).value();
    h_.catalog().clients.emplace(id, std::move(entry));
  }
  void add_resource(model::Resource r) {
    (h_.store().transact([&](storage::Tx& tx) { return tx.resources().insert(r); })).value();
    std::string indicator = r.indicator;
    h_.catalog().resources.emplace(indicator, std::move(r));
  }
  // Gives app "m2m" a new role holding `scope_ids`; returns the role's id.
  std::string give(const std::vector<std::string>& scope_ids) {
    std::string id = "role" + std::to_string(++roles_);
    model::Role role{.id = id, .name = id, .type = model::RoleType::MachineToMachine};
    (h_.store().transact([&](storage::Tx& tx) -> Result<void> {
      if (auto r = tx.roles().insert(role); !r) return r;
      if (auto r = tx.roles().add_scopes(id, scope_ids); !r) return r;
      return tx.roles().assign_application(id, "m2m", 1);
    })).value();
    return id;
  }

  Result<TokenResponse> handle(const std::string& client_id, const std::string& body) {
    auto params = http::parse_form(body);
    EXPECT_TRUE(params);
    auto request = parse_token_request(*params);
    if (!request) return request.error();
    h_.reload_issuance_rules();  // as the server does after each commit
    AuthenticatedClient client{h_.catalog().client(client_id), ClientAuthMethod::SecretBasic, {}};
    TokenService tokens(config_, test::test_signing_keys(), clock_);
    ClientCredentialsGrant grant(h_.store(), tokens);
    return grant.handle(GrantContext{*request, client, h_.catalog()});
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

  test::GrantHarness h_;
  Config config_;
  test::FakeClock clock_;
  int roles_ = 0;
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

TEST_F(ClientCredentialsGrantTest, WithoutScopeEveryGrantedScopeIsIssued) {
  give({"r1-read", "r1-write"});
  auto res = handle("m2m", "grant_type=client_credentials&resource=https://orders.test");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->scope, "read write");
  EXPECT_EQ(payload(res).at("scope").as_string(), "read write");
}

TEST_F(ClientCredentialsGrantTest, RequestedScopesAreIssuedInRequestOrder) {
  give({"r1-read", "r1-write"});
  auto res =
      handle("m2m", "grant_type=client_credentials&scope=write+read&resource=https://orders.test");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->scope, "write read");
}

// Logto narrows to what the app is granted and drops the rest, undefined scopes included.
TEST_F(ClientCredentialsGrantTest, UndefinedScopeIsDropped) {
  give({"r1-read"});
  auto res =
      handle("m2m", "grant_type=client_credentials&scope=read+drop&resource=https://orders.test");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->scope, "read");
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
  h_.catalog().default_resource = h_.catalog().resource("https://short.test");
  boost::json::object claims = payload(handle("m2m", "grant_type=client_credentials"));
  EXPECT_EQ(claims.at("aud").as_string(), "https://short.test");
}

TEST_F(ClientCredentialsGrantTest, AppWithoutRolesGetsATokenWithoutScopes) {
  auto res = handle("m2m", "grant_type=client_credentials&scope=a+b&resource=https://admin.test");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->scope, "");
  EXPECT_FALSE(payload(res).contains("scope"));
}

TEST_F(ClientCredentialsGrantTest, RequestedScopesNarrowToWhatTheRolesGrant) {
  give({"r2-b"});
  auto res = handle("m2m", "grant_type=client_credentials&scope=a+b&resource=https://admin.test");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->scope, "b");
}

TEST_F(ClientCredentialsGrantTest, RolesUniteAndAnotherResourcesScopesCountNothing) {
  give({"r2-b"});
  give({"r2-a", "r1-read"});
  auto admin = handle("m2m", "grant_type=client_credentials&resource=https://admin.test");
  auto orders = handle("m2m", "grant_type=client_credentials&resource=https://orders.test");
  ASSERT_TRUE(admin);
  ASSERT_TRUE(orders);
  EXPECT_EQ(admin->scope, "a b");
  EXPECT_EQ(orders->scope, "read");
}

TEST_F(ClientCredentialsGrantTest, ARoleChangeAppliesToTheNextToken) {
  std::string role = give({"r1-read"});
  (h_.store().transact([&](storage::Tx& tx) {
    return tx.roles().add_scopes(role, {"r1-write"});
  })).value();
  auto more = handle("m2m", "grant_type=client_credentials&resource=https://orders.test");
  ASSERT_TRUE(more);
  EXPECT_EQ(more->scope, "read write");
  (h_.store().transact([&](storage::Tx& tx) {
    return tx.roles().unassign_application(role, "m2m");
  })).value();
  auto none = handle("m2m", "grant_type=client_credentials&resource=https://orders.test");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->scope, "");
}

TEST_F(ClientCredentialsGrantTest, TheManagementApiNeedsARoleGrantingIt) {
  // The database has it from the start (migration v4); the catalog gets it here.
  h_.catalog().resources.emplace("urn:latch:management",
                                 resource("management-api", "urn:latch:management", {"all"}));
  auto refused = handle("m2m", "grant_type=client_credentials&resource=urn:latch:management");
  EXPECT_EQ(code_of(refused), Errc::InvalidTarget);
  give({"management-api-all"});
  auto res = handle("m2m", "grant_type=client_credentials&resource=urn:latch:management");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->scope, "all");
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
