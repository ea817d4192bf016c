// The JSON Web Key Set (RFC 7517 §5) the provider publishes at /oidc/jwks.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>
#include <string>

#include "crypto/jwk.hpp"
#include "support/shared_server.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;

class JwksTest : public SharedServerTest<JwksTest> {
 protected:
  json::array keys() {
    HttpResponse res = server().client().get("/oidc/jwks");
    EXPECT_EQ(res.status, 200u) << res.body;
    json::value body = res.json();
    if (!body.is_object() || !body.at("keys").is_array()) {
      ADD_FAILURE() << "not a JWK set: " << res.body;
      return {};
    }
    return body.at("keys").as_array();
  }
};

TEST_F(JwksTest, PublishesOneKeyPerSupportedAlgorithm) {
  std::multiset<std::string> algs;
  for (const auto& key : keys()) algs.insert(std::string(key.at("alg").as_string()));
  EXPECT_EQ(algs, (std::multiset<std::string>{"ES256", "ES384", "EdDSA", "RS256"}));
}

TEST_F(JwksTest, EveryKidIsTheRfc7638ThumbprintOfItsKey) {
  for (const auto& key : keys()) {
    auto thumbprint = crypto::jwk_thumbprint(key.as_object());
    ASSERT_TRUE(thumbprint) << json::serialize(key);
    EXPECT_EQ(key.at("kid").as_string(), *thumbprint) << json::serialize(key);
  }
}

TEST_F(JwksTest, KeysAreForSignatures) {
  for (const auto& key : keys()) {
    EXPECT_EQ(key.at("use").as_string(), "sig") << json::serialize(key);
  }
}

TEST_F(JwksTest, NoPrivateKeyMaterialIsPublished) {
  for (const auto& key : keys()) {
    for (const char* member : {"d", "p", "q", "dp", "dq", "qi", "k"}) {
      EXPECT_FALSE(key.as_object().contains(member)) << member << " in " << json::serialize(key);
    }
  }
}

TEST_F(JwksTest, EveryKeyParsesAsAVerifyKey) {
  for (const auto& key : keys()) {
    EXPECT_TRUE(crypto::VerifyKey::from_jwk(key.as_object())) << json::serialize(key);
  }
}

TEST_F(JwksTest, IsServedAsJwkSetJsonThatCachesMustRevalidate) {
  HttpResponse res = server().client().get("/oidc/jwks");
  EXPECT_EQ(res.header("Content-Type").rfind("application/jwk-set+json", 0), 0u);
  EXPECT_NE(res.header("Cache-Control").find("no-cache"), std::string::npos);
}

TEST_F(JwksTest, CliKeyListNamesEveryPublishedKid) {
  auto before = keys();
  ProcessResult listed = server().cli({"keys", "list", "--json"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  json::value stored = json::parse(listed.out);
  std::set<std::string> stored_kids;
  for (const auto& key : stored.as_array())
    stored_kids.insert(std::string(key.at("kid").as_string()));
  for (const auto& key : before) {
    EXPECT_TRUE(stored_kids.count(std::string(key.at("kid").as_string())));
  }
}

}  // namespace
}  // namespace latch::test
