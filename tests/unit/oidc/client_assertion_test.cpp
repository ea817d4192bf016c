#include "oidc/client_assertion.hpp"

#include <gtest/gtest.h>

namespace latch::oidc {
namespace {

namespace json = boost::json;

constexpr std::int64_t kNow = 1'800'000'000;
const AssertionRules kRules{"https://id.example.test/oidc", "https://id.example.test/oidc/token",
                            kNow};

json::object good() {
  return {{"iss", "app1"},    {"sub", "app1"}, {"aud", kRules.issuer},
          {"exp", kNow + 60}, {"iat", kNow},   {"jti", "j-1"}};
}

// One claim set and whether check_assertion_claims accepts it.
struct ClaimsCase {
  const char* description;
  json::object claims;
  bool accepted;
};

json::object with(json::object claims, std::string_view name, json::value value) {
  claims[name] = std::move(value);
  return claims;
}
json::object without(json::object claims, std::string_view name) {
  claims.erase(name);
  return claims;
}

class AssertionClaimsTest : public ::testing::TestWithParam<ClaimsCase> {};

TEST_P(AssertionClaimsTest, ChecksRfc7523Section3) {
  const ClaimsCase& c = GetParam();
  auto checked = check_assertion_claims(c.claims, kRules);
  EXPECT_EQ(checked.has_value(), c.accepted) << c.description;
  if (!checked) EXPECT_EQ(checked.error().code, Errc::InvalidClient) << c.description;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, AssertionClaimsTest,
    ::testing::Values(
        ClaimsCase{"well formed", good(), true},
        ClaimsCase{"aud is the token endpoint",
                   with(good(), "aud", json::value(kRules.token_endpoint)), true},
        ClaimsCase{"aud array of accepted values",
                   with(good(), "aud", json::array{kRules.issuer, kRules.token_endpoint}), true},
        ClaimsCase{"aud array naming another server",
                   with(good(), "aud", json::array{kRules.issuer, "https://evil.example"}), false},
        ClaimsCase{"aud another server", with(good(), "aud", "https://evil.example"), false},
        ClaimsCase{"aud empty array", with(good(), "aud", json::array{}), false},
        ClaimsCase{"aud missing", without(good(), "aud"), false},
        ClaimsCase{"exp missing", without(good(), "exp"), false},
        ClaimsCase{"exp a string", with(good(), "exp", "soon"), false},
        ClaimsCase{"expired beyond the leeway", with(good(), "exp", kNow - kAssertionLeeway),
                   false},
        ClaimsCase{"expired within the leeway", with(good(), "exp", kNow - 5), true},
        ClaimsCase{"exp too far ahead", with(good(), "exp", kNow + kAssertionMaxLifetime + 1),
                   false},
        ClaimsCase{"iat in the future", with(good(), "iat", kNow + 120), false},
        ClaimsCase{"iat slightly ahead (skew)", with(good(), "iat", kNow + 10), true},
        ClaimsCase{"nbf in the future", with(good(), "nbf", kNow + 120), false},
        ClaimsCase{"iat absent", without(good(), "iat"), true},
        ClaimsCase{"jti missing", without(good(), "jti"), false},
        ClaimsCase{"jti empty", with(good(), "jti", ""), false},
        ClaimsCase{"jti too long", with(good(), "jti", json::value(std::string(257, 'j'))),
                   false}));

TEST(AssertionClientIdTest, IsIssWhenItEqualsSub) {
  auto id = assertion_client_id(good());
  ASSERT_TRUE(id);
  EXPECT_EQ(*id, "app1");
}

TEST(AssertionClientIdTest, RefusesIssDifferentFromSubOrMissing) {
  EXPECT_FALSE(assertion_client_id(with(good(), "iss", "app2")));
  EXPECT_FALSE(assertion_client_id(without(good(), "sub")));
  EXPECT_FALSE(assertion_client_id(with(good(), "iss", 7)));
}

TEST(AssertionClaimsValuesTest, KeepsJtiAndExp) {
  auto checked = check_assertion_claims(good(), kRules);
  ASSERT_TRUE(checked);
  EXPECT_EQ(checked->jti, "j-1");
  EXPECT_EQ(checked->exp, kNow + 60);
}

}  // namespace
}  // namespace latch::oidc
