// latch::Client and organizations (issue #17, Logto's RFC 0001): organization_token() is the
// refresh grant with organization_id, cached per organization; its JWT is for
// urn:logto:organization:<id> with what the user's organization roles grant; refusals are
// Errc::organization_access_denied; organizations() reads the ID token; JwtValidator checks an
// organization token's audience.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <boost/url/parse.hpp>

#include "jose.hpp"
#include "latch/client.hpp"
#include "latch/jwt_validator.hpp"
#include "latch/storage.hpp"
#include "support/client_fixture.hpp"
#include "support/management_api.hpp"

namespace latch {
namespace {

using sdk_test::client_world;
using sdk_test::code_of;
using sdk_test::sign_in_fully;
using sdk_test::system_now;

boost::json::object payload_of(const std::string& jwt) { return detail::parse_jws(jwt).payload; }

std::string scope_of(const std::string& jwt) {
  boost::json::object payload = payload_of(jwt);  // kept: `scope` points into it
  const boost::json::value* scope = payload.if_contains("scope");
  return scope && scope->is_string() ? std::string(scope->as_string()) : std::string();
}

// The web app asking for the organizations claims and read:books, which the organization
// template also defines as an organization scope.
Config organizations_config() {
  Config config = client_world().config(client_world().web);
  config.scopes = {kOrganizationsScope, kOrganizationRolesScope, "read:books"};
  return config;
}

// The world's user is a member of `shelf` as "Shelf reader" (read:books) and of `lobby` with no
// role; `elsewhere` exists without them. Made once, through the management API.
struct Organizations {
  sdk_test::ManagementApi api{client_world().server};
  std::string read_books, shelf_reader, shelf, lobby, elsewhere;

