#include "oidc/discovery.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json/parse.hpp>

namespace latch::oidc {
namespace {

boost::json::object document(const std::vector<std::string>& grants) {
  Config config;
  config.endpoint = "https://id.example.test";
  return boost::json::parse(discovery_document(config, grants)).as_object();
}

TEST(DiscoveryDocumentTest, IssuerAndEndpointsDeriveFromTheEndpoint) {
  boost::json::object doc = document({"client_credentials"});
  EXPECT_EQ(doc.at("issuer").as_string(), "https://id.example.test/oidc");
  EXPECT_EQ(doc.at("token_endpoint").as_string(), "https://id.example.test/oidc/token");
  EXPECT_EQ(doc.at("jwks_uri").as_string(), "https://id.example.test/oidc/jwks");
}

TEST(DiscoveryDocumentTest, ListsExactlyTheGrantTypesGiven) {
  boost::json::object doc = document({"client_credentials", "refresh_token"});
  EXPECT_EQ(doc.at("grant_types_supported"),
            (boost::json::array{"client_credentials", "refresh_token"}));
}

// RFC 8628 §4: the device authorization endpoint is advertised exactly with its grant.
TEST(DiscoveryDocumentTest, AdvertisesTheDeviceEndpointOnlyWithTheDeviceGrant) {
  boost::json::object without = document({"authorization_code"});
  EXPECT_FALSE(without.contains("device_authorization_endpoint"));
  boost::json::object with =
      document({"authorization_code", "urn:ietf:params:oauth:grant-type:device_code"});
  EXPECT_EQ(with.at("device_authorization_endpoint").as_string(),
            "https://id.example.test/oidc/device/auth");
}

TEST(DiscoveryDocumentTest, AdvertisesSecretBasicAndSecretPost) {
  boost::json::object doc = document({"client_credentials"});
  const auto& methods = doc.at("token_endpoint_auth_methods_supported").as_array();
  EXPECT_NE(std::find(methods.begin(), methods.end(), boost::json::value("client_secret_basic")),
            methods.end());
  EXPECT_NE(std::find(methods.begin(), methods.end(), boost::json::value("client_secret_post")),
            methods.end());
}

// OIDC Back-Channel Logout 1.0 §2.1: logout tokens carry sid, and so do ID tokens.
TEST(DiscoveryDocumentTest, AdvertisesBackchannelLogoutWithSessionsAndTheSidClaim) {
  boost::json::object doc = document({"authorization_code"});
  EXPECT_EQ(doc.at("backchannel_logout_supported"), true);
  EXPECT_EQ(doc.at("backchannel_logout_session_supported"), true);
  const auto& claims = doc.at("claims_supported").as_array();
  EXPECT_NE(std::find(claims.begin(), claims.end(), boost::json::value("sid")), claims.end());
}

// RFC 9101 §10.5, RFC 9126 §5: request objects, and request_uri from pushed requests only.
TEST(DiscoveryDocumentTest, AdvertisesRequestObjectsAndPushedAuthorizationRequests) {
  boost::json::object doc = document({"client_credentials"});
  EXPECT_EQ(doc.at("request_parameter_supported"), true);
  EXPECT_EQ(doc.at("request_uri_parameter_supported"), true);
  EXPECT_FALSE(doc.contains("require_request_uri_registration"));
  EXPECT_EQ(doc.at("require_pushed_authorization_requests"), false);
  EXPECT_NE(doc.at("pushed_authorization_request_endpoint").as_string().find("/oidc/request"),
            std::string::npos);
  const auto& algs = doc.at("request_object_signing_alg_values_supported").as_array();
  EXPECT_EQ(std::find(algs.begin(), algs.end(), boost::json::value("none")), algs.end());
}

}  // namespace
}  // namespace latch::oidc
