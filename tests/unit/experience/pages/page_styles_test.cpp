#include "experience/pages/page_kit.hpp"

#include <gtest/gtest.h>

namespace latch::experience {
namespace {

SignInExperience branded() {
  SignInExperience c;
  c.primary_color = "#0B6E4F";
  c.dark_primary_color = "#7FD1AE";
  c.custom_css = ".card { border: 0; }";
  return c;
}

bool has(const std::string& css, std::string_view text) {
  return css.find(text) != std::string::npos;
}

TEST(BrandStylesheetTest, FollowsTheBrowsersColorSchemeByDefault) {
  std::string css = brand_stylesheet(branded());
  EXPECT_TRUE(has(css, ":root { --brand: #0B6E4F"));
  EXPECT_TRUE(has(css, "@media (prefers-color-scheme: dark) { :root { --brand: #7FD1AE"));
  EXPECT_TRUE(css.ends_with(".card { border: 0; }\n"));
}

TEST(BrandStylesheetTest, ForcedDarkAppliesTheDarkColorsUnconditionally) {
  std::string css = brand_stylesheet(branded(), ColorScheme::Dark);
  EXPECT_FALSE(has(css, "prefers-color-scheme"));
  EXPECT_LT(css.find("--brand: #0B6E4F"), css.find("--brand: #7FD1AE"));  // dark wins
  EXPECT_TRUE(has(css, "--bg: #14141c"));
}

TEST(BrandStylesheetTest, ForcedLightLeavesTheDarkColorsOut) {
  std::string css = brand_stylesheet(branded(), ColorScheme::Light);
  EXPECT_FALSE(has(css, "#7FD1AE"));
  EXPECT_FALSE(has(css, "prefers-color-scheme"));
  EXPECT_TRUE(has(css, ".card { border: 0; }"));
}

TEST(BrandStylesheetTest, ForcedDarkStaysLightWhenDarkModeIsOff) {
  SignInExperience c = branded();
  c.dark_mode_enabled = false;
  EXPECT_FALSE(has(brand_stylesheet(c, ColorScheme::Dark), "#7FD1AE"));
}

}  // namespace
}  // namespace latch::experience
