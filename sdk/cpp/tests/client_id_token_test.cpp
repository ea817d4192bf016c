// The Client's ID token checks (OIDC Core §3.1.3.7), claim by claim, and a tampered signature.
#include "client_id_token.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "http_client.hpp"
#include "jose.hpp"
#include "latch/client.hpp"
#include "latch/storage.hpp"
#include "provider.hpp"
#include "support/client_world.hpp"

namespace latch::detail {
namespace {

namespace json = boost::json;

constexpr std::int64_t kNow = 1'800'000'000;

IdTokenExpectations expectations() {
  return {.issuer = "https://auth.example/oidc",
          .client_id = "app-a",
          .nonce = "n-0",
          .now = kNow,
          .clock_skew = std::chrono::seconds(60)};
}

json::object good_payload() {
  return {{"iss", "https://auth.example/oidc"},
          {"aud", "app-a"},
          {"sub", "user-1"},
          {"iat", kNow - 10},
          {"exp", kNow + 3600},
          {"nonce", "n-0"}};
}

struct ClaimCase {
  const char* description;
  std::function<void(json::object&)> change;
  bool accepted;
};

class IdTokenClaimsTest : public ::testing::TestWithParam<ClaimCase> {};

TEST_P(IdTokenClaimsTest, ChecksEachClaim) {
  json::object payload = good_payload();
  GetParam().change(payload);
  if (GetParam().accepted) {
    EXPECT_NO_THROW(check_id_token_claims(payload, expectations()));
    return;
  }
  try {
    check_id_token_claims(payload, expectations());
    ADD_FAILURE() << "accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), Errc::invalid_id_token);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Claims, IdTokenClaimsTest,
    ::testing::Values(
        ClaimCase{"a good token", [](json::object&) {}, true},
        ClaimCase{"another issuer", [](json::object& p) { p["iss"] = "https://evil/oidc"; }, false},
        ClaimCase{"no issuer", [](json::object& p) { p.erase("iss"); }, false},
        ClaimCase{"another audience", [](json::object& p) { p["aud"] = "app-b"; }, false},
        ClaimCase{"no audience", [](json::object& p) { p.erase("aud"); }, false},
        ClaimCase{"audience list with azp",
                  [](json::object& p) {
                    p["aud"] = json::array{"app-a", "api"};
                    p["azp"] = "app-a";
                  },
                  true},
        ClaimCase{"audience list without azp",
                  [](json::object& p) {
                    p["aud"] = json::array{"app-a", "api"};
                  },
                  false},
        ClaimCase{"audience list without the app",
                  [](json::object& p) { p["aud"] = json::array{"app-b"}; }, false},
        ClaimCase{"azp names another app", [](json::object& p) { p["azp"] = "app-b"; }, false},
        ClaimCase{"expired beyond the skew", [](json::object& p) { p["exp"] = kNow - 61; }, false},
        ClaimCase{"expired within the skew", [](json::object& p) { p["exp"] = kNow - 30; }, true},
        ClaimCase{"issued in the future", [](json::object& p) { p["iat"] = kNow + 120; }, false},
        ClaimCase{"no exp", [](json::object& p) { p.erase("exp"); }, false},
        ClaimCase{"exp as a string", [](json::object& p) { p["exp"] = "soon"; }, false},
        ClaimCase{"another nonce", [](json::object& p) { p["nonce"] = "n-1"; }, false},
        ClaimCase{"no nonce", [](json::object& p) { p.erase("nonce"); }, false},
        ClaimCase{"no subject", [](json::object& p) { p.erase("sub"); }, false}),
    [](const auto& info) {
      std::string name = info.param.description;
      for (char& c : name) {
        c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
      }
      return name;
    });

TEST(IdTokenClaimsTest, RefreshedTokenNeedsNoNonce) {
  json::object payload = good_payload();
  payload.erase("nonce");
  IdTokenExpectations expect = expectations();
  expect.nonce = std::nullopt;
  EXPECT_NO_THROW(check_id_token_claims(payload, expect));
}

// A real ID token from Latch (one sign-in for the suite), with a part of it changed.
struct RealIdToken {
  std::string token;
  std::shared_ptr<const ProviderMetadata> meta;
  IdTokenExpectations expect;
};

const RealIdToken& real_id_token() {
  static const RealIdToken real = [] {
    auto& w = sdk_test::client_world();
    MemoryStorage storage;
    Client client(w.config(w.web), storage);
    sdk_test::sign_in_fully(client);
    RealIdToken out;
    out.token = *storage.get("idToken");
    out.meta = run_blocking<std::shared_ptr<const ProviderMetadata>>(
        [&] { return discover(w.server.endpoint(), {}, std::chrono::seconds(600)); });
    auto payload = parse_jws(out.token).payload;
    out.expect = {.issuer = out.meta->issuer,
                  .client_id = w.web.id,
                  .nonce = std::string(payload.at("nonce").as_string()),
                  .now = payload.at("iat").as_int64(),
                  .clock_skew = std::chrono::seconds(60)};
    return out;
  }();
  return real;
}

class TamperedIdTokenTest : public ::testing::Test {
 protected:
  std::optional<Errc> verify(const std::string& token) {
    const RealIdToken& real = real_id_token();
    try {
      run_blocking<json::object>([&] {
        // A JWKS cache entry of its own: the unknown-kid test's refetch must not hold back the
        // key-rotation test's (the SDK refetches for an unknown kid at most every few seconds).
        return verify_id_token(token, real.expect,
                               {.jwks_uri = real.meta->jwks_uri + "?tampered",
                                .transport = {},
                                .ttl = std::chrono::seconds(600)});
      });
    } catch (const Error& e) {
      return e.code();
    }
    return std::nullopt;
  }

  const std::string token_ = real_id_token().token;
};

TEST_F(TamperedIdTokenTest, UntouchedTokenVerifies) { EXPECT_EQ(verify(token_), std::nullopt); }

TEST_F(TamperedIdTokenTest, ChangedPayloadIsRejected) {
  auto first_dot = token_.find('.');
  auto second_dot = token_.find('.', first_dot + 1);
  auto payload = parse_jws(token_).payload;
  payload["sub"] = "someone-else";
  std::string forged = token_.substr(0, first_dot + 1) +
                       base64url_encode(json::serialize(payload)) + token_.substr(second_dot);
  EXPECT_EQ(verify(forged), Errc::invalid_id_token);
}

TEST_F(TamperedIdTokenTest, ChangedSignatureIsRejected) {
  std::string forged = token_;
  char& c = forged[forged.rfind('.') + 5];
  c = c == 'A' ? 'B' : 'A';
  EXPECT_EQ(verify(forged), Errc::invalid_id_token);
}

TEST_F(TamperedIdTokenTest, UnknownKeyIsRejected) {
  auto header = parse_jws(token_).header;
  header["kid"] = "no-such-key";
  std::string forged = base64url_encode(json::serialize(header)) + token_.substr(token_.find('.'));
  EXPECT_EQ(verify(forged), Errc::invalid_id_token);
}

TEST_F(TamperedIdTokenTest, AlgNoneIsRejected) {
  json::object header{{"alg", "none"}, {"typ", "JWT"}};
  auto payload_part = token_.substr(token_.find('.'), token_.rfind('.') - token_.find('.'));
  EXPECT_EQ(verify(base64url_encode(json::serialize(header)) + payload_part + "."),
            Errc::invalid_id_token);
}

TEST_F(TamperedIdTokenTest, NotAJwtIsRejected) { EXPECT_EQ(verify("abc"), Errc::invalid_id_token); }

}  // namespace
}  // namespace latch::detail
