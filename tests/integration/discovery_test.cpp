// OIDC Discovery 1.0 §3 and RFC 8414 §2 metadata, served by the real binary.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

#include "support/shared_server.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;

bool contains(const json::value& array, std::string_view item) {
  for (const auto& v : array.as_array()) {
    if (v.is_string() && v.as_string() == item) return true;
  }
  return false;
}

class DiscoveryTest : public SharedServerTest<DiscoveryTest> {
 protected:
  json::value document() {
    HttpResponse res = server().client().get("/oidc/.well-known/openid-configuration");
    EXPECT_EQ(res.status, 200u) << res.body;
    return res.json();
  }
};

TEST_F(DiscoveryTest, DefaultEndpointIsLocalhostWithTheEphemeralPort) {
  EXPECT_EQ(server().endpoint(), "http://localhost:" + std::to_string(server().port()));
}

TEST_F(DiscoveryTest, IssuerIsTheEndpointFollowedByOidc) {
  EXPECT_EQ(document().at("issuer").as_string(), server().endpoint() + "/oidc");
}

TEST_F(DiscoveryTest, TokenEndpointAndJwksUriLiveUnderTheIssuer) {
  json::value doc = document();
  const std::string issuer = server().endpoint() + "/oidc";
  EXPECT_EQ(doc.at("token_endpoint").as_string(), issuer + "/token");
  EXPECT_EQ(doc.at("jwks_uri").as_string(), issuer + "/jwks");
}

TEST_F(DiscoveryTest, AdvertisesClientCredentialsGrant) {
  EXPECT_TRUE(contains(document().at("grant_types_supported"), "client_credentials"));
}

TEST_F(DiscoveryTest, AdvertisesSecretBasicAndSecretPostClientAuthentication) {
  json::value methods = document().at("token_endpoint_auth_methods_supported");
  EXPECT_TRUE(contains(methods, "client_secret_basic"));
  EXPECT_TRUE(contains(methods, "client_secret_post"));
}

TEST_F(DiscoveryTest, IsJsonThatCachesMayKeep) {
  HttpResponse res = server().client().get("/oidc/.well-known/openid-configuration");
  EXPECT_EQ(res.header("Content-Type").rfind("application/json", 0), 0u);
  EXPECT_NE(res.header("Cache-Control").find("public"), std::string::npos);
}

TEST_F(DiscoveryTest, OauthAuthorizationServerMetadataIsTheSameDocument) {
  HttpResponse res = server().client().get("/oidc/.well-known/oauth-authorization-server");
  ASSERT_EQ(res.status, 200u);
  EXPECT_EQ(res.json(), document());
}

TEST_F(DiscoveryTest, HeadRequestAnswersWithoutBody) {
  HttpResponse res = server().client().request(boost::beast::http::verb::head,
                                               "/oidc/.well-known/openid-configuration");
  EXPECT_EQ(res.status, 200u);
  EXPECT_TRUE(res.body.empty());
}

}  // namespace
}  // namespace latch::test
