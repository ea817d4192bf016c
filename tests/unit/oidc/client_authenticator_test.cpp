#include "oidc/client_authenticator.hpp"

#include <gtest/gtest.h>

#include <string>

#include "crypto/encoding.hpp"
#include "crypto/hash.hpp"
#include "http/form.hpp"
#include "support/result_testing.hpp"

namespace latch::oidc {
namespace {

constexpr const char* kSecret = "s3cret-Value";
constexpr std::int64_t kNow = 1'800'000'000'000;  // epoch milliseconds

class ClientAuthenticatorTest : public ::testing::Test {
 protected:
  ClientAuthenticatorTest() {
    add("m2m-app", model::AppType::MachineToMachine, kSecret);
    add("web-app", model::AppType::Traditional, "p@ss word");
    add("spa-app", model::AppType::Spa, "");
  }

  void add(const std::string& id, model::AppType type, const std::string& secret) {
    ClientEntry entry;
    entry.app.id = id;
    entry.app.type = type;
    if (!secret.empty())
      entry.secrets.push_back({"Default secret", crypto::sha256(secret), {}, {}});
    catalog_.clients.emplace(id, std::move(entry));
  }

  Result<AuthenticatedClient> authenticate(std::string authorization, std::string body) {
    http::Request req;
    if (!authorization.empty()) req.message.set(http::bhttp::field::authorization, authorization);
    auto params = http::parse_form(body);
    EXPECT_TRUE(params);
    return authenticate_client(req, *params, catalog_, kNow);
  }

  static std::string basic(const std::string& credentials) {
    return "Basic " + crypto::base64_encode(credentials);
  }

  static Errc code_of(const Result<AuthenticatedClient>& r) {
    return r ? Errc::Ok : r.error().code;
  }

