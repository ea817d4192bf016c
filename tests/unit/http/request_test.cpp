#include "http/request.hpp"

#include <gtest/gtest.h>

namespace latch::http {
namespace {

Request with_header(bhttp::field field, std::string_view value) {
  Request req;
  req.message.set(field, value);
  return req;
}

TEST(ParamsTest, GetReturnsTheFirstValue) {
  Params params({{"a", "1"}, {"a", "2"}});
  EXPECT_EQ(params.get("a"), "1");
  EXPECT_EQ(params.get("b"), std::nullopt);
}

TEST(ParamsTest, ValueOfAnAbsentNameIsEmpty) { EXPECT_EQ(Params().value("x"), ""); }

TEST(ParamsTest, AllAndCountSeeEveryRepetition) {
  Params params({{"r", "x"}, {"s", "y"}, {"r", "z"}});
  EXPECT_EQ(params.all("r"), (std::vector<std::string_view>{"x", "z"}));
  EXPECT_EQ(params.count("r"), 2u);
  EXPECT_EQ(params.count("none"), 0u);
}

TEST(RequestTest, MediaTypeIsLowerCasedWithoutParameters) {
  EXPECT_EQ(
      with_header(bhttp::field::content_type, "Application/X-WWW-Form-URLEncoded ; charset=UTF-8")
          .media_type(),
      "application/x-www-form-urlencoded");
}

TEST(RequestTest, MediaTypeOfARequestWithoutContentTypeIsEmpty) {
  EXPECT_EQ(Request().media_type(), "");
}

TEST(RequestTest, HeaderLookupIsCaseInsensitive) {
  Request req;
  req.message.set("X-Custom", "v");
  EXPECT_EQ(req.header("x-custom"), "v");
  EXPECT_EQ(req.header("missing"), "");
}

TEST(RequestTest, CookieComesFromTheCookieHeader) {
  Request req = with_header(bhttp::field::cookie, "a=1; sid=xyz");
  EXPECT_EQ(req.cookie("sid"), "xyz");
  EXPECT_EQ(req.cookie("none"), std::nullopt);
}

}  // namespace
}  // namespace latch::http
