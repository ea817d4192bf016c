#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json/serialize.hpp>
#include <chrono>
#include <memory>
#include <thread>

#include "jose.hpp"
#include "latch/jwt_validator.hpp"
#include "support/latch_server.hpp"

namespace latch {
namespace {

using namespace std::chrono_literals;
using sdk_test::LatchServer;

constexpr const char* kApi = "https://api.test";

// One server for the suite: an API (read:x, write:x) and an m2m app granted read:x only.
struct World {
  LatchServer server;
  sdk_test::M2mApp app =
      sdk_test::create_m2m_app_for(server, kApi, {"read:x", "write:x"}, {"read:x"});
  std::string token() const {
    return sdk_test::client_credentials_token(server, app, kApi, "read:x");
  }
  ValidatorConfig config() const { return {.endpoint = server.endpoint(), .audience = kApi}; }
};

World& world() {
  static World* instance = new World();  // lives until the process exits
  return *instance;
}

Errc code_of(const std::function<void()>& call, std::string* message = nullptr) {
  try {
    call();
  } catch (const Error& e) {
    if (message) {
      *message = e.what();
    }
    return e.code();
  }
  ADD_FAILURE() << "no latch::Error was thrown";
  return Errc::invalid_config;
}

std::string kid_of(const std::string& token) {
  return std::string(detail::parse_jws(token).header.at("kid").as_string());
}

TEST(JwtValidatorTest, AcceptsAClientCredentialsTokenForTheApi) {
  JwtValidator validator(world().config());
  AccessTokenClaims claims = validator.verify(world().token(), {"read:x"});
  EXPECT_EQ(claims.iss, world().server.endpoint() + "/oidc");
  EXPECT_EQ(claims.client_id, world().app.id);
  EXPECT_EQ(claims.aud, std::vector<std::string>{kApi});
  EXPECT_TRUE(claims.has_scope("read:x"));
  EXPECT_FALSE(claims.has_scope("write:x"));
  EXPECT_GT(claims.exp, claims.iat);
  EXPECT_TRUE(claims.raw.contains("jti") || claims.raw.contains("exp"));
}

TEST(JwtValidatorTest, AsyncVerifyRunsOnTheCallersExecutor) {
  JwtValidator validator(world().config());
  std::string token = world().token();
  boost::asio::io_context ctx;
  std::optional<AccessTokenClaims> claims;
  boost::asio::co_spawn(ctx, validator.async_verify(token, {"read:x"}),
                        [&](std::exception_ptr e, AccessTokenClaims c) {
                          ASSERT_FALSE(e);
                          claims = std::move(c);
                        });
  ctx.run_for(20s);
  ASSERT_TRUE(claims);
  EXPECT_EQ(claims->client_id, world().app.id);
}

TEST(JwtValidatorTest, RefusesATamperedPayload) {
  std::string token = world().token();
  auto jws = detail::parse_jws(token);
  jws.payload["scope"] = "read:x write:x";
  std::string forged = token.substr(0, token.find('.')) + "." +
                       detail::base64url_encode(boost::json::serialize(jws.payload)) +
                       token.substr(token.rfind('.'));
  JwtValidator validator(world().config());
  EXPECT_EQ(code_of([&] { validator.verify(forged); }), Errc::invalid_token);
}

TEST(JwtValidatorTest, RefusesATamperedSignature) {
  std::string token = world().token();
  token[token.size() - 5] = token[token.size() - 5] == 'A' ? 'B' : 'A';
  JwtValidator validator(world().config());
  EXPECT_EQ(code_of([&] { validator.verify(token); }), Errc::invalid_token);
}

TEST(JwtValidatorTest, RefusesGarbage) {
  JwtValidator validator(world().config());
  EXPECT_EQ(code_of([&] { validator.verify("not-a-jwt"); }), Errc::invalid_token);
  EXPECT_EQ(code_of([&] { validator.verify("a.b.c"); }), Errc::invalid_token);
}

TEST(JwtValidatorTest, ATokenForAnotherApiIsTheWrongAudience) {
  ValidatorConfig config = world().config();
  config.audience = "https://other.test";
  JwtValidator validator(config);
  EXPECT_EQ(code_of([&] { validator.verify(world().token()); }), Errc::wrong_audience);
}

TEST(JwtValidatorTest, AMissingScopeIsInsufficientAndNamed) {
  JwtValidator validator(world().config());
  std::string message;
  EXPECT_EQ(code_of(
                [&] {
                  validator.verify(world().token(), {"read:x", "write:x"});
                },
                &message),
            Errc::insufficient_scope);
  EXPECT_NE(message.find("write:x"), std::string::npos) << message;
}

TEST(JwtValidatorTest, AnExpiredTokenIsInvalid) {
  ValidatorConfig config = world().config();
  config.now_seconds = [] {
    return std::chrono::duration_cast<std::chrono::seconds>(
               (std::chrono::system_clock::now() + 2h).time_since_epoch())
        .count();
  };
  JwtValidator validator(config);
  std::string message;
  EXPECT_EQ(code_of([&] { validator.verify(world().token()); }, &message), Errc::invalid_token);
  EXPECT_NE(message.find("expired"), std::string::npos) << message;
}

TEST(JwtValidatorTest, ATokenIssuedInTheFutureIsInvalid) {
  ValidatorConfig config = world().config();
  config.now_seconds = [] {
    return std::chrono::duration_cast<std::chrono::seconds>(
               (std::chrono::system_clock::now() - 10min).time_since_epoch())
        .count();
  };
  JwtValidator validator(config);
  EXPECT_EQ(code_of([&] { validator.verify(world().token()); }), Errc::invalid_token);
}

TEST(JwtValidatorTest, ATokenOfAnotherIssuerIsInvalid) {
  LatchServer other;
  auto app = sdk_test::create_m2m_app_for(other, kApi, {"read:x"}, {"read:x"});
  std::string token = sdk_test::client_credentials_token(other, app, kApi, "read:x");
  JwtValidator validator(world().config());
  EXPECT_EQ(code_of([&] { validator.verify(token); }), Errc::invalid_token);
}

TEST(JwtValidatorTest, FindsARotatedKeyAndKeepsAcceptingTheOldOne) {
  LatchServer server;
  auto app = sdk_test::create_m2m_app_for(server, kApi, {"read:x"}, {"read:x"});
  std::string old_token = sdk_test::client_credentials_token(server, app, kApi, "read:x");
  JwtValidator validator({.endpoint = server.endpoint(), .audience = kApi});
  validator.verify(old_token);  // caches the JWKS

  ASSERT_EQ(server.cli({"keys", "rotate"}).exit_code, 0);
  // The server reloads its keys within a moment; ask until a token names a new kid.
  std::string new_token = old_token;
  for (int attempt = 0; attempt < 40 && kid_of(new_token) == kid_of(old_token); ++attempt) {
    std::this_thread::sleep_for(150ms);
    new_token = sdk_test::client_credentials_token(server, app, kApi, "read:x");
  }
  ASSERT_NE(kid_of(new_token), kid_of(old_token));
  EXPECT_EQ(validator.verify(new_token).client_id, app.id);  // the JWKS is fetched again
  EXPECT_EQ(validator.verify(old_token).client_id, app.id);  // the old key is still published
}

TEST(JwtValidatorTest, KeepsVerifyingWithTheCachedKeysWhenTheServerIsDown) {
  LatchServer server;
  auto app = sdk_test::create_m2m_app_for(server, kApi, {"read:x"}, {"read:x"});
  std::string token = sdk_test::client_credentials_token(server, app, kApi, "read:x");
  JwtValidator validator({.endpoint = server.endpoint(), .audience = kApi});
  validator.verify(token);
  server.stop();
  EXPECT_EQ(validator.verify(token).client_id, app.id);
}

TEST(JwtValidatorTest, AnUnreachableServerIsANetworkError) {
  // Discovery and JWKS are cached per endpoint for the process: use a server nobody asked yet.
  LatchServer server;
  auto app = sdk_test::create_m2m_app_for(server, kApi, {"read:x"}, {"read:x"});
  std::string token = sdk_test::client_credentials_token(server, app, kApi, "read:x");
  server.stop();
  JwtValidator validator({.endpoint = server.endpoint(), .audience = kApi, .timeout = 3s});
  EXPECT_EQ(code_of([&] { validator.verify(token); }), Errc::network);
}

TEST(JwtValidatorTest, NeedsAnEndpointAndVerifyNeedsAnAudience) {
  EXPECT_EQ(code_of([] { JwtValidator({.audience = "https://api"}); }), Errc::invalid_config);
  // Without an audience it verifies organization tokens only (verify_organization_token).
  JwtValidator organizations_only(ValidatorConfig{.endpoint = world().server.endpoint()});
  EXPECT_EQ(code_of([&] { organizations_only.verify(world().token()); }), Errc::invalid_config);
  EXPECT_EQ(code_of([&] { organizations_only.verify_organization_token(world().token(), "o1"); }),
            Errc::wrong_audience);
}

TEST(BearerTokenTest, ExtractsTheTokenInAnyCase) {
  EXPECT_EQ(JwtValidator::bearer_token("Bearer abc.def.ghi"), "abc.def.ghi");
  EXPECT_EQ(JwtValidator::bearer_token("bearer   abc"), "abc");
  EXPECT_EQ(JwtValidator::bearer_token("BEARER abc "), "abc");
}

TEST(BearerTokenTest, RefusesOtherCredentials) {
  for (const char* header : {"", "Bearer", "Bearer ", "Basic YTpi", "Bearerabc", "Bearer a b"}) {
    EXPECT_EQ(code_of([&] { JwtValidator::bearer_token(header); }), Errc::invalid_token) << header;
  }
}

}  // namespace
}  // namespace latch
