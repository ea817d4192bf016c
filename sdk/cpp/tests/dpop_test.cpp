// DPoP (RFC 9449) in the SDK: DpopKey makes proofs Latch accepts, and JwtValidator accepts a
// DPoP-bound access token with a proof by its key (verify_dpop), refusing it as a bearer token,
// with another key's proof, for another URL or method, or a second time.
#include <gtest/gtest.h>

#include <openssl/evp.h>
#include <openssl/pem.h>

#include <boost/json/parse.hpp>
#include <chrono>
#include <thread>

#include "dpop_check.hpp"
#include "jose.hpp"
#include "latch/dpop.hpp"
#include "latch/jwt_validator.hpp"
#include "support/htu_cases.hpp"
#include "support/latch_server.hpp"

namespace latch {
namespace {

using namespace std::chrono_literals;
using sdk_test::LatchServer;

constexpr const char* kApi = "https://dpop-api.test";

struct World {
  LatchServer server;
  sdk_test::M2mApp app = sdk_test::create_m2m_app_for(server, kApi, {"read:x"}, {"read:x"});
  ValidatorConfig config() const { return {.endpoint = server.endpoint(), .audience = kApi}; }
  std::string api_url() const { return "https://dpop-api.test/items"; }

  // client_credentials with a proof by `key`: the token response.
  boost::json::object bound_token(const DpopKey& key) const {
    sdk_test::Request request{
        .method = "POST",
        .target = "/oidc/token",
        .headers = {{"Content-Type", "application/x-www-form-urlencoded"},
                    {"Authorization", "Basic " + sdk_test::base64(app.id + ":" + app.secret)}},
        .body = sdk_test::form_encode(
            {{"grant_type", "client_credentials"}, {"resource", kApi}, {"scope", "read:x"}})};
    sdk_test::Response res;
    for (int attempt = 0; attempt < 50; ++attempt) {  // until the server knows the app
      request.headers.resize(2);
      request.headers.emplace_back("DPoP", key.proof("POST", server.endpoint() + "/oidc/token"));
      res = server.request(request);
      if (res.status == 200) break;
      std::this_thread::sleep_for(100ms);
    }
    EXPECT_EQ(res.status, 200u) << res.body;
    boost::system::error_code ec;
    auto body = boost::json::parse(res.body, ec);
    return !ec && body.is_object() ? body.as_object() : boost::json::object{};
  }
};

World& world() {
  static World* instance = new World();  // lives until the process exits
  return *instance;
}

std::string text(const boost::json::object& o, std::string_view name) {
  const auto* v = o.if_contains(name);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

Errc code_of(const std::function<void()>& call) {
  try {
    call();
  } catch (const Error& e) {
    return e.code();
  }
  ADD_FAILURE() << "no latch::Error was thrown";
  return Errc::invalid_config;
}

TEST(DpopKeyTest, ItsThumbprintFollowsRfc7638) {
  DpopKey key = DpopKey::generate();
  EXPECT_EQ(key.jkt(), detail::jwk_thumbprint(key.public_jwk()));
  EXPECT_FALSE(key.public_jwk().contains("d"));
  // RFC 7638 §3.1's example key.
  boost::json::object rsa{
      {"kty", "RSA"},
      {"e", "AQAB"},
      {"n",
       "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_"
       "BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_"
       "FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-"
       "bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw"}};
  EXPECT_EQ(detail::jwk_thumbprint(rsa), "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
}

TEST(DpopKeyTest, ItsPemBringsBackTheSameKey) {
  DpopKey key = DpopKey::generate();
  std::string pem = key.private_pem();
  EXPECT_EQ(pem.rfind("-----BEGIN PRIVATE KEY-----", 0), 0u) << pem;
  DpopKey restored = DpopKey::from_pem(pem);
  EXPECT_EQ(restored.jkt(), key.jkt());
  EXPECT_EQ(restored.public_jwk(), key.public_jwk());
  // A proof of the restored key binds a token that the original key's proofs then use.
  auto tokens = world().bound_token(restored);
  ASSERT_EQ(text(tokens, "token_type"), "DPoP");
  auto claims =
      JwtValidator(world().config())
          .verify_dpop(text(tokens, "access_token"),
                       {.proof = key.proof("GET", world().api_url(), text(tokens, "access_token")),
                        .method = "GET",
                        .url = world().api_url()},
                       {"read:x"});
  EXPECT_EQ(claims.sub, world().app.id);
}

TEST(DpopKeyTest, FromPemRefusesWhatIsNoP256PrivateKey) {
  EXPECT_EQ(code_of([] { DpopKey::from_pem("not a pem"); }), Errc::invalid_config);
  std::string pem = DpopKey::generate().private_pem();
  EXPECT_EQ(code_of([&] { DpopKey::from_pem(pem.substr(0, pem.size() / 2)); }),
            Errc::invalid_config);
  // A P-384 key: a private key, but not one ES256 proofs can be made with.
  EVP_PKEY* p384 = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-384");
  ASSERT_NE(p384, nullptr);
  BIO* bio = BIO_new(BIO_s_mem());
  ASSERT_EQ(PEM_write_bio_PrivateKey(bio, p384, nullptr, nullptr, 0, nullptr, nullptr), 1);
  char* data = nullptr;
  long size = BIO_get_mem_data(bio, &data);
  std::string other(data, static_cast<std::size_t>(size));
  BIO_free(bio);
  EVP_PKEY_free(p384);
  EXPECT_EQ(code_of([&] { DpopKey::from_pem(other); }), Errc::invalid_config);
}

TEST(DpopKeyTest, LatchBindsTheTokenToTheKey) {
  DpopKey key = DpopKey::generate();
  boost::json::object tokens = world().bound_token(key);
  EXPECT_EQ(text(tokens, "token_type"), "DPoP");
  JwtValidator validator(world().config());
  std::string token = text(tokens, "access_token");
  AccessTokenClaims claims =
      validator.verify_dpop(token,
                            {.proof = key.proof("GET", world().api_url(), token),
                             .method = "GET",
                             .url = world().api_url()},
                            {"read:x"});
  EXPECT_EQ(claims.client_id, world().app.id);
}

TEST(DpopValidatorTest, RefusesABoundTokenAsBearer) {
  DpopKey key = DpopKey::generate();
  std::string token = text(world().bound_token(key), "access_token");
  JwtValidator validator(world().config());
  EXPECT_EQ(code_of([&] { validator.verify(token); }), Errc::invalid_token);
}

TEST(DpopValidatorTest, RefusesAnotherKeyAnotherUrlAnotherMethodAndAReplay) {
  DpopKey key = DpopKey::generate(), other = DpopKey::generate();
  std::string token = text(world().bound_token(key), "access_token");
  JwtValidator validator(world().config());
  const std::string url = world().api_url();
  auto verify = [&](const std::string& proof, const std::string& method, const std::string& at) {
    return code_of(
        [&] { validator.verify_dpop(token, {.proof = proof, .method = method, .url = at}); });
  };
  EXPECT_EQ(verify(other.proof("GET", url, token), "GET", url), Errc::invalid_token);
  EXPECT_EQ(verify(key.proof("GET", "https://dpop-api.test/other", token), "GET", url),
            Errc::invalid_token);
  EXPECT_EQ(verify(key.proof("POST", url, token), "GET", url), Errc::invalid_token);
  EXPECT_EQ(verify(key.proof("GET", url, "another token"), "GET", url), Errc::invalid_token);
  std::string proof = key.proof("GET", url, token);
  EXPECT_NO_THROW(validator.verify_dpop(token, {.proof = proof, .method = "GET", .url = url}));
  EXPECT_EQ(verify(proof, "GET", url), Errc::invalid_token);  // the same jti again
}

TEST(DpopValidatorTest, RefusesAProofForAnUnboundToken) {
  std::string token =
      sdk_test::client_credentials_token(world().server, world().app, kApi, "read:x");
  JwtValidator validator(world().config());
  DpopKey key = DpopKey::generate();
  const std::string url = world().api_url();
  EXPECT_EQ(code_of([&] {
              validator.verify_dpop(
                  token, {.proof = key.proof("GET", url, token), .method = "GET", .url = url});
            }),
            Errc::invalid_token);
}

TEST(DpopValidatorTest, ReadsTheDpopScheme) {
  EXPECT_EQ(JwtValidator::dpop_token("DPoP abc"), "abc");
  EXPECT_EQ(JwtValidator::dpop_token("dpop  abc "), "abc");
  EXPECT_EQ(code_of([] { JwtValidator::dpop_token("Bearer abc"); }), Errc::invalid_token);
}

TEST(DpopValidatorTest, NormalisesUrlsAsTheServerDoes) {
  for (const auto& c : test_support::kHtuCases) {
    auto got = detail::normalized_url(c.url);
    if (c.normalized) {
      EXPECT_EQ(got, std::string(*c.normalized)) << c.url;
    } else {
      EXPECT_EQ(got, std::nullopt) << c.url;
    }
  }
}

}  // namespace
}  // namespace latch
