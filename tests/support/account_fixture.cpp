#include "support/account_fixture.hpp"

#include <boost/json.hpp>

#include "support/eventually.hpp"
#include "support/provisioning.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;
using boost::beast::http::verb;

void must(const ProcessResult& r) {
  if (r.exit_code != 0) throw std::runtime_error("cli failed: " + r.err);
}

}  // namespace

void AccountApiTest::SetUpTestSuite() {
  try {
    server_ = std::make_unique<TestServer>();
    smtp_ = std::make_unique<FakeSmtpServer>();
    must(server_->cli({"email", "set-smtp", "--host", "127.0.0.1", "--port",
                       std::to_string(smtp_->port()), "--security", "none", "--from",
                       "Latch <no-reply@example.test>"}));
    spa_ = create_user_app(*server_, {.type = "spa", .redirect_uris = {kSpaCallback}});
    partner_ = create_user_app(
        *server_,
        {.type = "traditional", .redirect_uris = {kPartnerCallback}, .third_party = true});
    auto admin = create_app(*server_, "m2m", {"--management-api"});
    if (!wait_until_client_known(*server_, spa_, kSpaCallback) ||
        !wait_until_client_known(*server_, partner_, kPartnerCallback) ||
        !wait_until_token_issued(*server_, admin, "urn:latch:management")) {
      throw std::runtime_error("the server did not load the apps");
    }
    http::Params params{{"grant_type", "client_credentials"},
                        {"resource", "urn:latch:management"},
                        {"scope", "all"}};
    management_token_ = json_text(token_request(*server_, admin, params).json(), "access_token");
  } catch (const std::exception& e) {
    setup_error_ = e.what();
    smtp_.reset();
    server_.reset();
  }
}

void AccountApiTest::TearDownTestSuite() {
  smtp_.reset();
  server_.reset();
}

std::string AccountApiTest::sign_in(const AccountUser& user, const std::string& scope,
                                    bool third_party) {
  if (!third_party) {
    AuthorizeRequest request{.client_id = spa_.id, .redirect_uri = kSpaCallback, .scope = scope};
    return json_text(sign_in_and_redeem(*server_, spa_, request, user.spec), "access_token");
  }
  BrowserSession browser(*server_);
  AuthorizeRequest request{
      .client_id = partner_.id, .redirect_uri = kPartnerCallback, .scope = scope};
  HttpResponse page =
      authorize_and_sign_in(browser, request, user.spec.username, user.spec.password);
  http::Params decision;
  decision.add("decision", "allow");
  HttpResponse callback = browser.submit(page, decision);
  auto tokens = redeem_code(*server_, partner_, test::code_of(callback), kPartnerCallback);
  return json_text(tokens.json(), "access_token");
}

AccountUser AccountApiTest::new_user(const std::string& scope, bool with_email) {
  AccountUser user;
  std::string name = "acct_user_" + std::to_string(++users_);
  user.spec = {.username = name, .password = "Juniper-Lantern-7731", .name = "Account User"};
  if (with_email) user.spec.email = name + "@example.test";
  user.id = create_user(*server_, user.spec);
  user.token = sign_in(user, scope);
  EXPECT_FALSE(user.token.empty());
  return user;
}

HttpResponse AccountApiTest::call(const std::string& token, verb method, const std::string& path,
                                  const json::value& body, const std::string& record) {
  Headers headers;
  if (!token.empty()) headers.push_back({"Authorization", "Bearer " + token});
  if (!record.empty()) headers.push_back({"logto-verification-id", record});
  std::string text;
  if (!body.is_null()) {
    headers.push_back({"Content-Type", "application/json"});
    text = json::serialize(body);
  }
  return server_->client().request(method, "/api" + path, text, headers);
}

std::string AccountApiTest::password_record(const AccountUser& user) {
  auto res = call(user.token, verb::post, "/verifications/password",
                  json::object{{"password", user.spec.password}});
  EXPECT_EQ(res.status, 201u) << res.body;
  return json_text(res.json(), "verificationRecordId");
}

std::string AccountApiTest::email_record(const std::string& token, const std::string& email) {
  std::size_t before = smtp_->messages().size();
  json::object identifier{{"type", "email"}, {"value", email}};
  auto sent = call(token, verb::post, "/verifications/verification-code",
                   json::object{{"identifier", identifier}});
  EXPECT_EQ(sent.status, 201u) << sent.body;
  std::string id = json_text(sent.json(), "verificationRecordId");
  std::string code;
  eventually([&] {
    auto messages = smtp_->messages();
    for (std::size_t i = before; i < messages.size(); ++i) {
      if (messages[i].to.find(email) != std::string::npos) code = messages[i].code();
    }
    return !code.empty();
  });
  EXPECT_FALSE(code.empty()) << "no code reached " << email;
  auto verified =
      call(token, verb::post, "/verifications/verification-code/verify",
           json::object{{"identifier", identifier}, {"verificationId", id}, {"code", code}});
  EXPECT_EQ(verified.status, 200u) << verified.body;
  return id;
}

void AccountApiTest::manage(verb method, const std::string& path, const json::value& body) {
  auto res = management(method, path, body);
  ASSERT_EQ(res.status, 200u) << path << ": " << res.body;
}

HttpResponse AccountApiTest::management(verb method, const std::string& path,
                                        const json::value& body) {
  return management_request(*server_, method, path, body, management_token_);
}

std::string AccountApiTest::code_of(const HttpResponse& r) {
  auto v = r.json();
  return v.is_object() && v.as_object().contains("code") ? std::string(v.at("code").as_string())
                                                         : "";
}

}  // namespace latch::test
