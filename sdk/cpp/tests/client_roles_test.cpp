// latch::Client and roles (issue #16): an access token carries the scopes the user's roles grant
// when it is issued; clear_access_tokens() makes the next access_token() a refresh, which picks
// up a role an operator gave or took away since.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "jose.hpp"
#include "latch/client.hpp"
#include "latch/storage.hpp"
#include "support/client_fixture.hpp"
#include "support/management_api.hpp"

namespace latch {
namespace {

using sdk_test::client_world;
using sdk_test::sign_in_fully;

std::string scope_of(const std::string& jwt) {
  auto jws = detail::parse_jws(jwt);  // kept: `scope` points into its payload
  const boost::json::value* scope = jws.payload.if_contains("scope");
  return scope && scope->is_string() ? std::string(scope->as_string()) : std::string();
}

TEST(ClientRolesTest, ClearAccessTokensPicksUpARoleGivenAfterTheSignIn) {
  auto& w = client_world();
  MemoryStorage storage;
  Client client(w.config_with_resource(), storage);  // asks for read:books
  sign_in_fully(client);
  std::string before = client.access_token(w.resource);
  EXPECT_EQ(scope_of(before), "") << "the user holds no role yet";

  sdk_test::ManagementApi api(w.server);
  std::string role = api.create_role("Reader (client test)", "User", {w.read_books_id});
  api.call("POST", "/roles/" + role + "/users",
           boost::json::object{{"userIds", boost::json::array{w.user_id}}}, 201);
  EXPECT_EQ(client.access_token(w.resource), before) << "a stored token is kept while valid";

  client.clear_access_tokens();
  EXPECT_TRUE(client.is_authenticated());
  std::string after = client.access_token(w.resource);
  EXPECT_EQ(scope_of(after), "read:books");

  api.call("DELETE", "/roles/" + role, nullptr, 204);  // the world's user holds no role again
  client.clear_access_tokens();
  EXPECT_EQ(scope_of(client.access_token(w.resource)), "");
}

TEST(ClientRolesTest, ClearAccessTokensWithoutASignInIsHarmless) {
  MemoryStorage storage;
  Client client(client_world().config_with_resource(), storage);
  client.clear_access_tokens();
  EXPECT_FALSE(client.is_authenticated());
  EXPECT_FALSE(storage.get("accessTokenMap"));
}

}  // namespace
}  // namespace latch
