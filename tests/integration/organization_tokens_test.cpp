// Organization tokens (issue #17 item 2; Logto's RFC 0001 and RFC 0006): the refresh grant with
// organization_id, client credentials with organization_id, the organization claims, and that
// leaving an organization applies to the next token.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "support/jwt_inspect.hpp"
#include "support/roles_fixture.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;
using boost::beast::http::verb;

constexpr const char* kCallback = "http://localhost:4200/callback";
constexpr const char* kOrganizationsResource = "urn:logto:resource:organizations";

json::array ids_of(const std::vector<std::string>& ids) {
  json::array out;
  for (const auto& id : ids) out.emplace_back(id);
  return out;
}

class OrganizationTokensTest : public RolesFixture<OrganizationTokensTest> {
 public:
  static void provision_more(TestServer& server) {
    web_ = create_user_app(server, {.redirect_uris = {kCallback}});
    worker_ = create_app(server, "m2m");
    frank_id_ = create_user(server, frank_);
    if (!wait_until_client_known(server, web_, kCallback)) {
      throw std::runtime_error("the server did not load the web app");
    }
  }

 protected:
  // The id of a new organization scope, role or organization (a test failure when refused).
  static std::string created(const std::string& path, json::object body) {
    auto res = call(verb::post, path, body);
    EXPECT_TRUE(res.status == 200u || res.status == 201u) << path << ": " << res.body;
    return res.status < 300 ? json_text(res.json(), "id") : "";
  }
  static std::string organization_scope(const std::string& name) {
    return created("/api/organization-scopes", {{"name", name}});
  }
  static std::string organization_role(const std::string& name, const std::string& type,
                                       const std::vector<std::string>& scope_ids,
                                       const std::vector<std::string>& resource_scope_ids) {
    return created("/api/organization-roles", {{"name", name},
                                               {"type", type},
                                               {"organizationScopeIds", ids_of(scope_ids)},
                                               {"resourceScopeIds", ids_of(resource_scope_ids)}});
  }
  static std::string organization(const std::string& name, bool mfa_required = false) {
    return created("/api/organizations", {{"name", name}, {"isMfaRequired", mfa_required}});
  }
  static void add_member(const std::string& org, const std::string& user,
                         const std::vector<std::string>& role_ids) {
    ASSERT_EQ(call(verb::post, "/api/organizations/" + org + "/users",
                   json::object{{"userIds", ids_of({user})}})
                  .status,
              201u);
    if (role_ids.empty()) return;
    ASSERT_EQ(call(verb::post, "/api/organizations/" + org + "/users/" + user + "/roles",
                   json::object{{"organizationRoleIds", ids_of(role_ids)}})
                  .status,
              201u);
  }
  static void add_app_member(const std::string& org, const std::string& app,
                             const std::vector<std::string>& role_ids) {
    ASSERT_EQ(call(verb::post, "/api/organizations/" + org + "/applications",
                   json::object{{"applicationIds", ids_of({app})}})
                  .status,
              201u);
    if (role_ids.empty()) return;
    ASSERT_EQ(call(verb::post, "/api/organizations/" + org + "/applications/" + app + "/roles",
                   json::object{{"organizationRoleIds", ids_of(role_ids)}})
                  .status,
              201u);
  }
  // Frank's tokens from a sign-in asking for `scope` (with the organizations resource, as
  // Logto's SDKs name it when the organizations scope is asked for).
  static json::object sign_in(const std::string& scope) {
    AuthorizeRequest request{.client_id = web_.id, .redirect_uri = kCallback, .scope = scope};
    request.extra.add("resource", kOrganizationsResource);
    request.extra.add("resource", kBooks);
    return sign_in_and_redeem(server(), web_, request, frank_);
  }
  static HttpResponse refresh_for(const std::string& refresh_token, const std::string& org,
                                  const std::string& resource = "") {
    http::Params extra{{"organization_id", org}};
    if (!resource.empty()) extra.add("resource", resource);
    return refresh(server(), web_, refresh_token, extra);
  }
  static json::object payload(const HttpResponse& res) {
    auto decoded = decode_jwt(json_text(res.json(), "access_token"));
    EXPECT_TRUE(decoded.has_value()) << res.body;
    return decoded ? decoded->payload : json::object{};
  }
  static HttpResponse worker_token(const std::string& org, const std::string& resource = "",
                                   const std::string& scope = "") {
    http::Params params{{"grant_type", "client_credentials"}, {"organization_id", org}};
    if (!resource.empty()) params.add("resource", resource);
    if (!scope.empty()) params.add("scope", scope);
    return token_request(server(), worker_, params);
  }

  static inline AppCredentials web_, worker_;
  static inline UserSpec frank_{.username = "frank", .password = "Copper-Lantern-318"};
  static inline std::string frank_id_;
  static constexpr const char* kAllScopes =
      "openid offline_access urn:logto:scope:organizations urn:logto:scope:organization_roles "
      "read:docs invite:member read:books";
};

