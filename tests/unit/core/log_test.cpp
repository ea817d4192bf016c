// Issue #14, defect 18: nothing a caller puts in a log field can forge a log line.
#include "core/log.hpp"

#include <gtest/gtest.h>

namespace latch {
namespace {

TEST(EscapeForLogTest, LineBreaksCannotStartANewLine) {
  EXPECT_EQ(escape_for_log("denied\r\n2026-01-01 info admin signed in"),
            "denied\\r\\n2026-01-01 info admin signed in");
}

TEST(EscapeForLogTest, OtherControlCharactersAreShownAsHex) {
  EXPECT_EQ(escape_for_log(std::string("a\x1b[31mred\x7f\0b", 12)), "a\\x1b[31mred\\x7f\\x00b");
  EXPECT_EQ(escape_for_log("tab\there"), "tab\\there");
}

TEST(EscapeForLogTest, PrintableTextAndUtf8PassUnchanged) {
  EXPECT_EQ(escape_for_log("ユーザー \"quoted\" 100%"), "ユーザー \"quoted\" 100%");
}

}  // namespace
}  // namespace latch
