// The SMTP sender against the in-process SMTP fake: what it writes comes from its inputs and the
// clock it was given, not from the machine's.
#include "connectors/email/smtp_client.hpp"

#include <gtest/gtest.h>

#include <string>

#include "fakes/smtp/fake_smtp_server.hpp"
#include "support/fake_clock.hpp"

namespace latch::connectors {
namespace {

// RFC 5322 §3.6.1: the origination date is the clock's, in UTC.
TEST(SmtpSenderTest, DatesTheMessageByTheInjectedClock) {
  test::FakeSmtpServer smtp;
  test::FakeClock clock;  // 1'700'000'000: Tuesday, 14 November 2023, 22:13:20 UTC
  SmtpSender sender({.host = "127.0.0.1",
                     .port = smtp.port(),
                     .security = "none",
                     .from = "Latch <no-reply@example.test>"},
                    clock);
  auto sent = sender.send({"reader@example.test", "Your code", "Your code is 123456"});
  ASSERT_TRUE(sent) << sent.error().description << ": " << sent.error().detail;
  auto mail = smtp.wait_for(1);
  EXPECT_NE(mail.data.find("\r\nDate: Tue, 14 Nov 2023 22:13:20 +0000\r\n"), std::string::npos)
      << mail.data;
  EXPECT_EQ(mail.code(), "123456");
}

}  // namespace
}  // namespace latch::connectors
