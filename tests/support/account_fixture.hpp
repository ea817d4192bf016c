#pragma once

#include <gtest/gtest.h>

#include <boost/json/value.hpp>
#include <memory>
#include <string>

#include "fakes/smtp/fake_smtp_server.hpp"
#include "support/code_flow.hpp"
#include "support/test_server.hpp"

// The Account API's test bed: one server per suite with an email connector on a fake SMTP
// server, an SPA that signs users in (and a third-party app), and a helper per kind of call.
namespace latch::test {

// Every scope the Account API checks.
inline constexpr const char* kAccountScopes =
    "openid profile email phone address custom_data identities urn:logto:scope:sessions";

// A user signed in to the SPA: who, with what password, and the opaque access token.
struct AccountUser {
  std::string id;
  UserSpec spec;
  std::string token;
};

class AccountApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite();
  static void TearDownTestSuite();
  void SetUp() override { ASSERT_NE(server_, nullptr) << setup_error_; }

  static TestServer& server() { return *server_; }
  static bool server_ready() { return server_ != nullptr; }
  static FakeSmtpServer& smtp() { return *smtp_; }

  // A new user (unique username, an email at example.test) signed in with `scope`.
  AccountUser new_user(const std::string& scope = kAccountScopes, bool with_email = true);
  // Signs `user` in again (a new browser, so a new session) with `scope`: a fresh token.
  std::string sign_in(const AccountUser& user, const std::string& scope = kAccountScopes,
                      bool third_party = false);
  // `method` /api`path` with the token and, when not empty, the verification record header.
  HttpResponse call(const std::string& token, boost::beast::http::verb method,
                    const std::string& path, const boost::json::value& body = nullptr,
                    const std::string& record = "");
  // A password verification record of `user` (fails the test when none is made).
  std::string password_record(const AccountUser& user);
  // Sends a code to `email` and verifies it with the code the fake SMTP server received;
  // returns the record id.
  std::string email_record(const std::string& token, const std::string& email);
  // PATCH /api/sign-in-exp or /api/account-center with a management token.
  static void manage(boost::beast::http::verb method, const std::string& path,
                     const boost::json::value& body);
  // Any management API call, with its answer.
  static HttpResponse management(boost::beast::http::verb method, const std::string& path,
                                 const boost::json::value& body = nullptr);

  static std::string code_of(const HttpResponse& r);  // {code} of an error body

  static inline AppCredentials spa_, partner_;
  static constexpr const char* kSpaCallback = "http://localhost:5173/callback";
  static constexpr const char* kPartnerCallback = "https://partner.example.test/cb";

 private:
  static inline std::unique_ptr<TestServer> server_;
  static inline std::unique_ptr<FakeSmtpServer> smtp_;
  static inline std::string setup_error_;
  static inline std::string management_token_;
  static inline int users_ = 0;
};

}  // namespace latch::test
