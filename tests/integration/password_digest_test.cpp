// Passwords made elsewhere (issue 22): POST /api/users with Logto's passwordDigest and
// passwordAlgorithm, a sign-in through the Experience API with each algorithm (a wrong password
// refused, the right one accepted and the digest replaced with Latch's Argon2id in the database),
// and every malformed digest refused when it is stored, with its code.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

#include "support/browser_session.hpp"
#include "support/code_flow.hpp"
#include "support/provisioning.hpp"
#include "support/shared_server.hpp"
#include "unit/crypto/password_digest_vectors.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;
using boost::beast::http::verb;
using crypto::test::DigestVector;

constexpr std::string_view kLatchPrefix = "$argon2id$v=19$m=19456,t=2,p=1$";

// What every suite here needs: a management token, an app to sign in to, password sign-in by
// username, and a lockout that many wrong passwords from one address do not trip.
struct Provisioned {
  std::string token;
  AppCredentials app;
};

Provisioned provision_server(TestServer& server) {
  Provisioned out;
  AppCredentials admin = create_app(server, "m2m", {"--management-api"});
  out.app = create_app(server, "traditional", {"--redirect-uri", "http://localhost/cb"});
  for (const auto& set : {R"(signIn.methods=[{"identifier":"username","password":true}])",
                          R"(sentinelPolicy={"maxAttempts":100,"lockoutDuration":5})"}) {
    if (auto r = server.cli({"experience", "set", set}); r.exit_code != 0) {
      throw std::runtime_error("experience set: " + r.err);
    }
  }
  if (!wait_until_token_issued(server, admin, "urn:latch:management")) {
    throw std::runtime_error("the server did not load the management app");
  }
  http::Params params{
      {"grant_type", "client_credentials"}, {"resource", "urn:latch:management"}, {"scope", "all"}};
  out.token = json_text(token_request(server, admin, params).json(), "access_token");
  return out;
}

// The `code` of an API error body.
std::string api_code(const HttpResponse& res) {
  auto v = res.json();
  return v.is_object() ? json_text(v, "code") : "";
}

// POST /api/users with `fields`.
HttpResponse create_user(const TestServer& server, const std::string& token,
                         const json::object& fields) {
  return management_request(server, verb::post, "/api/users", fields, token);
}

