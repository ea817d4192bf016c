// Codes by email through an SMTP server that requires STARTTLS and AUTH, as a real submission
// server on port 587 does: the certificate is verified against the configured CA file and the
// host name, and a server Latch cannot trust gets nothing (the person sees a readable error).
#include <gtest/gtest.h>

#include "fakes/smtp/fake_smtp_server.hpp"
#include "support/code_flow.hpp"
#include "support/eventually.hpp"
#include "support/provisioning.hpp"

namespace latch::test {
namespace {

constexpr const char* kCallback = "http://localhost:3000/callback";

class SmtpStartTlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    app_ = create_user_app(server_, {.redirect_uris = {kCallback}});
    ASSERT_TRUE(wait_until_client_known(server_, app_, kCallback));
    ASSERT_EQ(server_.cli({"experience", "sign-up", "passwordless"}).exit_code, 0);
  }

  void set_smtp(std::vector<std::string> extra) {
    std::vector<std::string> args{"email",      "set-smtp",
                                  "--host",     "127.0.0.1",
                                  "--port",     std::to_string(smtp_.port()),
                                  "--security", "starttls",
                                  "--username", "latch-mailer",
                                  "--password", "mail-secret",
                                  "--from",     "Latch <no-reply@example.test>"};
    args.insert(args.end(), extra.begin(), extra.end());
    auto r = server_.cli(args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }

  // Asks for a sign-in code for `email` on the sign-in page; the page the browser ends on.
  HttpResponse ask_for_code(BrowserSession& browser, const std::string& email) {
    HttpResponse page;
    EXPECT_TRUE(eventually([&] {  // until the passwordless preset is loaded
      page = browser.navigate(
          AuthorizeRequest{.client_id = app_.id, .redirect_uri = kCallback}.target());
      return page.body.find("value=\"code\"") != std::string::npos;
    }));
    http::Params fields;
    fields.add("identifier", email);
    fields.add("action", "code");
    return browser.submit(page, fields);
  }

  FakeSmtpServer smtp_{true};
  TestServer server_;
  AppCredentials app_;
};

TEST_F(SmtpStartTlsTest, CodesTravelOverStartTlsWithAuth) {
  set_smtp({"--ca-file", smtp_.ca_file()});
  BrowserSession browser(server_);
  auto page = ask_for_code(browser, "reader@example.test");
  EXPECT_EQ(page.status, 200u);
  EXPECT_NE(page.body.find("reader@example.test"), std::string::npos);  // the code page
  auto mail = smtp_.wait_for(1);
  EXPECT_TRUE(mail.tls);
  EXPECT_EQ(mail.auth, std::string("\0latch-mailer\0mail-secret", 25));
  EXPECT_EQ(mail.code().size(), 6u);
  EXPECT_NE(mail.to.find("reader@example.test"), std::string::npos);
}

TEST_F(SmtpStartTlsTest, AnUntrustedCertificateSendsNothingAndSaysSo) {
  set_smtp({});  // the system's CAs only: the fake's self-signed certificate is not trusted
  BrowserSession browser(server_);
  auto page = ask_for_code(browser, "reader@example.test");
  EXPECT_EQ(page.status, 400u);
  EXPECT_NE(page.body.find("role=\"alert\""), std::string::npos) << page.body.substr(0, 2000);
  EXPECT_TRUE(smtp_.messages().empty());
  EXPECT_EQ(server_.client().get("/healthz").status, 200u);
}

}  // namespace
}  // namespace latch::test
