// Signing key rotation (`latch keys rotate`) while the server runs: new tokens switch to the new
// key without a restart, and the old public key stays published for the tokens it signed.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>
#include <string>

#include "support/eventually.hpp"
#include "support/jwt_inspect.hpp"
#include "support/provisioning.hpp"
#include "support/test_server.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;

constexpr const char* kApi = "https://api.example.test";

std::set<std::string> published_kids(const TestServer& server) {
  std::set<std::string> kids;
  json::value jwks = server.client().get("/oidc/jwks").json();
  for (const auto& key : jwks.at("keys").as_array()) {
    kids.insert(std::string(key.at("kid").as_string()));
  }
  return kids;
}

class KeyRotationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    create_resource(server_, {.indicator = kApi, .scopes = {"read"}});
    app_ = create_app(server_, "m2m");
    ASSERT_TRUE(wait_until_token_issued(server_, app_, kApi));
  }

  std::optional<DecodedJwt> issue() {
    HttpResponse res = token_with_basic(
        server_, app_, "grant_type=client_credentials&resource=" + std::string(kApi));
    if (res.status != 200) return std::nullopt;
    return decode_jwt(res.json().at("access_token").as_string());
  }

  static std::string kid_of(const std::optional<DecodedJwt>& jwt) {
    return jwt ? std::string(jwt->header.at("kid").as_string()) : "";
  }

  // `latch keys rotate --alg ALG --json`: the new kids.
  std::vector<std::string> rotate(const std::string& alg) {
    std::vector<std::string> kids;
    json::value rotated = cli_json(server_, {"keys", "rotate", "--alg", alg, "--json"});
    for (const auto& entry : rotated.as_array()) {
      kids.emplace_back(entry.at("kid").as_string());
    }
    return kids;
  }

  TestServer server_;
  AppCredentials app_;
};

TEST_F(KeyRotationTest, NewTokensCarryTheNewKidWithinThreeSeconds) {
  std::string old_kid = kid_of(issue());
  ASSERT_FALSE(old_kid.empty());

  std::vector<std::string> rotated = rotate("ES256");

  ASSERT_EQ(rotated.size(), 1u);
  EXPECT_NE(rotated[0], old_kid);
  EXPECT_TRUE(eventually([&] { return kid_of(issue()) == rotated[0]; }))
      << "tokens are still signed with " << kid_of(issue());
}

TEST_F(KeyRotationTest, TokensSignedWithTheNewKeyVerifyAgainstThePublishedJwks) {
  std::vector<std::string> rotated = rotate("ES256");
  ASSERT_TRUE(eventually([&] { return kid_of(issue()) == rotated.at(0); }));
  auto jwt = issue();
  ASSERT_TRUE(jwt);
  EXPECT_TRUE(verified_by_jwks(*jwt, server_.client().get("/oidc/jwks").json()));
}

TEST_F(KeyRotationTest, PreviousKeyStaysPublishedSoEarlierTokensStillVerify) {
  auto before = issue();
  ASSERT_TRUE(before);
  std::vector<std::string> rotated = rotate("ES256");
  ASSERT_TRUE(eventually([&] { return published_kids(server_).count(rotated.at(0)) == 1; }));

  std::set<std::string> kids = published_kids(server_);
  EXPECT_EQ(kids.size(), 5u);
  EXPECT_EQ(kids.count(kid_of(before)), 1u);
  EXPECT_TRUE(verified_by_jwks(*before, server_.client().get("/oidc/jwks").json()));
}

TEST_F(KeyRotationTest, RotatingAllAlgorithmsPublishesFourNewKeys) {
  std::set<std::string> old_kids = published_kids(server_);
  std::vector<std::string> rotated = rotate("all");
  ASSERT_EQ(rotated.size(), 4u);
  EXPECT_TRUE(eventually([&] { return published_kids(server_).size() == 8; }));
  for (const auto& kid : rotated) EXPECT_EQ(old_kids.count(kid), 0u) << kid;
}

TEST_F(KeyRotationTest, KeyListMarksTheRotatedKeyPrevious) {
  std::string old_kid = kid_of(issue());
  std::vector<std::string> rotated = rotate("ES256");
  std::map<std::string, std::string> status;
  json::value keys = cli_json(server_, {"keys", "list", "--json"});
  for (const auto& key : keys.as_array()) {
    status[std::string(key.at("kid").as_string())] = std::string(key.at("status").as_string());
  }
  EXPECT_EQ(status[old_kid], "previous");
  EXPECT_EQ(status[rotated.at(0)], "current");
}

TEST_F(KeyRotationTest, UnknownAlgorithmIsRejected) {
  ProcessResult result = server_.cli({"keys", "rotate", "--alg", "HS256"});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.err.find("--alg"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace latch::test