  CatalogSnapshot catalog_;
};

TEST_F(ClientAuthenticatorTest, BasicCredentialsAuthenticateAsSecretBasic) {
  auto client = authenticate(basic("m2m-app:" + std::string(kSecret)), "");
  ASSERT_TRUE(client);
  EXPECT_EQ(client->client->app.id, "m2m-app");
  EXPECT_EQ(client->method, ClientAuthMethod::SecretBasic);
}

TEST_F(ClientAuthenticatorTest, EveryUnexpiredSecretAuthenticatesAndNamesItself) {
  auto& secrets = catalog_.clients.at("m2m-app").secrets;
  secrets.push_back({"rotation", crypto::sha256("second-secret"), kNow + 1, {}});
  auto first = authenticate(basic("m2m-app:" + std::string(kSecret)), "");
  auto second = authenticate("", "client_id=m2m-app&client_secret=second-secret");
  ASSERT_TRUE(first);
  ASSERT_TRUE(second);
  EXPECT_EQ(first->secret_name, "Default secret");
  EXPECT_EQ(second->secret_name, "rotation");
}

TEST_F(ClientAuthenticatorTest, ExpiredSecretIsRefusedAsLogtoRefusesIt) {
  catalog_.clients.at("m2m-app").secrets.push_back({"old", crypto::sha256("old-secret"), kNow, {}});
  auto client = authenticate(basic("m2m-app:old-secret"), "");
  ASSERT_FALSE(client);
  EXPECT_EQ(client.error().code, Errc::InvalidRequest);
  EXPECT_EQ(client.error().description, "client secret has expired");
}

TEST_F(ClientAuthenticatorTest, BasicSchemeIsCaseInsensitive) {
  auto client =
      authenticate("bAsIc " + crypto::base64_encode("m2m-app:" + std::string(kSecret)), "");
  EXPECT_TRUE(client);
}

TEST_F(ClientAuthenticatorTest, BasicCredentialsAreFormDecoded) {
  // RFC 6749 §2.3.1: the secret "p@ss word" travels as "p%40ss+word".
  auto client = authenticate(basic("web-app:p%40ss+word"), "");
  ASSERT_TRUE(client);
  EXPECT_EQ(client->client->app.id, "web-app");
}

TEST_F(ClientAuthenticatorTest, BodyCredentialsAuthenticateAsSecretPost) {
  auto client = authenticate("", "client_id=m2m-app&client_secret=" + std::string(kSecret));
  ASSERT_TRUE(client);
  EXPECT_EQ(client->method, ClientAuthMethod::SecretPost);
}

TEST_F(ClientAuthenticatorTest, PublicClientAuthenticatesWithItsIdAlone) {
  auto client = authenticate("", "client_id=spa-app");
  ASSERT_TRUE(client);
  EXPECT_EQ(client->method, ClientAuthMethod::None);
}

TEST_F(ClientAuthenticatorTest, MatchingClientIdBesideBasicIsAccepted) {
  EXPECT_TRUE(authenticate(basic("m2m-app:" + std::string(kSecret)), "client_id=m2m-app"));
}

struct Rejection {
  std::string name;
  std::string authorization;
  std::string body;
  Errc code;
};

class ClientAuthenticatorRejectsTest : public ClientAuthenticatorTest,
                                       public ::testing::WithParamInterface<Rejection> {};

TEST_P(ClientAuthenticatorRejectsTest, WithTheExpectedError) {
  const Rejection& r = GetParam();
  EXPECT_EQ(code_of(authenticate(r.authorization, r.body)), r.code);
}

std::string basic_of(const std::string& credentials) {
  return "Basic " + crypto::base64_encode(credentials);
}

INSTANTIATE_TEST_SUITE_P(
    ClientAuthenticator, ClientAuthenticatorRejectsTest,
    ::testing::Values(
        Rejection{"NoCredentialsAtAll", "", "", Errc::InvalidRequest},
        Rejection{"EmptyClientId", "", "client_id=", Errc::InvalidRequest},
        Rejection{"UnknownClientInBasic", basic_of("nobody:x"), "", Errc::InvalidClient},
        Rejection{"UnknownClientInBody", "", "client_id=nobody&client_secret=x",
                  Errc::InvalidClient},
        Rejection{"WrongSecretInBasic", basic_of("m2m-app:wrong"), "", Errc::InvalidClient},
        Rejection{"WrongSecretInBody", "", "client_id=m2m-app&client_secret=wrong",
                  Errc::InvalidClient},
        Rejection{"EmptySecretInBody", "", "client_id=m2m-app&client_secret=", Errc::InvalidClient},
        Rejection{"SecretOfAnotherClient", basic_of("web-app:s3cret-Value"), "",
                  Errc::InvalidClient},
        Rejection{"ConfidentialClientWithoutSecret", "", "client_id=m2m-app", Errc::InvalidClient},
        Rejection{"PublicClientPresentingASecret", "", "client_id=spa-app&client_secret=x",
                  Errc::InvalidClient},
        Rejection{"BasicThatIsNotBase64", "Basic ***", "", Errc::InvalidRequest},
        Rejection{"BasicWithoutColon", basic_of("m2m-app"), "", Errc::InvalidRequest},
        Rejection{"BasicWithEmptyId", basic_of(":s3cret-Value"), "", Errc::InvalidRequest},
        Rejection{"BasicWithMalformedEscape", basic_of("m2m-app:%zz"), "", Errc::InvalidRequest},
        Rejection{"BasicWithNothingAfterTheScheme", "Basic ", "", Errc::InvalidRequest},
        Rejection{"BearerScheme", "Bearer abc", "", Errc::InvalidRequest},
        Rejection{"BasicAndSecretInBody", basic_of("m2m-app:s3cret-Value"),
                  "client_secret=s3cret-Value", Errc::InvalidRequest},
        Rejection{"BasicAndAnotherClientIdInBody", basic_of("m2m-app:s3cret-Value"),
                  "client_id=web-app", Errc::InvalidRequest}),
    [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace latch::oidc
