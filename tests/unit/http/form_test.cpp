#include "http/form.hpp"

#include <gtest/gtest.h>

#include <boost/url/parse.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

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

struct EncodeCase {
  std::string name;
  std::string input;
  std::string expected;
};

class PercentEncodeTableTest : public ::testing::TestWithParam<EncodeCase> {};

TEST_P(PercentEncodeTableTest, EscapesAllButUnreservedInUpperCaseHex) {
  EXPECT_EQ(percent_encode(GetParam().input), GetParam().expected);
}

// RFC 3986 §2.1-§2.3: only ALPHA DIGIT - . _ ~ stay as they are.
INSTANTIATE_TEST_SUITE_P(
    Form, PercentEncodeTableTest,
    ::testing::Values(
        EncodeCase{"EmptyIsEmpty", "", ""},
        EncodeCase{"UnreservedStay", "AZaz09-._~", "AZaz09-._~"},
        EncodeCase{"GenDelimsAreEscaped", ":/?#[]@", "%3A%2F%3F%23%5B%5D%40"},
        EncodeCase{"SubDelimsAreEscaped", "!$&'()*+,;=", "%21%24%26%27%28%29%2A%2B%2C%3B%3D"},
        EncodeCase{"SpaceIsPercent20NotPlus", "a b", "a%20b"},
        EncodeCase{"PlusIsEscaped", "a+b", "a%2Bb"},
        EncodeCase{"PercentIsEscaped", "100%", "100%25"},
        EncodeCase{"NulAndControlsAreEscaped", std::string("\0\r\n", 3), "%00%0D%0A"},
        EncodeCase{"Utf8IsEscapedBytewise", "\xC3\xA9\xE6\x97\xA5", "%C3%A9%E6%97%A5"},
        EncodeCase{"FourByteUtf8IsEscapedBytewise", "\xF0\x9F\x94\x91", "%F0%9F%94%91"},
        EncodeCase{"AUrlBecomesOneComponent", "https://a.test/cb?x=1&y=2",
                   "https%3A%2F%2Fa.test%2Fcb%3Fx%3D1%26y%3D2"}),
    [](const auto& info) { return info.param.name; });

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

TEST(EncodeFormTest, KeepsOrderRepeatedNamesAndEmptyValues) {
  Params params{{"scope", "openid profile"}, {"scope", "a+b"}, {"state", ""}, {"k\xC3\xA9", "="}};
  EXPECT_EQ(encode_form(params), "scope=openid%20profile&scope=a%2Bb&state=&k%C3%A9=%3D");
}

struct QueryCase {
  std::string name;
  std::string uri;
  Params params;
  std::string expected;
};

class WithQueryTableTest : public ::testing::TestWithParam<QueryCase> {};

TEST_P(WithQueryTableTest, AppendsToTheQueryBeforeTheFragment) {
  EXPECT_EQ(with_query(GetParam().uri, GetParam().params), GetParam().expected);
}

const Params kCode{{"code", "abc"}};

// RFC 3986 §3.4, §3.5: the query runs from the first '?' to the first '#'.
INSTANTIATE_TEST_SUITE_P(
    Form, WithQueryTableTest,
    ::testing::Values(
        QueryCase{"NoQueryGetsOne", "https://rp.test/cb", kCode, "https://rp.test/cb?code=abc"},
        QueryCase{"ExistingQueryIsKept", "https://rp.test/cb?x=1", kCode,
                  "https://rp.test/cb?x=1&code=abc"},
        QueryCase{"EncodedQueryIsNotReencoded", "https://rp.test/cb?q=a%20b+c", kCode,
                  "https://rp.test/cb?q=a%20b+c&code=abc"},
        QueryCase{"EmptyQueryTakesNoAmpersand", "https://rp.test/cb?", kCode,
                  "https://rp.test/cb?code=abc"},
        QueryCase{"TrailingAmpersandIsNotDoubled", "https://rp.test/cb?x=1&", kCode,
                  "https://rp.test/cb?x=1&code=abc"},
        QueryCase{"FragmentStaysLast", "https://rp.test/cb#top", kCode,
                  "https://rp.test/cb?code=abc#top"},
        QueryCase{"QueryAndFragment", "https://rp.test/cb?x=1#top", kCode,
                  "https://rp.test/cb?x=1&code=abc#top"},
        QueryCase{"QuestionMarkInTheFragmentIsNotAQuery", "https://rp.test/cb#a?b", kCode,
                  "https://rp.test/cb?code=abc#a?b"},
        QueryCase{"EmptyFragmentIsKept", "https://rp.test/cb#", kCode,
                  "https://rp.test/cb?code=abc#"},
        QueryCase{"RelativeReference", "/console/preview/brand.css", Params{{"mode", "dark"}},
                  "/console/preview/brand.css?mode=dark"},
        QueryCase{"PrivateUseScheme", "com.example.app:/cb", kCode, "com.example.app:/cb?code=abc"},
        QueryCase{"ReservedCharactersAreEscaped", "https://rp.test/cb",
                  Params{{"redirect_uri", "https://a.test/cb?x=1&y=2#f"}},
                  "https://rp.test/cb?redirect_uri=https%3A%2F%2Fa.test%2Fcb%3Fx%3D1%26y%3D2%23f"},
        QueryCase{"Utf8IsEscaped", "https://rp.test/cb",
                  Params{{"error_description", "caf\xC3\xA9 ok"}},
                  "https://rp.test/cb?error_description=caf%C3%A9%20ok"},
        QueryCase{"EmptyValueKeepsItsEquals", "https://rp.test/cb", Params{{"state", ""}},
                  "https://rp.test/cb?state="},
        QueryCase{"RepeatedKeysStayRepeated", "https://rp.test/cb?scope=a",
                  Params{{"scope", "b"}, {"scope", "c"}},
                  "https://rp.test/cb?scope=a&scope=b&scope=c"},
        QueryCase{"NoParamsLeaveTheUriAlone", "https://rp.test/cb?#f", Params{},
                  "https://rp.test/cb?#f"}),
    [](const auto& info) { return info.param.name; });

// What a client reads back (Boost.URL's own parser) is what was sent, after the query it had.
TEST(WithQueryTest, ReadsBackAsTheOriginalQueryThenTheParams) {
  Params params{{"state", "a b&c=d"}, {"iss", "https://id.test/oidc"}, {"empty", ""}};
  auto url = boost::urls::parse_uri(with_query("https://rp.test/cb?keep=1#frag", params));
  ASSERT_TRUE(url);
  std::vector<std::pair<std::string, std::string>> read;
  for (auto p : url->params()) read.emplace_back(p.key, p.value);
  std::vector<std::pair<std::string, std::string>> expected{{"keep", "1"}};
  expected.insert(expected.end(), params.items().begin(), params.items().end());
  EXPECT_EQ(read, expected);
  EXPECT_EQ(url->fragment(), "frag");
}

}  // namespace
}  // namespace latch::http