// The Experience API of one sign-in interaction for `app`.
class SignIn {
 public:
  SignIn(TestServer& server, const AppCredentials& app) : server_(server) {
    BrowserSession browser(server);
    std::string auth = "/oidc/auth?client_id=" + app.id +
                       "&redirect_uri=http%3A%2F%2Flocalhost%2Fcb&response_type=code&scope=openid"
                       "&state=s&code_challenge_method=S256"
                       "&code_challenge=E9Melhoa2OwvFrYMHUu6qXMLf8NZrqKR0Ul2BCemf1M";
    for (int i = 0; i < 100 && uid_.empty(); ++i) {  // until the server has loaded the app
      auto res = browser.get(auth);
      uid_ = browser.cookie("_latch_interaction").value_or("");
      if (uid_.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    EXPECT_FALSE(uid_.empty());
    EXPECT_EQ(call(verb::put, "", json::object{{"interactionEvent", "SignIn"}}).status, 204u);
  }
  HttpResponse call(verb method, const std::string& path, const json::value& body = nullptr) {
    Headers headers{{"Content-Type", "application/json"}, {"Cookie", "_latch_interaction=" + uid_}};
    std::string text = body.is_null() ? "" : json::serialize(body);
    return server_.client().request(method, "/api/experience" + path, text, headers);
  }
  HttpResponse password(const std::string& username, std::string_view password) {
    return call(verb::post, "/verification/password",
                json::object{{"identifier", {{"type", "username"}, {"value", username}}},
                             {"password", password}});
  }

 private:
  TestServer& server_;
  std::string uid_;
};

class DigestSignInTest
    : public SharedServerTest<DigestSignInTest, ::testing::TestWithParam<DigestVector>> {
 public:
  static void provision(TestServer& server) { env_ = provision_server(server); }

 protected:
  // The user's stored algorithm and hash, "algorithm|hash".
  static std::string stored(const std::string& id) {
    return server().sql(
        "SELECT password_algorithm || '|' || password_hash FROM users WHERE id = '" + id + "'");
  }
  static inline Provisioned env_;
};

TEST_P(DigestSignInTest, SignsInWithTheOldPasswordAndIsRehashed) {
  const DigestVector& v = GetParam();
  const std::string username = "digest_" + std::string(v.description);
  const std::string algorithm(crypto::name_of(v.algorithm));
  auto created = create_user(
      server(), env_.token,
      {{"username", username}, {"passwordDigest", v.digest}, {"passwordAlgorithm", algorithm}});
  ASSERT_EQ(created.status, 200u) << created.body;
  EXPECT_TRUE(created.json().at("hasPassword").as_bool());
  EXPECT_FALSE(created.json().as_object().contains("passwordDigest"));
  const std::string id = json_text(created.json(), "id");
  EXPECT_EQ(stored(id), algorithm + "|" + std::string(v.digest));

  SignIn sign_in(server(), env_.app);
  std::string wrong(v.password);
  wrong[0] = static_cast<char>(wrong[0] ^ 1);
  auto refused = sign_in.password(username, wrong);
  EXPECT_EQ(refused.status, 422u) << refused.body;
  EXPECT_EQ(api_code(refused), "session.invalid_credentials");
  EXPECT_EQ(stored(id), algorithm + "|" + std::string(v.digest));

  auto verified = sign_in.password(username, v.password);
  ASSERT_EQ(verified.status, 200u) << verified.body;
  std::string after = stored(id);
  EXPECT_TRUE(after.starts_with("Argon2id|" + std::string(kLatchPrefix))) << after;

  // Latch's own hash from now on: the same password still signs in, to the end.
  auto again = sign_in.password(username, v.password);
  ASSERT_EQ(again.status, 200u) << again.body;
  EXPECT_EQ(stored(id), after);
  EXPECT_EQ(sign_in.password(username, wrong).status, 422u);
  auto identified =
      sign_in.call(verb::post, "/identification",
                   json::object{{"verificationId", json_text(again.json(), "verificationId")}});
  EXPECT_EQ(identified.status, 204u) << identified.body;
  auto done = sign_in.call(verb::post, "/submit");
  EXPECT_EQ(done.status, 200u) << done.body;
}

INSTANTIATE_TEST_SUITE_P(EveryAlgorithm, DigestSignInTest,
                         ::testing::ValuesIn(crypto::test::kDigestVectors),
                         [](const auto& info) { return std::string(info.param.description); });

// A body POST /api/users refuses, and how.
struct Refusal {
  std::string description;
  json::object body;  // besides a username
  unsigned status;
  std::string code;
};

std::vector<Refusal> refusals() {
  const std::string md5 = "9cc2ae8a1ba7a93da39b46fc1019c481";
  const std::string bcrypt_tail = "Q0N7VUaPJ.fjU6Lr2/3gJep3XupAwZ/qzixd1/PkDbHYJ57CnJG4S";
  const std::string phc_tail = "bGF0Y2gtdGVzdC1zYWx0IQ$SeUjxfUf6+9G2byfXrI1Wuhoga8fZKo6f0/1x1S8k3M";
  auto digest = [](std::string algorithm, std::string text) {
    return json::object{{"passwordAlgorithm", algorithm}, {"passwordDigest", text}};
  };
  const std::string kLegacy = "password.invalid_legacy_password_format";
  const std::string kCostly = "password.digest_cost_too_high";
  return {
      {"PasswordAndDigest",
       {{"password", "Some-Pass-123"}, {"passwordDigest", md5}, {"passwordAlgorithm", "MD5"}},
       400,
       "user.password_and_digest"},
      {"DigestWithoutAlgorithm",
       {{"passwordDigest", md5}},
       400,
       "user.password_algorithm_required"},
      {"LegacyWithoutDigest",
       {{"passwordAlgorithm", "Legacy"}},
       400,
       "password.unsupported_encryption_method"},
      {"UnknownAlgorithm", digest("PBKDF2", md5), 400, "guard.invalid_input"},
      {"AlgorithmInLowerCase", digest("md5", md5), 400, "guard.invalid_input"},
      {"DigestOver256Characters", digest("SHA256", std::string(257, 'a')), 400,
       "guard.invalid_input"},
      {"DigestNotAString",
       {{"passwordAlgorithm", "MD5"}, {"passwordDigest", 5}},
       400,
       "guard.invalid_input"},
      {"MalformedBcrypt", digest("Bcrypt", "$2b$04$" + bcrypt_tail.substr(3)), 400,
       "password.invalid_digest"},
      {"BcryptAboveTheCostLimit", digest("Bcrypt", "$2b$17$" + bcrypt_tail), 400, kCostly},
      {"MalformedArgon2", digest("Argon2i", "$argon2i$v=19$m=256,t=2,p=1$garbage"), 400,
       "password.invalid_digest"},
      {"Argon2AboveTheMemoryLimit",
       digest("Argon2id", "$argon2id$v=19$m=262144,t=1,p=1$" + phc_tail), 400, kCostly},
      {"LegacyNotJson", digest("Legacy", "sha256(salt + @)"), 400, kLegacy},
      {"LegacyWithoutThePassword", digest("Legacy", R"(["md5",["salt"],")" + md5 + "\"]"), 400,
       kLegacy},
      {"LegacyUnknownHash", digest("Legacy", R"(["invalid_algo",["@"],"abcd1234"])"), 400,
       "password.unsupported_legacy_hash_algorithm"},
      {"Pbkdf2SaltNotHex",
       digest("Legacy", R"(["pbkdf2",["hex:zz","1000","16","sha256","@"],")" + md5 + "\"]"), 400,
       kLegacy},
      {"Pbkdf2AboveTheIterationLimit",
       digest("Legacy", R"(["pbkdf2",["s","10000001","16","sha256","@"],")" + md5 + "\"]"), 400,
       kCostly},
      {"ScryptAboveTheMemoryLimit",
       digest("Legacy", R"(["scrypt",["s","1048576","8","1","16","@"],")" + md5 + "\"]"), 400,
       kCostly},
      {"FirebaseScryptNotBase64",
       digest("Legacy", R"(["firebase-scrypt",["!!","AAAA","Bw==","8","14","@"],"AAAA"])"), 400,
       kLegacy},
  };
}

