#include "http/form.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "support/result_testing.hpp"

namespace latch::http {
namespace {

struct DecodeCase {
  std::string name;
  std::string input;
  bool plus_as_space;
  std::optional<std::string> expected;  // nullopt: rejected
};

class PercentDecodeTest : public ::testing::TestWithParam<DecodeCase> {};

TEST_P(PercentDecodeTest, DecodesOrRejects) {
  const DecodeCase& c = GetParam();
  EXPECT_EQ(percent_decode(c.input, c.plus_as_space), c.expected);
}

INSTANTIATE_TEST_SUITE_P(
    Form, PercentDecodeTest,
    ::testing::Values(
        DecodeCase{"PlainTextIsUnchanged", "abc-._~", true, "abc-._~"},
        DecodeCase{"EmptyIsEmpty", "", true, ""},
        DecodeCase{"EscapeDecodes", "a%20b", false, "a b"},
        DecodeCase{"LowerCaseHexDecodes", "%2f%3a", false, "/:"},
        DecodeCase{"UpperCaseHexDecodes", "%2F%3A", false, "/:"},
        DecodeCase{"PlusIsSpaceInForms", "a+b", true, "a b"},
        DecodeCase{"PlusStaysPlusInPaths", "a+b", false, "a+b"},
        DecodeCase{"EncodedPlusIsPlusInForms", "a%2Bb", true, "a+b"},
        DecodeCase{"Utf8BytesDecode", "%C3%A9", false, "\xC3\xA9"},
        DecodeCase{"EscapeAtTheEndDecodes", "ab%41", false, "abA"},
        DecodeCase{"LonePercentIsRejected", "%", false, std::nullopt},
        DecodeCase{"OneHexDigitIsRejected", "%4", false, std::nullopt},
        DecodeCase{"TruncatedEscapeAtTheEndIsRejected", "abc%4", false, std::nullopt},
        DecodeCase{"NonHexDigitsAreRejected", "%zz", false, std::nullopt},
        DecodeCase{"HalfHexIsRejected", "%4g", false, std::nullopt},
        DecodeCase{"EncodedNulIsRejected", "a%00b", false, std::nullopt},
        DecodeCase{"RawNulIsRejected", std::string("a\0b", 3), false, std::nullopt},
        DecodeCase{"PercentFollowedByPercentIsRejected", "%%41", false, std::nullopt},
        // RFC 3629: decoded text is UTF-8 (found by fuzz/authorization_request_fuzz).
        DecodeCase{"FourByteUtf8Decodes", "%F0%9F%94%91", false, "\xF0\x9F\x94\x91"},
        DecodeCase{"LargestCodePointDecodes", "%F4%8F%BF%BF", false, "\xF4\x8F\xBF\xBF"},
        DecodeCase{"LoneHighByteIsRejected", "%FF", false, std::nullopt},
        DecodeCase{"RawHighByteIsRejected", "a\xFF", false, std::nullopt},
        DecodeCase{"StrayContinuationByteIsRejected", "%80", false, std::nullopt},
        DecodeCase{"TruncatedSequenceIsRejected", "%E2%82", false, std::nullopt},
        DecodeCase{"OverlongSlashIsRejected", "%C0%AF", false, std::nullopt},
        DecodeCase{"OverlongThreeByteIsRejected", "%E0%80%AF", false, std::nullopt},
        DecodeCase{"SurrogateIsRejected", "%ED%A0%80", false, std::nullopt},
        DecodeCase{"AboveLargestCodePointIsRejected", "%F4%90%80%80", false, std::nullopt}),
    [](const auto& info) { return info.param.name; });

TEST(PercentEncodeTest, KeepsUnreservedCharacters) {
  EXPECT_EQ(percent_encode("AZaz09-._~"), "AZaz09-._~");
}

TEST(PercentEncodeTest, EscapesEverythingElseInUpperCaseHex) {
  EXPECT_EQ(percent_encode("a b/c?d=e&f+\xC3\xA9"), "a%20b%2Fc%3Fd%3De%26f%2B%C3%A9");
}

TEST(PercentEncodeTest, RoundTripsThroughDecode) {
  const std::string text = "https://x.test/cb?a=1&b=two words+more%";
  EXPECT_EQ(percent_decode(percent_encode(text), true), text);
}

TEST(ParseFormTest, KeepsPairsInOrder) {
  auto params = parse_form("b=2&a=1");
  ASSERT_TRUE(params);
  ASSERT_EQ(params->items().size(), 2u);
  EXPECT_EQ(params->items()[0].first, "b");
  EXPECT_EQ(params->items()[1].first, "a");
}

TEST(ParseFormTest, DecodesNamesAndValues) {
  auto params = parse_form("redirect%5Furi=https%3A%2F%2Fa.test%2Fcb&scope=openid+profile");
  ASSERT_TRUE(params);
  EXPECT_EQ(params->value("redirect_uri"), "https://a.test/cb");
  EXPECT_EQ(params->value("scope"), "openid profile");
}

TEST(ParseFormTest, KeepsRepeatedNames) {
  auto params = parse_form("resource=a&resource=b");
  ASSERT_TRUE(params);
  EXPECT_EQ(params->count("resource"), 2u);
  EXPECT_EQ(params->all("resource"), (std::vector<std::string_view>{"a", "b"}));
}

TEST(ParseFormTest, NameWithoutEqualsHasAnEmptyValue) {
  auto params = parse_form("flag&x=1");
  ASSERT_TRUE(params);
  ASSERT_TRUE(params->get("flag"));
  EXPECT_EQ(*params->get("flag"), "");
}

TEST(ParseFormTest, EmptyValueIsPresentButEmpty) {
  auto params = parse_form("grant_type=");
  ASSERT_TRUE(params);
  EXPECT_EQ(params->count("grant_type"), 1u);
  EXPECT_EQ(params->value("grant_type"), "");
}

TEST(ParseFormTest, SkipsEmptyPairs) {
  auto params = parse_form("&&a=1&&");
  ASSERT_TRUE(params);
  EXPECT_EQ(params->items().size(), 1u);
}

TEST(ParseFormTest, ValueMayContainEquals) {
  auto params = parse_form("a=b=c");
  ASSERT_TRUE(params);
  EXPECT_EQ(params->value("a"), "b=c");
}

TEST(ParseFormTest, EmptyBodyHasNoParams) {
  auto params = parse_form("");
  ASSERT_TRUE(params);
  EXPECT_TRUE(params->empty());
}

TEST(ParseFormTest, MalformedEscapeInValueIsInvalidRequest) {
  auto params = parse_form("a=1&b=%zz");
  ASSERT_FALSE(params);
  EXPECT_EQ(params.error().code, Errc::InvalidRequest);
}

TEST(ParseFormTest, MalformedEscapeInNameIsInvalidRequest) {
  auto params = parse_form("%4=1");
  ASSERT_FALSE(params);
  EXPECT_EQ(params.error().code, Errc::InvalidRequest);
}

TEST(ParseFormTest, EncodedNulIsInvalidRequest) { EXPECT_FALSE(parse_form("code=abc%00def")); }

// An authorization request with state=%9B... was accepted, stored, and then could not be read
// back as JSON: the browser got "sign-in session not found" instead of a clear refusal.
TEST(ParseFormTest, ValueThatIsNotUtf8IsInvalidRequest) {
  auto params = parse_form("client_id=web&state=%9B%D9%8C");
  ASSERT_FALSE(params);
  EXPECT_EQ(params.error().code, Errc::InvalidRequest);
}

TEST(EncodeFormTest, RoundTripsThroughParse) {
  Params params;
  params.add("redirect_uri", "https://a.test/cb?x=1&y=2");
  params.add("scope", "openid profile");
  params.add("scope", "+plus");
  auto parsed = parse_form(encode_form(params));
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->items(), params.items());
}

TEST(EncodeFormTest, EmptyParamsEncodeToEmptyText) { EXPECT_EQ(encode_form(Params{}), ""); }

}  // namespace
}  // namespace latch::http
