// The email (SMTP) and SMS (HTTP) connectors through the management API, as Logto's ordinary
// connectors: factories with a type, one instance per kind, secrets masked, test messages.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <optional>

#include "fakes/smtp/fake_smtp_server.hpp"
#include "support/code_flow.hpp"
#include "support/provisioning.hpp"
#include "support/shared_server.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;
using boost::beast::http::verb;

constexpr const char* kSmtp = "simple-mail-transfer-protocol";
constexpr const char* kSms = "http-sms";

class MessageConnectorsApiTest : public SharedServerTest<MessageConnectorsApiTest> {
 public:
  static void provision(TestServer& server) {
    auto app = create_app(server, "m2m", {"--management-api"});
    if (!wait_until_token_issued(server, app, "urn:latch:management")) {
      throw std::runtime_error("the server did not load the app");
    }
    auto res = token_with_basic(
        server, app, "grant_type=client_credentials&resource=urn:latch:management&scope=all");
    token_ = json_text(res.json(), "access_token");
  }

 protected:
  void SetUp() override {
    SharedServerTest::SetUp();
    // Each test starts with neither connector configured.
    for (const char* id : {kSmtp, kSms}) call(verb::delete_, std::string("/api/connectors/") + id);
  }

  HttpResponse call(verb method, const std::string& path, const json::value& body = nullptr,
                    const std::string& token = token_) {
    return management_request(server(), method, path, body, token);
  }

  HttpResponse create(const std::string& factory, json::object config) {
    return call(verb::post, "/api/connectors",
                json::object{{"connectorId", factory}, {"config", std::move(config)}});
  }

  static json::object smtp_config(const FakeSmtpServer& smtp) {
    return {{"host", "127.0.0.1"},       {"port", smtp.port()},
            {"security", "none"},        {"username", "mailer"},
            {"password", "smtp-s3cret"}, {"from", "Latch <no-reply@example.test>"}};
  }

  static inline std::string token_;
};

// The member of the JSON array `list` with `id`, if any.
std::optional<json::value> find_by_id(const json::value& list, std::string_view id) {
  for (const auto& item : list.as_array()) {
    if (json_text(item, "id") == id) return item;
  }
  return std::nullopt;
}

TEST_F(MessageConnectorsApiTest, FactoriesCarryLogtosConnectorType) {
  auto res = call(verb::get, "/api/connector-factories");
  ASSERT_EQ(res.status, 200u);
  auto list = res.json();
  for (auto [id, type] :
       {std::pair{kSmtp, "Email"}, {kSms, "Sms"}, {"github-universal", "Social"}}) {
    auto factory = find_by_id(list, id);
    ASSERT_TRUE(factory) << id;
    EXPECT_EQ(json_text(*factory, "type"), type) << id;
  }
  auto smtp = call(verb::get, std::string("/api/connector-factories/") + kSmtp);
  ASSERT_EQ(smtp.status, 200u);
  bool password_is_secret = false;
  auto factory = smtp.json();
  for (const auto& item : factory.at("formItems").as_array()) {
    if (json_text(item, "key") == "password") password_is_secret = item.at("isSecret").as_bool();
  }
  EXPECT_TRUE(password_is_secret);
}

TEST_F(MessageConnectorsApiTest, AnSmtpConnectorIsCreatedListedAndReadWithItsPasswordMasked) {
  FakeSmtpServer smtp;
  auto created = create(kSmtp, smtp_config(smtp));
  ASSERT_EQ(created.status, 200u) << created.body;
  auto connector = created.json();
  EXPECT_EQ(json_text(connector, "id"), kSmtp);
  EXPECT_EQ(json_text(connector, "connectorId"), kSmtp);
  EXPECT_EQ(json_text(connector, "type"), "Email");
  EXPECT_EQ(json_text(connector.at("config"), "password"), "********");
  EXPECT_EQ(json_text(connector.at("config"), "host"), "127.0.0.1");
  EXPECT_TRUE(connector.at("config").at("verifyCertificate").as_bool());  // the default

  auto list = call(verb::get, "/api/connectors");
  ASSERT_EQ(list.status, 200u);
  auto listed = find_by_id(list.json(), kSmtp);
  ASSERT_TRUE(listed) << list.body;
  EXPECT_EQ(json_text(*listed, "type"), "Email");
  auto one = call(verb::get, std::string("/api/connectors/") + kSmtp);
  ASSERT_EQ(one.status, 200u);
  EXPECT_EQ(json_text(one.json().at("config"), "password"), "********");
  EXPECT_EQ(one.body.find("smtp-s3cret"), std::string::npos);
}