  Organizations() {
    read_books = api.create_organization_scope("read:books");
    shelf_reader = api.create_organization_role("Shelf reader", {read_books});
    shelf = api.create_organization("Shelf");
    lobby = api.create_organization("Lobby");
    elsewhere = api.create_organization("Elsewhere");
    api.add_member(shelf, client_world().user_id, {shelf_reader});
    api.add_member(lobby, client_world().user_id, {});
  }
};

Organizations& organizations() {
  static Organizations* instance = new Organizations();  // lives until the process exits
  return *instance;
}

// A signed-in Client over `storage` asking for the organization scopes.
std::unique_ptr<Client> signed_in(MemoryStorage& storage) {
  organizations();  // memberships exist before the sign-in, so the ID token lists them
  auto client = std::make_unique<Client>(organizations_config(), storage);
  sign_in_fully(*client);
  return client;
}

TEST(ClientOrganizationsTest, OrganizationTokenNeedsTheOrganizationsScope) {
  MemoryStorage storage;
  Client client(client_world().config(client_world().web), storage);
  EXPECT_EQ(code_of([&] { client.organization_token("org1"); }), Errc::invalid_config);
  Client configured(organizations_config(), storage);
  EXPECT_EQ(code_of([&] { configured.organization_token(""); }), Errc::invalid_config);
}

TEST(ClientOrganizationsTest, SignInAsksForTheOrganizationsResourceWithTheScope) {
  MemoryStorage storage;
  Config config = organizations_config();
  config.resources = {client_world().resource};
  Client client(config, storage);
  auto url = boost::urls::parse_uri(client.sign_in(client_world().redirect_uri));
  ASSERT_TRUE(url);
  std::vector<std::string> resources;
  std::string scope;
  for (auto param : url->params()) {
    if (param.key == "resource") {
      resources.push_back(param.value);
    } else if (param.key == "scope") {
      scope = param.value;
    }
  }
  EXPECT_EQ(resources, (std::vector<std::string>{client_world().resource,
                                                 std::string(kOrganizationsResource)}));
  EXPECT_NE(scope.find(kOrganizationsScope), std::string::npos) << scope;
}

TEST(ClientOrganizationsTest, AStoredOrganizationTokenIsUsedWhileValid) {
  MemoryStorage storage;  // no sign-in: only the cache can answer
  boost::json::object map{{"#org1", {{"token", "cached-1"}, {"expiresAt", system_now() + 600}}},
                          {"#org2", {{"token", "stale-2"}, {"expiresAt", system_now() + 30}}},
                          {"org3", {{"token", "a-resource"}, {"expiresAt", system_now() + 600}}}};
  storage.set("accessTokenMap", boost::json::serialize(map));
  Client client(organizations_config(), storage);
  EXPECT_EQ(client.organization_token("org1"), "cached-1");
  // Within a minute of expiry, or stored under another key: a refresh, impossible here.
  EXPECT_EQ(code_of([&] { client.organization_token("org2"); }), Errc::not_authenticated);
  EXPECT_EQ(code_of([&] { client.organization_token("org3"); }), Errc::not_authenticated);
}

TEST(ClientOrganizationsTest, OrganizationTokenIsForTheOrganizationWithItsRolesScopes) {
  auto& orgs = organizations();
  MemoryStorage storage;
  auto client = signed_in(storage);
  std::string token = client->organization_token(orgs.shelf);
  auto claims = payload_of(token);
  EXPECT_EQ(claims.at("aud").as_string(), "urn:logto:organization:" + orgs.shelf);
  EXPECT_EQ(claims.at("sub").as_string(), client_world().user_id);
  EXPECT_EQ(scope_of(token), "read:books");
  EXPECT_EQ(client->organization_token(orgs.shelf), token) << "cached per organization";
  auto map = boost::json::parse(*storage.get("accessTokenMap")).as_object();
  EXPECT_EQ(map.at("#" + orgs.shelf).at("token").as_string(), token);

  std::string lobby = client->organization_token(orgs.lobby);
  EXPECT_EQ(payload_of(lobby).at("aud").as_string(), "urn:logto:organization:" + orgs.lobby);
  EXPECT_EQ(scope_of(lobby), "") << "no role in the lobby: no scope";
  EXPECT_EQ(client->organization_token(orgs.shelf), token) << "each organization its own";
}

TEST(ClientOrganizationsTest, ANonMemberIsDeniedAndStaysSignedIn) {
  MemoryStorage storage;
  auto client = signed_in(storage);
  std::string detail;
  auto code =
      sdk_test::error_of([&] { client->organization_token(organizations().elsewhere); }, &detail);
  EXPECT_EQ(code, Errc::organization_access_denied);
  EXPECT_NE(detail.find("access_denied"), std::string::npos) << detail;
  EXPECT_TRUE(client->is_authenticated());
  EXPECT_FALSE(client->access_token().empty()) << "the refresh token still works";
}

TEST(ClientOrganizationsTest, RemovalFromTheOrganizationAppliesToTheNextToken) {
  auto& orgs = organizations();
  std::string temporary = orgs.api.create_organization("Temporary");
  orgs.api.add_member(temporary, client_world().user_id, {orgs.shelf_reader});
  MemoryStorage storage;
  auto client = signed_in(storage);
  std::string token = client->organization_token(temporary);
  EXPECT_EQ(scope_of(token), "read:books");

  orgs.api.call("DELETE", "/organizations/" + temporary + "/users/" + client_world().user_id,
                nullptr, 204);
  EXPECT_EQ(client->organization_token(temporary), token) << "an issued token lives on";
  client->clear_access_tokens();
  EXPECT_EQ(code_of([&] { client->organization_token(temporary); }),
            Errc::organization_access_denied);
}

TEST(ClientOrganizationsTest, OrganizationsListsTheIdTokensMembershipsWithRoles) {
  auto& orgs = organizations();
  MemoryStorage storage;
  auto client = signed_in(storage);
  std::map<std::string, std::vector<std::string>> roles;
  for (const UserOrganization& org : client->organizations()) {
    roles[org.id] = org.roles;
  }
  EXPECT_EQ(roles.count(orgs.elsewhere), 0u);
  ASSERT_EQ(roles.count(orgs.shelf), 1u);
  EXPECT_EQ(roles[orgs.shelf], std::vector<std::string>{"Shelf reader"});
  ASSERT_EQ(roles.count(orgs.lobby), 1u);
  EXPECT_TRUE(roles[orgs.lobby].empty());
}

TEST(ClientOrganizationsTest, OrganizationsWithoutTheScopeIsEmpty) {
  organizations();
  MemoryStorage storage;
  Client client(client_world().config(client_world().web), storage);
  sign_in_fully(client);
  EXPECT_TRUE(client.organizations().empty());
}

TEST(JwtValidatorOrganizationTest, VerifiesTheOrganizationInTheAudience) {
  auto& orgs = organizations();
  MemoryStorage storage;
  auto client = signed_in(storage);
  std::string shelf = client->organization_token(orgs.shelf);
  std::string lobby = client->organization_token(orgs.lobby);
  JwtValidator validator({.endpoint = client_world().server.endpoint()});

  AccessTokenClaims claims = validator.verify_organization_token(shelf, orgs.shelf, {"read:books"});
  EXPECT_EQ(claims.organization_id, orgs.shelf);
  EXPECT_EQ(claims.sub, client_world().user_id);
  EXPECT_EQ(validator.verify_organization_token(lobby, "").organization_id, orgs.lobby);
  EXPECT_EQ(code_of([&] { validator.verify_organization_token(lobby, orgs.shelf); }),
            Errc::wrong_audience);
  EXPECT_EQ(
      code_of([&] { validator.verify_organization_token(lobby, orgs.lobby, {"read:books"}); }),
      Errc::insufficient_scope);
  EXPECT_EQ(code_of([&] { validator.verify(shelf); }), Errc::invalid_config) << "no audience";
}

TEST(JwtValidatorOrganizationTest, AnApiTokenIsNoOrganizationToken) {
  auto& w = client_world();
  MemoryStorage storage;
  Config config = organizations_config();
  config.resources = {w.resource};
  Client client(config, storage);
  sign_in_fully(client);
  std::string api_token = client.access_token(w.resource);
  JwtValidator validator({.endpoint = w.server.endpoint(), .audience = w.resource});
  EXPECT_EQ(validator.verify(api_token).organization_id, "");
  EXPECT_EQ(code_of([&] { validator.verify_organization_token(api_token, ""); }),
            Errc::wrong_audience);
  std::string org_token = client.organization_token(organizations().shelf);
  EXPECT_EQ(code_of([&] { validator.verify(org_token); }), Errc::wrong_audience);
}

}  // namespace
}  // namespace latch