TEST_F(OrganizationTokensTest, AMembersOrganizationTokenCarriesWhatHisRolesThereGrant) {
  std::string read = organization_scope("read:docs");
  std::string invite = organization_scope("invite:member");
  std::string viewer = organization_role("viewer", "User", {read}, {});
  std::string acme = organization("Acme");
  add_member(acme, frank_id_, {viewer});

  auto tokens = sign_in(kAllScopes);
  std::string refresh_token = json_text(tokens, "refresh_token");
  ASSERT_FALSE(refresh_token.empty());
  auto res = refresh_for(refresh_token, acme);
  ASSERT_EQ(res.status, 200u) << res.body;
  json::object claims = payload(res);
  EXPECT_EQ(json_text(claims, "aud"), "urn:logto:organization:" + acme);
  EXPECT_EQ(json_text(claims, "scope"), "read:docs");  // not invite:member: no role grants it
  EXPECT_EQ(json_text(claims, "sub"), frank_id_);
  EXPECT_EQ(res.json().at("expires_in").as_int64(), 3600);

  // A role change applies to the next token.
  ASSERT_EQ(call(verb::post, "/api/organization-roles/" + viewer + "/scopes",
                 json::object{{"organizationScopeIds", ids_of({invite})}})
                .status,
            201u);
  auto again = refresh_for(json_text(res.json(), "refresh_token"), acme);
  ASSERT_EQ(again.status, 200u) << again.body;
  EXPECT_EQ(json_text(payload(again), "scope"), "read:docs invite:member");
}

TEST_F(OrganizationTokensTest, TheIdTokenAndUserinfoNameTheUsersOrganizationsAndRoles) {
  std::string admin = organization_role("org-admin", "User", {}, {});
  std::string globex = created("/api/organizations",
                               {{"name", "Globex"}, {"description", "the Globex organization"}});
  add_member(globex, frank_id_, {admin});

  auto tokens = sign_in(kAllScopes);
  auto id_token = decode_jwt(json_text(tokens, "id_token"));
  ASSERT_TRUE(id_token.has_value());
  auto contains = [](const json::value& list, const std::string& value) {
    for (const auto& v : list.as_array()) {
      if (v.is_string() && v.as_string() == value) return true;
    }
    return false;
  };
  EXPECT_TRUE(contains(id_token->payload.at("organizations"), globex));
  EXPECT_TRUE(contains(id_token->payload.at("organization_roles"), globex + ":org-admin"));

  auto info = userinfo(server(), json_text(tokens, "access_token"));
  ASSERT_EQ(info.status, 200u) << info.body;
  json::value body = info.json();
  EXPECT_TRUE(contains(body.at("organizations"), globex));
  EXPECT_TRUE(contains(body.at("organization_roles"), globex + ":org-admin"));
  bool described = false;
  for (const auto& entry : body.at("organization_data").as_array()) {
    if (json_text(entry, "id") != globex) continue;
    described = json_text(entry, "name") == "Globex" &&
                json_text(entry, "description") == "the Globex organization";
  }
  EXPECT_TRUE(described) << info.body;

  // Without the organization scopes: no organization claims.
  auto plain = sign_in("openid offline_access");
  auto plain_id = decode_jwt(json_text(plain, "id_token"));
  ASSERT_TRUE(plain_id.has_value());
  EXPECT_FALSE(plain_id->payload.contains("organizations"));
  EXPECT_FALSE(plain_id->payload.contains("organization_roles"));
}

TEST_F(OrganizationTokensTest, ANonMemberIsRefusedWith403AccessDeniedAndKeepsHisRefreshToken) {
  std::string initech = organization("Initech");
  auto tokens = sign_in(kAllScopes);
  std::string refresh_token = json_text(tokens, "refresh_token");
  for (const std::string& org : {initech, std::string("no-such-organization")}) {
    auto res = refresh_for(refresh_token, org);
    EXPECT_EQ(res.status, 403u) << res.body;
    EXPECT_EQ(json_text(res.json(), "error"), "access_denied");
    EXPECT_EQ(json_text(res.json(), "error_description"),
              "user is not a member of the organization");
  }
  // The refused request spent nothing.
  EXPECT_EQ(refresh(server(), web_, refresh_token).status, 200u);
}

TEST_F(OrganizationTokensTest, LeavingTheOrganizationAppliesToTheNextToken) {
  std::string umbrella = organization("Umbrella");
  add_member(umbrella, frank_id_, {});
  auto tokens = sign_in(kAllScopes);
  auto first = refresh_for(json_text(tokens, "refresh_token"), umbrella);
  ASSERT_EQ(first.status, 200u) << first.body;
  ASSERT_EQ(call(verb::delete_, "/api/organizations/" + umbrella + "/users/" + frank_id_).status,
            204u);
  auto next = refresh_for(json_text(first.json(), "refresh_token"), umbrella);
  EXPECT_EQ(next.status, 403u) << next.body;
  EXPECT_EQ(json_text(next.json(), "error"), "access_denied");
}

