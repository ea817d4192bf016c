#include "core/json.hpp"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>
#include <string>

namespace latch {
namespace {

TEST(ParseJsonTest, ReadsADocument) {
  auto value = parse_json(R"({"a":[1,-2.5,true,null,"\u00e9"],"b":{}})");
  ASSERT_TRUE(value);
  EXPECT_EQ(boost::json::serialize(*value), R"({"a":[1,-2.5E0,true,null,"é"],"b":{}})");
}

TEST(ParseJsonTest, MalformedTextIsInvalidRequest) {
  auto value = parse_json("{\"a\":");
  ASSERT_FALSE(value);
  EXPECT_EQ(value.error().code, Errc::InvalidRequest);
}

// Found by fuzz/jws_fuzz.cpp: Boost.JSON 1.81 reads 1e999 as infinity and writes it back as
// `Infinity`, so a document stored from it never read back (GET /api/connectors answered 500
// after an SMTP connector was saved with such a number in its templates).
TEST(ParseJsonTest, NumbersBeyondADoubleAreInvalidRequest) {
  for (const char* text : {"1e999", "-1e400", R"({"a":[0,{"b":190001e309}]})"}) {
    auto value = parse_json(text);
    ASSERT_FALSE(value) << text;
    EXPECT_EQ(value.error().code, Errc::InvalidRequest) << text;
  }
}

TEST(ParseJsonTest, NumbersThatUnderflowReadAsZero) {
  auto value = parse_json("[1e-400]");
  ASSERT_TRUE(value);
  EXPECT_EQ(value->as_array().at(0).as_double(), 0.0);
}

TEST(ParseJsonTest, InvalidUtf8IsInvalidRequest) { EXPECT_FALSE(parse_json("\"\xFF\"")); }

TEST(JsonTextTest, ReadsAStringMember) {
  boost::json::object o{{"name", "Ada"}, {"empty", ""}};
  EXPECT_EQ(json_text(o, "name"), "Ada");
  EXPECT_EQ(json_text(o, "empty", "fallback"), "");  // present and empty is not absent
}

TEST(JsonTextTest, AbsentMemberIsTheFallback) {
  boost::json::object o{{"name", "Ada"}};
  EXPECT_EQ(json_text(o, "missing"), "");
  EXPECT_EQ(json_text(o, "missing", "starttls"), "starttls");
}

TEST(JsonTextTest, MemberOfAnotherTypeIsTheFallback) {
  boost::json::object o{{"n", 42}, {"b", true}, {"z", nullptr}, {"o", boost::json::object{}}};
  for (const char* key : {"n", "b", "z", "o"}) {
    EXPECT_EQ(json_text(o, key, "x"), "x") << key;
  }
}

}  // namespace
}  // namespace latch
