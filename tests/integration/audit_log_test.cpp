// The audit log's completeness (issue 21): every token request is an entry (Logto's
// ExchangeTokenBy.<grant>, with the app, the user, the request's non-secret parameters, the token
// types or the error), /api/logs filters by result, and refused management calls are entries.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

#include "support/code_flow.hpp"
#include "support/eventually.hpp"
#include "support/provisioning.hpp"
#include "support/test_server.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;
using boost::beast::http::verb;

constexpr const char* kOrders = "https://orders.example.test";
constexpr const char* kCallback = "http://localhost:4100/callback";

class AuditLogTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = std::make_unique<TestServer>();
    create_resource(*server_, {.indicator = kOrders, .scopes = {"read:orders", "write:orders"}});
    m2m_ = create_app(*server_, "m2m");
    grant_scopes(*server_, m2m_.id, kOrders, {"read:orders"});
    admin_ = create_app(*server_, "m2m", {"--management-api"});
    web_ = create_user_app(*server_, {.redirect_uris = {kCallback}});
    user_id_ = create_user(*server_, {.username = "auditee"});
    if (!wait_until_token_issued(*server_, m2m_, kOrders) ||
        !wait_until_token_issued(*server_, admin_, "urn:latch:management") ||
        !wait_until_client_known(*server_, web_, kCallback)) {
      throw std::runtime_error("the server did not pick up the provisioned data");
    }
    auto token = token_with_basic(
        *server_, admin_, "grant_type=client_credentials&resource=urn:latch:management&scope=all");
    admin_token_ = std::string(token.json().at("access_token").as_string());
  }
  static void TearDownTestSuite() { server_.reset(); }
  void SetUp() override { ASSERT_NE(server_, nullptr) << "the suite's server did not start"; }

  static HttpResponse api(verb method, const std::string& path) {
    return management_request(*server_, method, path, nullptr, admin_token_);
  }

  // The entries /api/logs lists for `query`, once there are `at_least` of them (token entries
  // are written in batches, within a quarter of a second).
  static json::array entries(const std::string& query, std::size_t at_least) {
    json::array found;
    eventually([&] {
      auto listed = api(verb::get, "/api/logs?" + query).json();
      found = listed.is_array() ? listed.as_array() : json::array{};
      return found.size() >= at_least;
    });
    return found;
  }

  static inline std::unique_ptr<TestServer> server_;
  static inline AppCredentials m2m_, admin_, web_;
  static inline std::string user_id_, admin_token_;
};

TEST_F(AuditLogTest, AMachineToMachineTokenAndARefusalAreEntries) {
  ASSERT_EQ(token_with_basic(
                *server_, m2m_,
                "grant_type=client_credentials&scope=read:orders&resource=" + std::string(kOrders))
                .status,
            200u);
  auto refused = token_with_basic(*server_, m2m_,
                                  "grant_type=client_credentials&resource=https://nowhere.test");
  ASSERT_EQ(refused.status, 400u) << refused.body;
  std::string refusal_code = json_text(refused.json(), "error");

  // The set-up's own token requests are entries too: find these two by what they asked for.
  std::string query = "logKey=ExchangeTokenBy.ClientCredentials&applicationId=" + m2m_.id;
  auto asked = [](const json::value& entry, std::string_view name, std::string_view value) {
    return json_text(entry.at("payload").at("params"), name) == value;
  };
  json::value failure, success;
  eventually([&] {
    for (const auto& entry : entries(query, 0)) {
      if (asked(entry, "resource", "https://nowhere.test")) failure = entry;
      if (asked(entry, "scope", "read:orders")) success = entry;
    }
    return failure.is_object() && success.is_object();
  });
  ASSERT_TRUE(failure.is_object() && success.is_object()) << json::serialize(entries(query, 0));
  const auto& failed = failure.at("payload");
  EXPECT_EQ(json_text(failed, "result"), "Error");
  EXPECT_EQ(json_text(failed, "applicationId"), m2m_.id);
  EXPECT_EQ(json_text(failed.at("error"), "code"), refusal_code);
  const auto& issued = success.at("payload");
  EXPECT_EQ(json_text(issued, "result"), "Success");
  EXPECT_EQ(json_text(issued, "applicationId"), m2m_.id);
  EXPECT_EQ(issued.at("tokenTypes"), json::value(json::array{"AccessToken"}));
  EXPECT_EQ(json_text(issued, "scope"), "read:orders");
  EXPECT_EQ(json_text(issued.at("params"), "grant_type"), "client_credentials");
  EXPECT_EQ(json_text(issued.at("params"), "resource"), kOrders);
  EXPECT_FALSE(issued.as_object().contains("userId"));

  auto errors = entries(query + "&result=Error", 1);
  ASSERT_EQ(errors.size(), 1u) << json::serialize(errors);
  EXPECT_EQ(json_text(errors[0], "id"), json_text(failure, "id"));
  EXPECT_EQ(api(verb::get, "/api/logs?result=Maybe").status, 400u);
}