TEST_F(OrganizationTokensTest, ARefreshTokenWithoutTheOrganizationsScopeIsInsufficient) {
  std::string hooli = organization("Hooli");
  add_member(hooli, frank_id_, {});
  auto tokens = sign_in("openid offline_access read:docs");
  auto res = refresh_for(json_text(tokens, "refresh_token"), hooli);
  EXPECT_EQ(res.status, 403u) << res.body;
  EXPECT_EQ(json_text(res.json(), "error"), "insufficient_scope");
}

TEST_F(OrganizationTokensTest, AnOrganizationRequiringMfaRefusesMembersWithoutMfa) {
  std::string vault = organization("Vault", true);
  add_member(vault, frank_id_, {});
  auto tokens = sign_in(kAllScopes);
  auto res = refresh_for(json_text(tokens, "refresh_token"), vault);
  EXPECT_EQ(res.status, 403u) << res.body;
  EXPECT_EQ(json_text(res.json(), "error_description"),
            "organization requires MFA but user has no MFA configured");
  // Once the member has a second factor, the organization opens; without it again, it closes.
  auto totp =
      call(verb::post, "/api/users/" + frank_id_ + "/mfa-verifications", {{"type", "Totp"}});
  ASSERT_EQ(totp.status, 200u) << totp.body;
  auto with_mfa = refresh_for(json_text(tokens, "refresh_token"), vault);
  EXPECT_EQ(with_mfa.status, 200u) << with_mfa.body;
  auto reset = call(verb::delete_, "/api/users/" + frank_id_ + "/mfa-verifications");
  ASSERT_EQ(reset.status, 204u) << reset.body;
  auto again = refresh_for(json_text(with_mfa.json(), "refresh_token"), vault);
  EXPECT_EQ(again.status, 403u) << again.body;
}

TEST_F(OrganizationTokensTest, AResourceTokenForAnOrganizationCarriesThatOrganizationsScopes) {
  std::string reader = organization_role("books-reader", "User", {}, {read_scope_id_});
  std::string stark = organization("Stark");
  std::string wayne = organization("Wayne");
  add_member(stark, frank_id_, {reader});
  add_member(wayne, frank_id_, {});
  auto tokens = sign_in(kAllScopes);
  std::string refresh_token = json_text(tokens, "refresh_token");

  auto in_stark = refresh_for(refresh_token, stark, kBooks);
  ASSERT_EQ(in_stark.status, 200u) << in_stark.body;
  json::object claims = payload(in_stark);
  EXPECT_EQ(json_text(claims, "aud"), kBooks);
  EXPECT_EQ(json_text(claims, "scope"), "read:books");
  EXPECT_EQ(json_text(claims, "organization_id"), stark);

  auto in_wayne = refresh_for(json_text(in_stark.json(), "refresh_token"), wayne, kBooks);
  ASSERT_EQ(in_wayne.status, 200u) << in_wayne.body;
  EXPECT_EQ(json_text(payload(in_wayne), "scope"), "");
  EXPECT_EQ(json_text(payload(in_wayne), "organization_id"), wayne);

  // Without organization_id, a resource token carries what every organization's roles grant,
  // as Logto issues it, and no organization_id claim.
  http::Params plain{{"resource", kBooks}};
  auto any = refresh(server(), web_, json_text(in_wayne.json(), "refresh_token"), plain);
  ASSERT_EQ(any.status, 200u) << any.body;
  EXPECT_EQ(json_text(payload(any), "scope"), "read:books");
  EXPECT_FALSE(payload(any).contains("organization_id"));
}

TEST_F(OrganizationTokensTest, AMachineMemberGetsOrganizationTokensByClientCredentials) {
  std::string sync = organization_scope("sync:directory");
  std::string robot = organization_role("robot", "MachineToMachine", {sync}, {write_scope_id_});
  std::string cyberdyne = organization("Cyberdyne");
  EXPECT_EQ(worker_token(cyberdyne).status, 403u);
  add_app_member(cyberdyne, worker_.id, {robot});

  auto res = worker_token(cyberdyne);
  ASSERT_EQ(res.status, 200u) << res.body;
  json::object claims = payload(res);
  EXPECT_EQ(json_text(claims, "aud"), "urn:logto:organization:" + cyberdyne);
  EXPECT_EQ(json_text(claims, "scope"), "sync:directory");
  EXPECT_EQ(json_text(claims, "sub"), worker_.id);

  auto api = worker_token(cyberdyne, kBooks, "read:books write:books");
  ASSERT_EQ(api.status, 200u) << api.body;
  EXPECT_EQ(json_text(payload(api), "scope"), "write:books");
  EXPECT_EQ(json_text(payload(api), "organization_id"), cyberdyne);

  ASSERT_EQ(
      call(verb::delete_, "/api/organizations/" + cyberdyne + "/applications/" + worker_.id).status,
      204u);
  auto after = worker_token(cyberdyne);
  EXPECT_EQ(after.status, 403u) << after.body;
  EXPECT_EQ(json_text(after.json(), "error"), "access_denied");
}

}  // namespace
}  // namespace latch::test
