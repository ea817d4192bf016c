#include <gtest/gtest.h>

#include <set>
#include <string>

#include "experience/i18n/i18n.hpp"
#include "experience/security/password_policy.hpp"

namespace latch::experience {
namespace {

std::set<std::string> keys(std::span<const Phrase> phrases) {
  std::set<std::string> out;
  for (const auto& p : phrases) EXPECT_TRUE(out.insert(std::string(p.key)).second) << p.key;
  return out;
}

TEST(CatalogTest, EnglishAndJapaneseHaveExactlyTheSameKeys) {
  EXPECT_EQ(keys(english_phrases()), keys(japanese_phrases()));
}

TEST(LanguageTest, UiLocalesWinOverAcceptLanguage) {
  SignInExperience c;
  EXPECT_EQ(choose_language(c, "ja-JP", "en-US,en;q=0.9"), Lang::Ja);
  EXPECT_EQ(choose_language(c, "fr", "ja,en;q=0.5"), Lang::Ja);
  EXPECT_EQ(choose_language(c, "", "de"), Lang::En);
  c.auto_detect_language = false;
  c.fallback_language = "ja";
  EXPECT_EQ(choose_language(c, "en", "en"), Lang::Ja);
}

TEST(PasswordPolicyTest, RejectsCommonShortAndIdentifierPasswords) {
  PasswordPolicy p;
  EXPECT_EQ(check_password(p, "Password1", {}).error().key, "password.common");
  EXPECT_EQ(check_password(p, "qwerty2024", {}).error().key, "password.common");
  EXPECT_EQ(check_password(p, "abc", {}).error().key, "password.too_short");
  EXPECT_EQ(check_password(p, "xx-alice-99", {"alice@example.test"}).error().key,
            "password.contains_user_info");
  EXPECT_TRUE(check_password(p, "Correct-Horse-9", {"alice"}));
  p.min_character_types = 3;
  EXPECT_EQ(check_password(p, "alllowercase", {}).error().key, "password.character_types");
}

// Logto's rejects.repetitionAndSequence: refused when runs of three or more (one character, or
// characters in order along a row) cover all but three of the password's characters.
TEST(PasswordPolicyTest, RejectsPasswordsThatAreMostlyRunsWhenAsked) {
  PasswordPolicy p;
  p.min_length = 3;
  p.reject_common = false;
  EXPECT_TRUE(check_password(p, "12345678", {}));  // off by default
  p.reject_repetition_and_sequence = true;
  EXPECT_EQ(check_password(p, "12345678", {}).error().key, "password.sequence");
  EXPECT_EQ(check_password(p, "zyxwvuts", {}).error().key, "password.sequence");
  EXPECT_EQ(check_password(p, "QWERTYUI", {}).error().key, "password.sequence");
  EXPECT_EQ(check_password(p, "aaaaaaaa", {}).error().key, "password.repetition");
  EXPECT_EQ(check_password(p, "123", {}).error().key, "password.sequence");
  EXPECT_TRUE(check_password(p, "123-Horse-Battery", {}));
  EXPECT_TRUE(check_password(p, "x7Kp2mQz", {}));
}

}  // namespace
}  // namespace latch::experience
