// Every way a token request can be wrong (RFC 6749 §5.2, RFC 8707 §2), each answered with an
// OAuth error the client can act on.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "crypto/encoding.hpp"
#include "support/oauth_expectations.hpp"
#include "support/provisioning.hpp"
#include "support/shared_server.hpp"

namespace latch::test {
namespace {

// Who the request claims to be.
enum class Auth {
  None,           // no Authorization header
  Basic,          // the m2m app's id and secret
  WrongSecret,    // the m2m app's id, another secret
  UnknownClient,  // an id that does not exist
  Traditional,    // a traditional (web) app's id and secret
  Stranger,       // an m2m app without grants
  RawHeader,      // ErrorCase::authorization as is
};

struct ErrorCase {
  std::string name;  // states the behaviour; the test name's suffix
  Auth auth;
  std::string body;  // "{id}" and "{secret}" stand for the m2m app's credentials
  unsigned status;
  std::string error;
  std::string content_type = "application/x-www-form-urlencoded";
  std::string authorization = "";
};

const std::string kOrders = "https://orders.example.test";
const std::string kAdmin = "https://admin.example.test";
const std::string kGood = "grant_type=client_credentials&resource=" + kOrders;

std::vector<ErrorCase> cases() {
  return {
      {"UnknownClientIsBadRequestAsLogtos", Auth::UnknownClient, kGood, 400, "invalid_client"},
      {"WrongSecretIsUnauthorized", Auth::WrongSecret, kGood, 401, "invalid_client"},
      {"BasicCredentialsThatAreNotBase64AreInvalidRequest", Auth::RawHeader, kGood, 400,
       "invalid_request", "application/x-www-form-urlencoded", "Basic %%%not-base64%%%"},
      {"BasicCredentialsWithoutColonAreInvalidRequest", Auth::RawHeader, kGood, 400,
       "invalid_request", "application/x-www-form-urlencoded",
       "Basic " + crypto::base64_encode("no-colon-here")},
      {"EmptyBasicCredentialsAreInvalidRequest", Auth::RawHeader, kGood, 400, "invalid_request",
       "application/x-www-form-urlencoded", "Basic "},
      {"BearerSchemeIsInvalidRequest", Auth::RawHeader, kGood, 400, "invalid_request",
       "application/x-www-form-urlencoded", "Bearer abc"},
      {"WrongSecretInTheBodyIsUnauthorized", Auth::None,
       kGood + "&client_id={id}&client_secret=wrong", 401, "invalid_client"},
      {"NoClientAuthenticationIsInvalidRequest", Auth::None, kGood, 400, "invalid_request"},
      {"ConfidentialClientWithoutSecretIsUnauthorized", Auth::None, kGood + "&client_id={id}", 401,
       "invalid_client"},
      {"BasicAndSecretInTheBodyIsInvalidRequest", Auth::Basic,
       kGood + "&client_id={id}&client_secret={secret}", 400, "invalid_request"},
      {"BasicAndAnotherClientIdInTheBodyIsInvalidRequest", Auth::Basic,
       kGood + "&client_id=someone-else", 400, "invalid_request"},
      {"MissingGrantTypeIsInvalidRequest", Auth::Basic, "resource=" + kOrders, 400,
       "invalid_request"},
      {"EmptyGrantTypeIsInvalidRequest", Auth::Basic, "grant_type=&resource=" + kOrders, 400,
       "invalid_request"},
      {"UnknownGrantTypeIsUnsupported", Auth::Basic, "grant_type=urn%3Aexample%3Aunknown", 400,
       "unsupported_grant_type"},
      {"NonMachineToMachineAppIsUnauthorizedClient", Auth::Traditional, kGood, 400,
       "unauthorized_client"},
      {"UnknownResourceIsInvalidTarget", Auth::Basic,
       "grant_type=client_credentials&resource=https%3A%2F%2Fnowhere.example.test", 400,
       "invalid_target"},
      {"TwoResourcesAreInvalidTarget", Auth::Basic, kGood + "&resource=" + kAdmin, 400,
       "invalid_target"},
      {"TwoCommaSeparatedResourcesAreInvalidTarget", Auth::Basic, kGood + "," + kAdmin, 400,
       "invalid_target"},
      {"RelativeResourceIsInvalidTarget", Auth::Basic,
       "grant_type=client_credentials&resource=orders", 400, "invalid_target"},
      {"ResourceWithFragmentIsInvalidTarget", Auth::Basic, kGood + "%23part", 400,
       "invalid_target"},
      {"NoResourceWithoutDefaultResourceIsInvalidTarget", Auth::Basic,
       "grant_type=client_credentials", 400, "invalid_target"},
      {"ScopeWithQuoteIsInvalidScope", Auth::Basic, kGood + "&scope=read%22", 400, "invalid_scope"},
      {"ManagementApiWithoutARoleIsInvalidTarget", Auth::Stranger,
       "grant_type=client_credentials&resource=urn:latch:management", 400, "invalid_target"},
      {"RepeatedGrantTypeIsInvalidRequest", Auth::Basic, kGood + "&grant_type=client_credentials",
       400, "invalid_request"},
      {"RepeatedScopeParameterIsInvalidRequest", Auth::Basic,
       kGood + "&scope=read%3Aorders&scope=write%3Aorders", 400, "invalid_request"},
      {"TextPlainBodyIsInvalidRequest", Auth::Basic, kGood, 400, "invalid_request", "text/plain"},
      {"MultipartBodyIsInvalidRequest", Auth::Basic,
       "--b\r\nContent-Disposition: form-data; name=\"grant_type\"\r\n\r\nclient_credentials\r\n"
       "--b--\r\n",
       400, "invalid_request", "multipart/form-data; boundary=b"},
      {"BodyWithoutContentTypeIsInvalidRequest", Auth::Basic, kGood, 400, "invalid_request", ""},
      {"MalformedJsonIsInvalidRequest", Auth::Basic, "{\"grant_type\": ", 400, "invalid_request",
       "application/json"},
      {"JsonArrayBodyIsInvalidRequest", Auth::Basic, "[\"client_credentials\"]", 400,
       "invalid_request", "application/json"},
      {"JsonNumberParameterIsInvalidRequest", Auth::Basic, "{\"grant_type\": 1}", 400,
       "invalid_request", "application/json"},
      {"MalformedPercentEncodingIsInvalidRequest", Auth::Basic, kGood + "&scope=read%zz", 400,
       "invalid_request"},
      {"TruncatedPercentEncodingIsInvalidRequest", Auth::Basic, kGood + "&scope=%4", 400,
       "invalid_request"},
      {"EncodedNulIsInvalidRequest", Auth::Basic, kGood + "&scope=read%00", 400, "invalid_request"},
  };
}

class TokenErrorTest
    : public SharedServerTest<TokenErrorTest, ::testing::TestWithParam<ErrorCase>> {
 public:
  static void provision(TestServer& server) {
    create_resource(server, {.indicator = kOrders, .scopes = {"read:orders", "write:orders"}});
    create_resource(server, {.indicator = kAdmin, .scopes = {"admin"}});
    traditional_ = create_app(server, "traditional", {"--redirect-uri", "https://app.test/cb"});
    stranger_ = create_app(server, "m2m");
    m2m_ = create_app(server, "m2m");
    if (!wait_until_token_issued(server, m2m_, kOrders)) {
      throw std::runtime_error("the server did not pick up the provisioned data");
    }
  }

 protected:
  static std::string authorization(const ErrorCase& c) {
    switch (c.auth) {
      case Auth::None:
        return {};
      case Auth::Basic:
        return basic_auth(m2m_.id, m2m_.secret);
      case Auth::WrongSecret:
        return basic_auth(m2m_.id, m2m_.secret + "x");
      case Auth::UnknownClient:
        return basic_auth("no-such-client", m2m_.secret);
      case Auth::Traditional:
        return basic_auth(traditional_.id, traditional_.secret);
      case Auth::Stranger:
        return basic_auth(stranger_.id, stranger_.secret);
      case Auth::RawHeader:
        return c.authorization;
    }
    return {};
  }

  static std::string body(std::string text) {
    for (auto [from, to] : {std::pair{"{id}", m2m_.id}, std::pair{"{secret}", m2m_.secret}}) {
      for (auto at = text.find(from); at != std::string::npos; at = text.find(from)) {
        text.replace(at, std::string_view(from).size(), to);
      }
    }
    return text;
  }

  static inline AppCredentials m2m_, stranger_, traditional_;
};

TEST_P(TokenErrorTest, AnswersWithOauthError) {
  const ErrorCase& c = GetParam();
  Headers headers;
  if (!c.content_type.empty()) headers.emplace_back("Content-Type", c.content_type);
  if (auto auth = authorization(c); !auth.empty()) headers.emplace_back("Authorization", auth);
  HttpResponse res = server().client().post("/oidc/token", body(c.body), headers);
  EXPECT_TRUE(is_oauth_error(res, c.status, c.error));
}

INSTANTIATE_TEST_SUITE_P(TokenEndpoint, TokenErrorTest, ::testing::ValuesIn(cases()),
                         [](const auto& info) { return info.param.name; });

class TokenClientErrorTest : public SharedServerTest<TokenClientErrorTest> {};

TEST_F(TokenClientErrorTest, InvalidClientChallengesWithBasicScheme) {
  AppCredentials app = create_app(server(), "m2m");
  HttpResponse res = server().client().post_form(
      "/oidc/token", kGood, {{"Authorization", basic_auth(app.id, "not-its-secret")}});
  ASSERT_EQ(res.status, 401u) << res.body;
  EXPECT_EQ(res.header("WWW-Authenticate").rfind("Basic", 0), 0u) << res.header("WWW-Authenticate");
}

TEST_F(TokenClientErrorTest, ErrorDescriptionDoesNotEchoTheSecret) {
  const std::string secret = "s3cr3t-value-that-must-not-echo";
  HttpResponse res = server().client().post_form(
      "/oidc/token", kGood + "&client_id=nobody&client_secret=" + secret);
  EXPECT_TRUE(is_oauth_error(res, 400, "invalid_client"));  // no such client
  EXPECT_EQ(res.body.find(secret), std::string::npos) << res.body;
}

// As Logto's provider answers a method it has no route for (oidc_http_shapes_test.cpp).
TEST_F(TokenClientErrorTest, GetIsNotAllowedAtTheTokenEndpoint) {
  HttpResponse res = server().client().get("/oidc/token?" + kGood);
  EXPECT_TRUE(is_oauth_error(res, 404, "invalid_request"));
  EXPECT_EQ(res.json().at("error_description").as_string(),
            "unrecognized route or not allowed method (GET on /token)");
}

}  // namespace
}  // namespace latch::test
