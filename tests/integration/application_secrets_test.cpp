// An application's client secrets (issue #24): Logto's /api/applications/:id/secrets, named
// secrets with an optional expiry, every unexpired one authenticating the app at /oidc/token.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>

#include "support/eventually.hpp"
#include "support/roles_fixture.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;
using boost::beast::http::verb;

class ApplicationSecretsTest : public RolesFixture<ApplicationSecretsTest> {
 protected:
  static std::string secrets_of(const std::string& app_id) {
    return "/api/applications/" + app_id + "/secrets";
  }

  // A machine-to-machine app that may ask for read:books; its id.
  static std::string robot(const std::string& name) {
    std::string id = create_m2m_app(name);
    grant_scopes(server(), id, kBooks, {"read:books"});
    return id;
  }

  static HttpResponse client_credentials(const std::string& id, const std::string& secret) {
    return token_with_basic(server(), {id, secret},
                            "grant_type=client_credentials&resource=https%3A%2F%2Fbooks.example."
                            "test&scope=read%3Abooks");
  }

  static json::value create_secret(const std::string& app_id, const json::object& body) {
    auto res = call(verb::post, secrets_of(app_id), body);
    EXPECT_EQ(res.status, 201u) << res.body;
    return res.json();
  }

  static std::int64_t now_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
  }
};

TEST_F(ApplicationSecretsTest, AnAppIsMadeWithItsDefaultSecretWhichTheAppJsonDoesNotShow) {
  auto created = call(verb::post, "/api/applications",
                      json::object{{"name", "Default"}, {"type", "MachineToMachine"}});
  ASSERT_EQ(created.status, 200u) << created.body;
  EXPECT_FALSE(created.json().as_object().contains("secret"));
  std::string id = json_text(created.json(), "id");
  EXPECT_FALSE(call(verb::get, "/api/applications/" + id).json().as_object().contains("secret"));
  auto listed = call(verb::get, secrets_of(id));
  ASSERT_EQ(listed.status, 200u) << listed.body;
  json::value secrets = listed.json();
  ASSERT_EQ(secrets.as_array().size(), 1u);
  const auto& secret = secrets.as_array()[0];
  EXPECT_EQ(json_text(secret, "applicationId"), id);
  EXPECT_EQ(json_text(secret, "name"), "Default secret");
  EXPECT_EQ(json_text(secret, "value").size(), 32u);
  EXPECT_TRUE(secret.at("expiresAt").is_null());
  EXPECT_TRUE(secret.at("createdAt").is_int64());
}

TEST_F(ApplicationSecretsTest, PublicClientsHoldNoSecrets) {
  std::string spa = create_api_app("Single page", "SPA");
  auto listed = call(verb::get, secrets_of(spa));
  ASSERT_EQ(listed.status, 200u);
  EXPECT_TRUE(listed.json().as_array().empty());
  auto refused = call(verb::post, secrets_of(spa), json::object{{"name", "x"}});
  EXPECT_EQ(refused.status, 422u);
  EXPECT_EQ(json_text(refused.json(), "code"), "entity.db_constraint_violated");
}

TEST_F(ApplicationSecretsTest, SecretsAreListedRenamedAndDeletedByName) {
  std::string id = create_m2m_app("Named");
  json::value made = create_secret(id, {{"name", "ci"}, {"expiresAt", now_ms() + 3'600'000}});
  EXPECT_EQ(json_text(made, "name"), "ci");
  EXPECT_TRUE(made.at("expiresAt").is_int64());
  EXPECT_EQ(call(verb::get, secrets_of(id)).json().as_array().size(), 2u);

  auto renamed = call(verb::patch, secrets_of(id) + "/ci", json::object{{"name", "deploy"}});
  ASSERT_EQ(renamed.status, 200u) << renamed.body;
  EXPECT_EQ(json_text(renamed.json(), "name"), "deploy");
  EXPECT_EQ(json_text(renamed.json(), "value"), json_text(made, "value"));
  auto missing = call(verb::patch, secrets_of(id) + "/ci", json::object{{"name", "x"}});
  EXPECT_EQ(missing.status, 404u);
  EXPECT_EQ(call(verb::patch, secrets_of(id) + "/deploy", json::object{}).status, 400u);

  EXPECT_EQ(call(verb::delete_, secrets_of(id) + "/deploy").status, 204u);
  EXPECT_EQ(call(verb::delete_, secrets_of(id) + "/Default%20secret").status, 204u);
  EXPECT_TRUE(call(verb::get, secrets_of(id)).json().as_array().empty());
  auto gone = call(verb::delete_, secrets_of(id) + "/deploy");
  EXPECT_EQ(gone.status, 404u);
  EXPECT_EQ(json_text(gone.json(), "code"), "entity.not_found");
}