TEST_F(MessageConnectorsApiTest, TheTestMessageGoesThroughTheCreatedSmtpConnector) {
  FakeSmtpServer smtp;
  ASSERT_EQ(create(kSmtp, smtp_config(smtp)).status, 200u);
  auto sent = call(verb::post, std::string("/api/connectors/") + kSmtp + "/test",
                   json::object{{"email", "ops@example.test"}});
  EXPECT_EQ(sent.status, 204u) << sent.body;
  auto mail = smtp.wait_for(1);
  EXPECT_NE(mail.to.find("ops@example.test"), std::string::npos);
  EXPECT_EQ(mail.auth, std::string("\0mailer\0smtp-s3cret", 19));
}

TEST_F(MessageConnectorsApiTest, PatchingWithTheMaskKeepsTheStoredPassword) {
  FakeSmtpServer smtp;
  ASSERT_EQ(create(kSmtp, smtp_config(smtp)).status, 200u);
  auto patched = call(
      verb::patch, std::string("/api/connectors/") + kSmtp,
      json::object{{"config", {{"password", "********"}, {"from", "Ops <ops@example.test>"}}}});
  ASSERT_EQ(patched.status, 200u) << patched.body;
  EXPECT_EQ(json_text(patched.json().at("config"), "from"), "Ops <ops@example.test>");
  EXPECT_EQ(json_text(patched.json().at("config"), "password"), "********");
  EXPECT_EQ(json_text(patched.json().at("config"), "username"), "mailer");  // merged
  auto sent = call(verb::post, std::string("/api/connectors/") + kSmtp + "/test",
                   json::object{{"email", "ops@example.test"}});
  ASSERT_EQ(sent.status, 204u) << sent.body;
  auto mail = smtp.wait_for(1);
  EXPECT_EQ(mail.auth, std::string("\0mailer\0smtp-s3cret", 19));
  EXPECT_NE(mail.from.find("ops@example.test"), std::string::npos) << mail.from;
}

TEST_F(MessageConnectorsApiTest, DeletingTheEmailConnectorMakesEmailCodesUnavailable) {
  FakeSmtpServer smtp;
  ASSERT_EQ(create(kSmtp, smtp_config(smtp)).status, 200u);
  EXPECT_EQ(call(verb::delete_, std::string("/api/connectors/") + kSmtp).status, 204u);
  EXPECT_EQ(call(verb::get, std::string("/api/connectors/") + kSmtp).status, 404u);
  EXPECT_FALSE(find_by_id(call(verb::get, "/api/connectors").json(), kSmtp));
  auto sent = call(verb::post, std::string("/api/connectors/") + kSmtp + "/test",
                   json::object{{"email", "ops@example.test"}});
  EXPECT_EQ(sent.status, 404u);
  EXPECT_EQ(json_text(sent.json(), "code"), "connector.not_found");
  EXPECT_EQ(call(verb::delete_, std::string("/api/connectors/") + kSmtp).status, 404u);
  EXPECT_EQ(call(verb::patch, std::string("/api/connectors/") + kSmtp,
                 json::object{{"config", {{"host", "x"}}}})
                .status,
            404u);
}

TEST_F(MessageConnectorsApiTest, AnSmsConnectorIsManagedWithItsAuthorizationMasked) {
  auto created = create(kSms, {{"url", "http://127.0.0.1:9/sms"},
                               {"authorization", "Bearer sms-t0ken"},
                               {"from", "Latch"}});
  ASSERT_EQ(created.status, 200u) << created.body;
  EXPECT_EQ(json_text(created.json(), "type"), "Sms");
  EXPECT_EQ(json_text(created.json().at("config"), "authorization"), "********");
  auto patched = call(verb::patch, std::string("/api/connectors/") + kSms,
                      json::object{{"config", {{"url", "https://sms.example.test/send"}}}});
  ASSERT_EQ(patched.status, 200u) << patched.body;
  EXPECT_EQ(json_text(patched.json().at("config"), "url"), "https://sms.example.test/send");
  EXPECT_EQ(json_text(patched.json().at("config"), "authorization"), "********");
  EXPECT_EQ(json_text(patched.json().at("config"), "from"), "Latch");
  EXPECT_EQ(call(verb::delete_, std::string("/api/connectors/") + kSms).status, 204u);
  EXPECT_EQ(call(verb::get, std::string("/api/connectors/") + kSms).status, 404u);
}

TEST_F(MessageConnectorsApiTest, ASecondConnectorOfTheSameKindIsRefused) {
  FakeSmtpServer smtp;
  ASSERT_EQ(create(kSmtp, smtp_config(smtp)).status, 200u);
  auto second = create(kSmtp, smtp_config(smtp));
  EXPECT_EQ(second.status, 422u);
  EXPECT_EQ(json_text(second.json(), "code"), "connector.multiple_instances_not_supported");
  // The other kind is independent.
  EXPECT_EQ(create(kSms, {{"url", "https://sms.example.test/send"}}).status, 200u);
}