class DigestRefusalTest
    : public SharedServerTest<DigestRefusalTest, ::testing::TestWithParam<Refusal>> {
 public:
  static void provision(TestServer& server) { env_ = provision_server(server); }

 protected:
  static inline Provisioned env_;
};

TEST_P(DigestRefusalTest, IsRefusedWithItsCodeAndStoresNobody) {
  json::object body = GetParam().body;
  const std::string username = "refused_" + GetParam().description;
  body["username"] = username;
  auto res = create_user(server(), env_.token, body);
  EXPECT_EQ(res.status, GetParam().status) << res.body;
  EXPECT_EQ(api_code(res), GetParam().code) << res.body;
  EXPECT_FALSE(json_text(res.json(), "message").empty());
  EXPECT_EQ(server().sql("SELECT COUNT(*) FROM users WHERE username = '" + username + "'"), "0");
}

INSTANTIATE_TEST_SUITE_P(Malformed, DigestRefusalTest, ::testing::ValuesIn(refusals()),
                         [](const auto& info) { return info.param.description; });

class ForeignPasswordTest : public SharedServerTest<ForeignPasswordTest> {
 public:
  static void provision(TestServer& server) { env_ = provision_server(server); }

 protected:
  static HttpResponse create(const json::object& body) {
    return create_user(server(), env_.token, body);
  }
  static inline Provisioned env_;
};

// As Logto's verifyUserPassword, the management API's check rehashes too.
TEST_F(ForeignPasswordTest, TheManagementApisVerificationReplacesTheDigest) {
  auto created = create({{"username", "verified_by_api"},
                         {"passwordDigest", "9cc2ae8a1ba7a93da39b46fc1019c481"},
                         {"passwordAlgorithm", "MD5"}});
  ASSERT_EQ(created.status, 200u) << created.body;
  std::string path = "/api/users/" + json_text(created.json(), "id") + "/password/verify";
  auto wrong =
      management_request(server(), verb::post, path,
                         json::object{{"password", "Correct horse battery staple"}}, env_.token);
  EXPECT_EQ(wrong.status, 422u) << wrong.body;
  EXPECT_EQ(api_code(wrong), "session.invalid_credentials");
  auto right =
      management_request(server(), verb::post, path,
                         json::object{{"password", crypto::test::kVectorPassword}}, env_.token);
  EXPECT_EQ(right.status, 204u) << right.body;
  EXPECT_EQ(server().sql("SELECT password_algorithm FROM users WHERE username = 'verified_by_api'"),
            "Argon2id");
}

// Logto's rules: an empty digest is none, and an algorithm alone sets nothing.
TEST_F(ForeignPasswordTest, AnEmptyDigestOrAnAlgorithmAloneMakesNoPassword) {
  auto empty =
      create({{"username", "empty_digest"}, {"passwordDigest", ""}, {"passwordAlgorithm", "MD5"}});
  ASSERT_EQ(empty.status, 200u) << empty.body;
  EXPECT_FALSE(empty.json().at("hasPassword").as_bool());
  auto alone = create({{"username", "algorithm_alone"}, {"passwordAlgorithm", "Bcrypt"}});
  ASSERT_EQ(alone.status, 200u) << alone.body;
  EXPECT_FALSE(alone.json().at("hasPassword").as_bool());
}

TEST_F(ForeignPasswordTest, ATakenUsernameIsStillAConflict) {
  json::object body{{"username", "taken_digest"},
                    {"passwordDigest", "9cc2ae8a1ba7a93da39b46fc1019c481"},
                    {"passwordAlgorithm", "MD5"}};
  ASSERT_EQ(create(body).status, 200u);
  auto again = create(body);
  EXPECT_EQ(again.status, 422u) << again.body;
  EXPECT_EQ(api_code(again), "user.username_already_in_use");
}

}  // namespace
}  // namespace latch::test
