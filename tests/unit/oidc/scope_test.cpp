#include "oidc/scope.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/result_testing.hpp"

namespace latch::oidc {
namespace {

using Strings = std::vector<std::string>;

http::Params resources(std::initializer_list<const char*> values) {
  http::Params params;
  params.add("grant_type", "client_credentials");
  for (const char* v : values) params.add("resource", v);
  return params;
}

TEST(ParseScopeTest, SplitsOnSpacesInOrder) {
  EXPECT_EQ(parse_scope("openid profile email").value(), (Strings{"openid", "profile", "email"}));
}

TEST(ParseScopeTest, EmptyScopeIsNoScopes) { EXPECT_EQ(parse_scope("").value(), Strings{}); }

TEST(ParseScopeTest, ExtraSpacesAreIgnored) {
  EXPECT_EQ(parse_scope("  a   b ").value(), (Strings{"a", "b"}));
}

TEST(ParseScopeTest, DuplicatesCollapseToTheFirst) {
  EXPECT_EQ(parse_scope("b a b a").value(), (Strings{"b", "a"}));
}

TEST(ParseScopeTest, AcceptsEveryPrintableCharacterButQuoteAndBackslash) {
  EXPECT_EQ(parse_scope("read:orders https://api.test/x!#$%&'()*+,-./;<=>?@[]^_`{|}~").value(),
            (Strings{"read:orders", "https://api.test/x!#$%&'()*+,-./;<=>?@[]^_`{|}~"}));
}

struct BadScope {
  std::string name;
  std::string scope;
};

class ParseScopeRejectsTest : public ::testing::TestWithParam<BadScope> {};

TEST_P(ParseScopeRejectsTest, IsInvalidScope) {
  auto parsed = parse_scope(GetParam().scope);
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().code, Errc::InvalidScope);
}

INSTANTIATE_TEST_SUITE_P(Scope, ParseScopeRejectsTest,
                         ::testing::Values(BadScope{"DoubleQuote", "read\"x"},
                                           BadScope{"Backslash", "a\\b"}, BadScope{"Tab", "a\tb"},
                                           BadScope{"Newline", "a\nb"}, BadScope{"Delete", "a\x7f"},
                                           BadScope{"NonAscii", "caf\xC3\xA9"},
                                           BadScope{"Nul", std::string("a\0b", 3)}),
                         [](const auto& info) { return info.param.name; });

TEST(JoinScopeTest, JoinsWithSingleSpaces) {
  EXPECT_EQ(join_scope({"a", "b", "c"}), "a b c");
  EXPECT_EQ(join_scope({}), "");
}

TEST(HasScopeTest, MatchesWholeNamesOnly) {
  EXPECT_TRUE(has_scope({"read", "write"}, "write"));
  EXPECT_FALSE(has_scope({"read:all"}, "read"));
}

TEST(ResourceValuesTest, NoResourceParameterIsEmpty) {
  EXPECT_EQ(resource_values(resources({})).value(), Strings{});
}

TEST(ResourceValuesTest, SingleResource) {
  EXPECT_EQ(resource_values(resources({"https://api.test"})).value(), Strings{"https://api.test"});
}

TEST(ResourceValuesTest, RepeatedParametersAreCollected) {
  EXPECT_EQ(resource_values(resources({"https://a.test", "https://b.test"})).value(),
            (Strings{"https://a.test", "https://b.test"}));
}

TEST(ResourceValuesTest, CommaSeparatedListsAreSplit) {
  EXPECT_EQ(resource_values(resources({"https://a.test,https://b.test", "https://c.test"})).value(),
            (Strings{"https://a.test", "https://b.test", "https://c.test"}));
}

TEST(ResourceValuesTest, DuplicatesAndEmptyItemsAreDropped) {
  EXPECT_EQ(
      resource_values(resources({",https://a.test,,https://a.test,", "https://a.test"})).value(),
      Strings{"https://a.test"});
}

TEST(ResourceValuesTest, UrnsAreAbsoluteUris) {
  EXPECT_EQ(resource_values(resources({"urn:example:api"})).value(), Strings{"urn:example:api"});
}

TEST(ResourceValuesTest, PathAndQueryAreKept) {
  EXPECT_EQ(resource_values(resources({"https://api.test/v1?tenant=a"})).value(),
            Strings{"https://api.test/v1?tenant=a"});
}

struct BadResource {
  std::string name;
  std::string value;
};

class ResourceValuesRejectsTest : public ::testing::TestWithParam<BadResource> {};

TEST_P(ResourceValuesRejectsTest, IsInvalidTarget) {
  http::Params params;
  params.add("resource", "https://fine.test");
  params.add("resource", GetParam().value);
  auto values = resource_values(params);
  ASSERT_FALSE(values);
  EXPECT_EQ(values.error().code, Errc::InvalidTarget);
}

INSTANTIATE_TEST_SUITE_P(Scope, ResourceValuesRejectsTest,
                         ::testing::Values(BadResource{"RelativeName", "orders"},
                                           BadResource{"RelativePath", "/api/orders"},
                                           BadResource{"NetworkPathReference", "//api.test/orders"},
                                           BadResource{"Fragment", "https://api.test/#frag"},
                                           BadResource{"SpaceInside", "https://api.test/a b"},
                                           BadResource{"NonAbsoluteInAList",
                                                       "https://a.test,relative"}),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace latch::oidc