struct InvalidConfig {
  std::string description;
  std::string factory;
  json::object config;
  std::string message;
};

TEST_F(MessageConnectorsApiTest, InvalidConfigurationsAreRefusedNamingTheField) {
  FakeSmtpServer smtp;
  auto smtp_with = [&](std::string_view key, json::value value) {
    auto config = smtp_config(smtp);
    config[key] = std::move(value);
    return config;
  };
  auto without_host = smtp_config(smtp);
  without_host.erase("host");
  const std::vector<InvalidConfig> cases{
      {"no host", kSmtp, without_host, "host is required"},
      {"port as text", kSmtp, smtp_with("port", "25"), "port must be an integer"},
      {"port out of range", kSmtp, smtp_with("port", 70000), "port must be from 1 to 65535"},
      {"unknown security", kSmtp, smtp_with("security", "ssl"),
       "security must be one of: starttls, tls, none"},
      {"from without address", kSmtp, smtp_with("from", "nobody"), "from must be an email address"},
      {"password not a string", kSmtp, smtp_with("password", 5), "password must be a string"},
      {"unknown field", kSmtp, smtp_with("tls", true), "unknown field tls"},
      {"sms url not http", kSms, {{"url", "ftp://sms.example.test"}}, "url must be an http(s) URL"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.description);
    auto res = create(c.factory, c.config);
    EXPECT_EQ(res.status, 400u) << res.body;
    EXPECT_EQ(json_text(res.json(), "code"), "guard.invalid_input");
    EXPECT_EQ(json_text(res.json(), "message"), c.message);
  }
  EXPECT_EQ(call(verb::get, std::string("/api/connectors/") + kSmtp).status, 404u);
}

// Found by fuzz/jws_fuzz.cpp: Boost.JSON reads 1e999 as infinity and writes it as `Infinity`.
// Such a connector was stored, and every later GET /api/connectors answered 500.
TEST_F(MessageConnectorsApiTest, ANumberBeyondADoubleIsRefusedAndNothingIsStored) {
  FakeSmtpServer smtp;
  std::string config = json::serialize(smtp_config(smtp));
  config.insert(config.size() - 1, R"(,"templates":{"en":{"SignIn":{"subject":1e999}}})");
  auto res = server().client().post(
      "/api/connectors",
      R"({"connectorId":")" + std::string(kSmtp) + R"(","config":)" + config + "}",
      {{"Authorization", "Bearer " + token_}, {"Content-Type", "application/json"}});
  EXPECT_EQ(res.status, 400u) << res.body;
  EXPECT_EQ(call(verb::get, "/api/connectors").status, 200u);
  EXPECT_EQ(call(verb::get, std::string("/api/connectors/") + kSmtp).status, 404u);
}

TEST_F(MessageConnectorsApiTest, EveryChangeIsAudited) {
  FakeSmtpServer smtp;
  ASSERT_EQ(create(kSmtp, smtp_config(smtp)).status, 200u);
  ASSERT_EQ(call(verb::patch, std::string("/api/connectors/") + kSmtp,
                 json::object{{"config", {{"port", 2525}}}})
                .status,
            200u);
  ASSERT_EQ(call(verb::delete_, std::string("/api/connectors/") + kSmtp).status, 204u);
  for (auto [key, path] : {std::pair{"Management.POST", std::string("/api/connectors")},
                           {"Management.PATCH", std::string("/api/connectors/") + kSmtp},
                           {"Management.DELETE", std::string("/api/connectors/") + kSmtp}}) {
    auto logs = call(verb::get, std::string("/api/logs?logKey=") + key);
    ASSERT_EQ(logs.status, 200u);
    bool seen = false;
    auto entries = logs.json();
    for (const auto& entry : entries.as_array()) {
      seen |= json_text(entry.at("payload"), "path") == path;
    }
    EXPECT_TRUE(seen) << key << " " << path;
  }
}

TEST_F(MessageConnectorsApiTest, RoutesRefuseAMissingToken) {
  const std::string one = std::string("/api/connectors/") + kSmtp;
  for (auto [method, path] : {std::pair{verb::get, one},
                              {verb::patch, one},
                              {verb::delete_, one},
                              {verb::post, std::string("/api/connectors")},
                              {verb::post, one + "/test"}}) {
    auto res = call(method, path, json::object{}, "");
    EXPECT_EQ(res.status, 401u) << path;
    EXPECT_EQ(json_text(res.json(), "code"), "auth.unauthorized") << path;
  }
}

}  // namespace
}  // namespace latch::test
