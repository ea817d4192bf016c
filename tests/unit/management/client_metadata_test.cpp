#include "management/client_metadata.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace latch::management {
namespace {

namespace json = boost::json;

json::object body(std::string_view text) { return json::parse(text).as_object(); }

Result<ClientMetadata> parse(std::string_view text) { return parse_client_metadata(body(text)); }

TEST(ClientMetadataTest, TheDefaultIsAConfidentialTraditionalClientWithTheCodeGrant) {
  auto parsed = parse(R"({"redirect_uris": ["https://rp.example/cb"]})");
  ASSERT_TRUE(parsed) << parsed.error().description;
  EXPECT_EQ(parsed->type, model::AppType::Traditional);
  EXPECT_EQ(parsed->token_endpoint_auth_method, "client_secret_basic");
  EXPECT_EQ(parsed->client_name, "Dynamically registered client");
  EXPECT_EQ(parsed->extra.at("grant_types"), json::array{"authorization_code"});
  EXPECT_EQ(parsed->extra.at("response_types"), json::array{"code"});
  model::Application app = to_application(*parsed);
  EXPECT_TRUE(app.is_third_party);
  EXPECT_EQ(app.description, kRegisteredDescription);
}

TEST(ClientMetadataTest, APublicClientIsAnSpaOrANativeApp) {
  auto spa = parse(R"({"redirect_uris": ["http://localhost:5173/cb"],
                       "token_endpoint_auth_method": "none"})");
  ASSERT_TRUE(spa) << spa.error().description;
  EXPECT_EQ(spa->type, model::AppType::Spa);
  EXPECT_EQ(to_application(*spa).token_endpoint_auth_method, "");
  auto native = parse(R"({"redirect_uris": ["com.example.agent:/cb"],
                          "token_endpoint_auth_method": "none", "application_type": "native"})");
  ASSERT_TRUE(native) << native.error().description;
  EXPECT_EQ(native->type, model::AppType::Native);
  auto web_with_custom_scheme = parse(R"({"redirect_uris": ["com.example.agent:/cb"],
                                          "token_endpoint_auth_method": "none"})");
  ASSERT_FALSE(web_with_custom_scheme);
  EXPECT_EQ(web_with_custom_scheme.error().key, kInvalidRedirectUri);
}

TEST(ClientMetadataTest, PrivateKeyJwtKeepsTheClientsKeys) {
  auto parsed = parse(R"({"redirect_uris": ["https://rp.example/cb"],
                          "token_endpoint_auth_method": "private_key_jwt",
                          "jwks": {"keys": [{"kty": "EC", "crv": "P-256", "x": "a", "y": "b"}]}})");
  ASSERT_TRUE(parsed) << parsed.error().description;
  model::Application app = to_application(*parsed);
  EXPECT_EQ(app.token_endpoint_auth_method, "private_key_jwt");
  EXPECT_TRUE(app.jwks_uri.empty());
  json::object shown = metadata_json(app, parsed->extra);
  EXPECT_EQ(shown.at("jwks").at("keys").as_array().size(), 1u);
  EXPECT_EQ(shown.at("token_endpoint_auth_method"), "private_key_jwt");
}

TEST(ClientMetadataTest, UnknownMembersAreIgnoredAndKnownOnesKept) {
  auto parsed = parse(R"({"redirect_uris": ["https://rp.example/cb"], "colour": "blue",
                          "client_uri": "https://rp.example", "scope": "openid profile",
                          "contacts": ["a@rp.example"], "software_id": "agent"})");
  ASSERT_TRUE(parsed) << parsed.error().description;
  EXPECT_FALSE(parsed->extra.contains("colour"));
  EXPECT_EQ(parsed->extra.at("client_uri"), "https://rp.example");
  EXPECT_EQ(parsed->extra.at("scope"), "openid profile");
  EXPECT_EQ(parsed->extra.at("contacts"), json::array{"a@rp.example"});
  EXPECT_EQ(parsed->extra.at("software_id"), "agent");
}

struct Refusal {
  const char* description;
  const char* body;
  std::string_view key;
  const char* field;
};

class ClientMetadataRefusalTest : public ::testing::TestWithParam<Refusal> {};

TEST_P(ClientMetadataRefusalTest, IsRefusedWithTheRfc7591Error) {
  auto parsed = parse(GetParam().body);
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().code, Errc::InvalidRequest);
  EXPECT_EQ(parsed.error().key, GetParam().key);
  EXPECT_EQ(parsed.error().field, GetParam().field);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ClientMetadataRefusalTest,
    ::testing::Values(
        Refusal{"no redirect URIs", R"({})", kInvalidRedirectUri, "redirect_uris"},
        Refusal{"an empty list", R"({"redirect_uris": []})", kInvalidRedirectUri, "redirect_uris"},
        Refusal{"a number", R"({"redirect_uris": [5]})", kInvalidRedirectUri, "redirect_uris"},
        Refusal{"a data: URI", R"({"redirect_uris": ["data:text/html,x"]})", kInvalidRedirectUri,
                "redirect_uris"},
        Refusal{"a bad logout URI",
                R"({"redirect_uris": ["https://a.example/cb"],
                    "post_logout_redirect_uris": ["javascript:x"]})",
                kInvalidRedirectUri, "post_logout_redirect_uris"},
        Refusal{"an unknown method",
                R"({"redirect_uris": ["https://a.example/cb"],
                    "token_endpoint_auth_method": "tls_client_auth"})",
                kInvalidClientMetadata, "token_endpoint_auth_method"},
        // Latch would fetch it for whoever registers (docs/protocols.md): keys by value only.
        Refusal{"a jwks_uri",
                R"({"redirect_uris": ["https://a.example/cb"],
                    "token_endpoint_auth_method": "private_key_jwt",
                    "jwks": {"keys": [{"kty": "EC"}]}, "jwks_uri": "https://a.example/j"})",
                kInvalidClientMetadata, "jwks_uri"},
        Refusal{"the implicit grant",
                R"({"redirect_uris": ["https://a.example/cb"], "grant_types": ["implicit"]})",
                kInvalidClientMetadata, "grant_types"},
        Refusal{"refresh_token alone",
                R"({"redirect_uris": ["https://a.example/cb"], "grant_types": ["refresh_token"]})",
                kInvalidClientMetadata, "grant_types"},
        Refusal{"an id_token response",
                R"({"redirect_uris": ["https://a.example/cb"], "response_types": ["id_token"]})",
                kInvalidClientMetadata, "response_types"},
        Refusal{"an application_type of neither kind",
                R"({"redirect_uris": ["https://a.example/cb"], "application_type": "tv"})",
                kInvalidClientMetadata, "application_type"},
        Refusal{"a tos_uri that is not http(s)",
                R"({"redirect_uris": ["https://a.example/cb"], "tos_uri": "ftp://a.example/tos"})",
                kInvalidClientMetadata, "tos_uri"},
        Refusal{"contacts that are not strings",
                R"({"redirect_uris": ["https://a.example/cb"], "contacts": [1]})",
                kInvalidClientMetadata, "contacts"}));

}  // namespace
}  // namespace latch::management