TEST_F(ApplicationSecretsTest, NamesAndExpiriesAreCheckedAsLogtoChecksThem) {
  std::string id = create_m2m_app("Checked");
  create_secret(id, {{"name", "twice"}});
  auto duplicate = call(verb::post, secrets_of(id), json::object{{"name", "twice"}});
  EXPECT_EQ(duplicate.status, 422u);
  EXPECT_EQ(json_text(duplicate.json(), "code"), "application.secret_name_exists");
  auto clash =
      call(verb::patch, secrets_of(id) + "/twice", json::object{{"name", "Default secret"}});
  EXPECT_EQ(clash.status, 422u);
  EXPECT_EQ(json_text(clash.json(), "code"), "application.secret_name_exists");
  EXPECT_EQ(call(verb::post, secrets_of(id), json::object{{"name", ""}}).status, 400u);
  EXPECT_EQ(call(verb::post, secrets_of(id), json::object{{"name", std::string(257, 'n')}}).status,
            400u);
  auto past = call(verb::post, secrets_of(id),
                   json::object{{"name", "past"}, {"expiresAt", now_ms() - 1000}});
  EXPECT_EQ(past.status, 400u);
  EXPECT_EQ(json_text(past.json(), "code"), "request.invalid_input");
  EXPECT_EQ(call(verb::post, secrets_of("no-such-app"), json::object{{"name", "x"}}).status, 404u);
  EXPECT_EQ(call(verb::get, secrets_of("no-such-app")).status, 404u);
}

TEST_F(ApplicationSecretsTest, EverySecretAuthenticatesAndADeletedOneStopsAtOnce) {
  std::string id = robot("Rotating");
  std::string first = json_text(call(verb::get, secrets_of(id)).json().as_array()[0], "value");
  ASSERT_TRUE(eventually([&] { return client_credentials(id, first).status == 200; }));
  std::string second = json_text(create_secret(id, {{"name", "second"}}), "value");
  EXPECT_EQ(client_credentials(id, second).status, 200u);
  EXPECT_EQ(client_credentials(id, first).status, 200u);

  ASSERT_EQ(call(verb::delete_, secrets_of(id) + "/Default%20secret").status, 204u);
  auto refused = client_credentials(id, first);
  EXPECT_EQ(refused.status, 401u) << refused.body;
  EXPECT_EQ(json_text(refused.json(), "error"), "invalid_client");
  EXPECT_EQ(client_credentials(id, second).status, 200u);
}

TEST_F(ApplicationSecretsTest, TheAuditLogNamesTheSecretThatAuthenticated) {
  std::string id = robot("Audited");
  std::string value = json_text(create_secret(id, {{"name", "audited"}}), "value");
  ASSERT_TRUE(eventually([&] { return client_credentials(id, value).status == 200; }));
  auto logged = [&] {
    json::value logs = call(verb::get, "/api/logs?logKey=ExchangeTokenBy.ClientCredentials").json();
    for (const auto& log : logs.as_array()) {
      const auto& payload = log.at("payload").as_object();
      const auto* secret = payload.if_contains("applicationSecret");
      if (json_text(payload, "applicationId") == id && secret &&
          json_text(*secret, "name") == "audited") {
        return true;
      }
    }
    return false;
  };
  EXPECT_TRUE(eventually(logged));
}

TEST_F(ApplicationSecretsTest, AnExpiredSecretIsRefusedAsLogtoRefusesIt) {
  std::string id = robot("Expiring");
  std::string value =
      json_text(create_secret(id, {{"name", "brief"}, {"expiresAt", now_ms() + 1500}}), "value");
  EXPECT_EQ(client_credentials(id, value).status, 200u);
  EXPECT_TRUE(eventually([&] { return client_credentials(id, value).status == 400; },
                         std::chrono::seconds(5)));
  auto refused = client_credentials(id, value);
  EXPECT_EQ(json_text(refused.json(), "error"), "invalid_request");
  EXPECT_EQ(json_text(refused.json(), "error_description"), "client secret has expired");
}

TEST_F(ApplicationSecretsTest, RotationReplacesOnlyTheDefaultSecret) {
  std::string id = robot("Rotated");
  std::string old = json_text(call(verb::get, secrets_of(id)).json().as_array()[0], "value");
  std::string kept = json_text(create_secret(id, {{"name", "kept"}}), "value");
  auto rotated = call(verb::post, "/api/applications/" + id + "/secret/rotate");
  ASSERT_EQ(rotated.status, 200u) << rotated.body;
  EXPECT_EQ(json_text(rotated.json(), "name"), "Default secret");
  std::string fresh = json_text(rotated.json(), "value");
  EXPECT_NE(fresh, old);
  EXPECT_EQ(client_credentials(id, old).status, 401u);
  EXPECT_EQ(client_credentials(id, fresh).status, 200u);
  EXPECT_EQ(client_credentials(id, kept).status, 200u);
}

}  // namespace
}  // namespace latch::test
