#include "http/json_body.hpp"

#include <gtest/gtest.h>

namespace latch::http {
namespace {

TEST(JsonBodyTest, ParsesAnObject) {
  auto body = parse_json_object(R"({"name":"Ada","tags":["x"],"n":1})");
  ASSERT_TRUE(body);
  EXPECT_EQ(body->at("name").as_string(), "Ada");
}

TEST(JsonBodyTest, RefusesWhatIsNotAnObject) {
  for (const char* text : {"", "[]", "\"x\"", "{", "{\"a\":1}x"}) {
    auto body = parse_json_object(text);
    ASSERT_FALSE(body) << text;
    EXPECT_EQ(body.error().code, Errc::InvalidRequest);
  }
}

// Issue #14, defects 4 and 18: text no database column may hold.
TEST(JsonBodyTest, RefusesNulAnywhere) {
  for (const char* text : {R"({"name":"a\u0000b"})", R"({"a\u0000":1})",
                           R"({"list":["ok","x\u0000"]})", R"({"deep":{"er":["\u0000"]}})"}) {
    EXPECT_FALSE(parse_json_object(text)) << text;
  }
}

TEST(JsonBodyTest, RefusesInvalidUtf8AndLoneSurrogates) {
  EXPECT_FALSE(parse_json_object("{\"a\":\"\xff\"}"));
  EXPECT_FALSE(parse_json_object(R"({"a":"\ud800"})"));
  EXPECT_TRUE(parse_json_object(R"({"a":"\ud83d\udd12"})"));  // a pair is fine
}

}  // namespace
}  // namespace latch::http