// Token entries are written in batches, but the log routes write what is queued before they
// read: a script that asks for a token and then reads the log finds the entry (Logto's tests do).
TEST_F(AuditLogTest, AnEntryIsInTheVeryNextRead) {
  auto refused = token_with_basic(
      *server_, m2m_, "grant_type=client_credentials&resource=https://read-at-once.test");
  ASSERT_EQ(refused.status, 400u) << refused.body;
  auto listed =
      api(verb::get, "/api/logs?logKey=ExchangeTokenBy.ClientCredentials&applicationId=" + m2m_.id +
                         "&page_size=100")
          .json();
  ASSERT_TRUE(listed.is_array()) << json::serialize(listed);
  bool found = false;
  for (const auto& entry : listed.as_array()) {
    found = found ||
            json_text(entry.at("payload").at("params"), "resource") == "https://read-at-once.test";
  }
  EXPECT_TRUE(found) << json::serialize(listed);
}

TEST_F(AuditLogTest, TokensForAUserNameTheUserAndNeverASecret) {
  auto tokens = sign_in_and_redeem(
      *server_, web_, {.client_id = web_.id, .redirect_uri = kCallback}, {.username = "auditee"});
  ASSERT_TRUE(tokens.contains("refresh_token")) << json::serialize(tokens);
  ASSERT_EQ(refresh(*server_, web_, json_text(tokens, "refresh_token")).status, 200u);

  auto codes = entries("logKey=ExchangeTokenBy.AuthorizationCode&userId=" + user_id_, 1);
  ASSERT_EQ(codes.size(), 1u);
  const auto& code = codes[0].at("payload");
  EXPECT_EQ(json_text(code, "applicationId"), web_.id);
  EXPECT_EQ(code.at("tokenTypes"),
            json::value(json::array{"AccessToken", "RefreshToken", "IdToken"}));
  std::string text = json::serialize(code);
  EXPECT_EQ(text.find("\"code\""), std::string::npos) << text;  // the code itself is not kept
  EXPECT_EQ(text.find("code_verifier"), std::string::npos) << text;

  auto refreshes = entries("logKey=ExchangeTokenBy.RefreshToken&userId=" + user_id_, 1);
  ASSERT_EQ(refreshes.size(), 1u);
  std::string refreshed = json::serialize(refreshes[0]);
  EXPECT_EQ(refreshed.find(json_text(tokens, "refresh_token")), std::string::npos);
}

// Logto's GET /api/logs/:id for an id that names nothing: 404 entity.not_exists_with_id.
TEST_F(AuditLogTest, AnUnknownEntryIsNotExistsWithId) {
  auto missing = api(verb::get, "/api/logs/non-exist-log-id");
  EXPECT_EQ(missing.status, 404u);
  EXPECT_EQ(json_text(missing.json(), "code"), "entity.not_exists_with_id") << missing.body;
}

// start_time / end_time (epoch ms, both ends inclusive): a bad number is guard.invalid_input, a
// start after the end log.invalid_time_window, and a window before every entry lists none.
TEST_F(AuditLogTest, ListsWithinATimeWindow) {
  auto bad = api(verb::get, "/api/logs?start_time=abc");
  EXPECT_EQ(bad.status, 400u);
  EXPECT_EQ(json_text(bad.json(), "code"), "guard.invalid_input") << bad.body;
  EXPECT_EQ(api(verb::get, "/api/logs?end_time=NaN").status, 400u);
  auto reversed = api(verb::get, "/api/logs?start_time=2000&end_time=1000");
  EXPECT_EQ(reversed.status, 400u);
  EXPECT_EQ(json_text(reversed.json(), "code"), "log.invalid_time_window") << reversed.body;
  auto same = api(verb::get, "/api/logs?start_time=1000&end_time=1000");
  ASSERT_EQ(same.status, 200u) << same.body;
  EXPECT_EQ(same.json(), json::value(json::array{}));
  EXPECT_EQ(same.header("Total-Number"), "0");
  auto everything = api(verb::get, "/api/logs?start_time=0&end_time=99999999999999.5");
  ASSERT_EQ(everything.status, 200u) << everything.body;
  EXPECT_FALSE(everything.json().as_array().empty());
}

// Logto's pagination headers: Total-Number and Link rel first and last (and next when there is
// another page); with ?enableCap=true the count is capped but, under the cap, reads the same.
TEST_F(AuditLogTest, ListsWithPageLinks) {
  for (std::string query : {"page_size=1", "page_size=1&enableCap=true"}) {
    auto listed = api(verb::get, "/api/logs?" + query);
    ASSERT_EQ(listed.status, 200u) << listed.body;
    EXPECT_FALSE(listed.header("Total-Number").empty());
    EXPECT_FALSE(listed.has_header("Total-Number-Is-Capped"));
    std::string link = listed.header("Link");
    EXPECT_NE(link.find("/api/logs?page_size=1"), std::string::npos) << link;
    EXPECT_NE(link.find("page=1>; rel=\"first\""), std::string::npos) << link;
    EXPECT_NE(link.find("rel=\"last\""), std::string::npos) << link;
    EXPECT_NE(link.find("page=2>; rel=\"next\""), std::string::npos) << link;
  }
}

}  // namespace
}  // namespace latch::test
