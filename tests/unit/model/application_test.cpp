// Issue #14, defect 17: which redirect URIs an app of each type may register.
#include "model/application.hpp"

#include <gtest/gtest.h>

namespace latch::model {
namespace {

struct UriCase {
  const char* name;
  AppType type;
  const char* uri;
  bool allowed;
};

class RedirectUriTest : public ::testing::TestWithParam<UriCase> {};

TEST_P(RedirectUriTest, FollowsTheRulesOfTheAppsType) {
  const UriCase& c = GetParam();
  EXPECT_EQ(check_redirect_uri(c.type, c.uri, "redirect URI").has_value(), c.allowed) << c.uri;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, RedirectUriTest,
    ::testing::Values(
        UriCase{"WebHttps", AppType::Traditional, "https://app.example/callback", true},
        UriCase{"WebLocalhost", AppType::Spa, "http://localhost:3000/callback", true},
        UriCase{"WebJavascript", AppType::Traditional, "javascript:alert(1)", false},
        UriCase{"WebJavascriptMixedCase", AppType::Spa, "JaVaScRiPt://x/%0aalert(1)", false},
        UriCase{"WebData", AppType::Spa, "data:text/html,<script>x</script>", false},
        UriCase{"WebFile", AppType::Traditional, "file:///etc/passwd", false},
        UriCase{"WebCustomScheme", AppType::Traditional, "myapp://callback", false},
        UriCase{"WebNoHost", AppType::Spa, "https:///path", false},
        UriCase{"WebFragment", AppType::Spa, "https://app.example/cb#x", false},
        UriCase{"WebRelative", AppType::Spa, "/callback", false},
        UriCase{"NativePrivateScheme", AppType::Native, "com.example.app:/oauth", true},
        UriCase{"NativeLoopback", AppType::Native, "http://127.0.0.1:8123/cb", true},
        UriCase{"NativeJavascript", AppType::Native, "javascript:alert(1)", false},
        UriCase{"NativeVbscript", AppType::Native, "vbscript:msgbox", false},
        UriCase{"NativeBlob", AppType::Native, "blob:https://x/y", false},
        UriCase{"MachineToMachine", AppType::MachineToMachine, "https://app.example/cb", false}),
    [](const auto& info) { return info.param.name; });

TEST(CorsOriginTest, OnlyAnHttpOrigin) {
  EXPECT_TRUE(check_cors_origin("https://spa.example"));
  EXPECT_TRUE(check_cors_origin("http://localhost:5173"));
  EXPECT_FALSE(check_cors_origin("https://spa.example/path"));
  EXPECT_FALSE(check_cors_origin("javascript:alert(1)"));
  EXPECT_FALSE(check_cors_origin("null"));
}

}  // namespace
}  // namespace latch::model
