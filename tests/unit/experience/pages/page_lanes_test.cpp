#include "experience/pages/page_lanes.hpp"

#include <gtest/gtest.h>

#include <string>

namespace latch::experience::page_lanes {
namespace {

using http::Lane;

// A form POST with `body` (application/x-www-form-urlencoded).
http::Request form_post(const std::string& body) {
  http::Request req;
  req.message.method(http::bhttp::verb::post);
  req.message.set(http::bhttp::field::content_type, "application/x-www-form-urlencoded");
  req.message.body() = body;
  return req;
}

struct Case {
  const char* what;
  Lane (*rule)(const http::Request&);
  std::string body;
  Lane lane;
};

class PageLaneTest : public ::testing::TestWithParam<Case> {};

TEST_P(PageLaneTest, PicksThePoolOfTheStepThePageWillRun) {
  EXPECT_EQ(GetParam().rule(form_post(GetParam().body)), GetParam().lane) << GetParam().what;
}

INSTANTIATE_TEST_SUITE_P(
    Rules, PageLaneTest,
    ::testing::Values(
        Case{"sign-in: send a code", sign_in, "identifier=a%40b.c&action=code", Lane::Outbound},
        Case{"sign-in: password button", sign_in, "identifier=a&password=p&action=password",
             Lane::Hashing},
        Case{"sign-in: Enter without a button", sign_in, "identifier=a&password=p", Lane::Hashing},
        Case{"register: with a password", sign_up, "identifier=a&password=p&confirm=p",
             Lane::Hashing},
        Case{"register: code first", sign_up, "identifier=a%40b.c", Lane::Outbound},
        Case{"code: resend", code, "action=resend", Lane::Outbound},
        Case{"code: verify", code, "code=123456&action=verify", Lane::Database},
        Case{"continue: password", continue_step, "field=password&password=p", Lane::Hashing},
        Case{"continue: email", continue_step, "field=email&value=a%40b.c", Lane::Outbound},
        Case{"continue: phone", continue_step, "field=phone&value=%2B100", Lane::Outbound},
        Case{"continue: username", continue_step, "field=username&value=a", Lane::Database},
        Case{"link: with a code", social_link, "action=code", Lane::Outbound},
        Case{"link: with the password", social_link, "action=password&password=p", Lane::Hashing},
        Case{"link: a new account instead", social_link, "action=register", Lane::Database},
        Case{"a body that is not a form", sign_in, "%zz", Lane::Database}),
    [](const auto& info) { return "Case" + std::to_string(info.index); });

TEST(PageLaneFormTest, AFormInAnotherContentTypeGoesToTheDatabasePool) {
  http::Request req = form_post("action=code");
  req.message.set(http::bhttp::field::content_type, "text/plain");
  EXPECT_EQ(sign_in(req), Lane::Database);
}

}  // namespace
}  // namespace latch::experience::page_lanes
