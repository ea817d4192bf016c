#include "http/cookies.hpp"

#include <gtest/gtest.h>

namespace latch::http {
namespace {

using namespace std::chrono_literals;

TEST(FindCookieTest, FindsTheNamedCookieAmongOthers) {
  EXPECT_EQ(find_cookie("a=1; session=abc; b=2", "session"), "abc");
}

TEST(FindCookieTest, MissingCookieIsNullopt) {
  EXPECT_EQ(find_cookie("a=1; b=2", "session"), std::nullopt);
}

TEST(FindCookieTest, EmptyHeaderHasNoCookies) { EXPECT_EQ(find_cookie("", "a"), std::nullopt); }

TEST(FindCookieTest, NameMustMatchExactly) {
  EXPECT_EQ(find_cookie("xsession=1; session_id=2", "session"), std::nullopt);
}

TEST(FindCookieTest, NamesAreCaseSensitive) {
  EXPECT_EQ(find_cookie("Session=1", "session"), std::nullopt);
}

TEST(FindCookieTest, FirstOfRepeatedNamesWins) {
  EXPECT_EQ(find_cookie("a=first; a=second", "a"), "first");
}

TEST(FindCookieTest, ToleratesMissingAndExtraSpaces) {
  EXPECT_EQ(find_cookie("a=1;b=2", "b"), "2");
  EXPECT_EQ(find_cookie("  a = 1 ;  b =  2  ", "b"), "2");
}

TEST(FindCookieTest, StripsDoubleQuotes) { EXPECT_EQ(find_cookie("a=\"quoted\"", "a"), "quoted"); }

TEST(FindCookieTest, EmptyValueIsFoundAsEmpty) { EXPECT_EQ(find_cookie("a=; b=2", "a"), ""); }

TEST(FindCookieTest, ValueMayContainEquals) { EXPECT_EQ(find_cookie("a=x=y", "a"), "x=y"); }

// Issue #14, defect 4: a value outside RFC 6265's cookie-octet was not set by Latch.
TEST(FindCookieTest, ValueWithBytesOutsideCookieOctetsIsIgnored) {
  EXPECT_EQ(find_cookie("a=\xff\xfe", "a"), std::nullopt);
  EXPECT_EQ(find_cookie("a=x\\y", "a"), std::nullopt);
  EXPECT_EQ(find_cookie("a=x y", "a"), std::nullopt);
  EXPECT_EQ(find_cookie("b=\xff; a=ok", "a"), "ok");
}

TEST(FindCookieTest, PairsWithoutEqualsAreSkipped) {
  EXPECT_EQ(find_cookie("garbage; a=1", "a"), "1");
  EXPECT_EQ(find_cookie("a", "a"), std::nullopt);
}

TEST(SetCookieTest, DefaultsAreHttpOnlyLaxOnTheRootPath) {
  EXPECT_EQ(set_cookie("sid", "v", {}), "sid=v; Path=/; HttpOnly; SameSite=Lax");
}

TEST(SetCookieTest, AddsMaxAgeAndSecureWhenAsked) {
  CookieOptions opts{.path = "/oidc", .secure = true, .same_site = "None", .max_age = 3600s};
  EXPECT_EQ(set_cookie("sid", "v", opts),
            "sid=v; Path=/oidc; Max-Age=3600; HttpOnly; Secure; SameSite=None");
}

TEST(SetCookieTest, OmitsHttpOnlyAndSameSiteWhenDisabled) {
  CookieOptions opts{.http_only = false, .same_site = ""};
  EXPECT_EQ(set_cookie("a", "b", opts), "a=b; Path=/");
}

TEST(ClearCookieTest, ExpiresTheCookieAtOnceWithTheSameAttributes) {
  CookieOptions opts{.path = "/oidc", .secure = true};
  EXPECT_EQ(clear_cookie("sid", opts),
            "sid=; Path=/oidc; Max-Age=0; HttpOnly; Secure; SameSite=Lax");
}

}  // namespace
}  // namespace latch::http
