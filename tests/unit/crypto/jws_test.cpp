#include "crypto/jws.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "crypto/encoding.hpp"
#include "crypto/hash.hpp"
#include "unit/crypto/crypto_test_support.hpp"

namespace latch::crypto {
namespace {

using namespace test_support;
namespace json = boost::json;

const json::object kPayload = {{"iss", "https://id.example.com"},
                               {"sub", "user_1"},
                               {"exp", 1700000000},
                               {"scope", "openid profile"}};

VerifyKey verify_key_for(const SigningKeyPair& key) {
  return expect_ok(VerifyKey::from_jwk(key.public_jwk()));
}

// A lookup that knows exactly one key, under `kid`.
KeyLookup only(const VerifyKey& key, std::string kid) {
  return [&key, kid = std::move(kid)](std::string_view wanted) {
    return wanted == kid ? &key : nullptr;
  };
}

KeyLookup only(const VerifyKey& key) { return only(key, key.kid()); }

// header.payload signed by `signer`, whatever the header claims.
std::string forge(std::string_view header, std::string_view payload, const SigningKeyPair& signer) {
  const std::string input = base64url_encode(header) + "." + base64url_encode(payload);
  return input + "." + base64url_encode(signer.sign(input));
}

std::string header_for(std::string_view alg, std::string_view kid) {
  return json::serialize(json::object{{"alg", alg}, {"kid", kid}});
}

// Checks the code and the safe description, which also shows which check refused the token.
void expect_invalid_token(const Result<VerifiedJwt>& result, std::string_view description) {
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, Errc::InvalidToken);
  EXPECT_EQ(result.error().description, description);
}

class JwsRoundTripTest : public ::testing::TestWithParam<JwsAlg> {};

INSTANTIATE_TEST_SUITE_P(AllAlgs, JwsRoundTripTest, ::testing::ValuesIn(kAllAlgs),
                         [](const auto& info) { return std::string(alg_name(info.param)); });

TEST_P(JwsRoundTripTest, VerifiesWhatItSigned) {
  const SigningKeyPair& key = test_key(GetParam());
  const VerifyKey verifier = verify_key_for(key);
  const auto verified = verify_jwt(sign_jwt(key, kPayload), only(verifier));
  ASSERT_TRUE(verified.has_value()) << verified.error().detail;
  EXPECT_EQ(verified->payload, kPayload);
  EXPECT_EQ(json_text(verified->header, "alg"), alg_name(GetParam()));
  EXPECT_EQ(json_text(verified->header, "kid"), key.kid());
  EXPECT_EQ(json_text(verified->header, "typ"), "JWT");
}

TEST_P(JwsRoundTripTest, RejectsATamperedSignature) {
  const SigningKeyPair& key = test_key(GetParam());
  const VerifyKey verifier = verify_key_for(key);
  const std::string token = sign_jwt(key, kPayload);
  const std::size_t dot = token.rfind('.');
  std::string signature = base64url_decode(token.substr(dot + 1)).value();
  signature[signature.size() / 2] ^= 0x01;
  expect_invalid_token(
      verify_jwt(token.substr(0, dot + 1) + base64url_encode(signature), only(verifier)),
      "invalid signature");
}

TEST_P(JwsRoundTripTest, RejectsATamperedPayload) {
  const SigningKeyPair& key = test_key(GetParam());
  const VerifyKey verifier = verify_key_for(key);
  const std::string token = sign_jwt(key, kPayload);
  json::object changed = kPayload;
  changed["sub"] = "admin";
  const std::size_t first = token.find('.');
  const std::size_t second = token.rfind('.');
  const std::string forged = token.substr(0, first + 1) +
                             base64url_encode(json::serialize(changed)) + token.substr(second);
  expect_invalid_token(verify_jwt(forged, only(verifier)), "invalid signature");
}

TEST(JwsTest, WritesTheGivenTypAndOmitsAnEmptyOne) {
  const SigningKeyPair& key = test_key(JwsAlg::ES256);
  const VerifyKey verifier = verify_key_for(key);
  const auto at = verify_jwt(sign_jwt(key, kPayload, "at+jwt"), only(verifier));
  EXPECT_EQ(json_text(expect_ok(at).header, "typ"), "at+jwt");
  const auto untyped = verify_jwt(sign_jwt(key, kPayload, ""), only(verifier));
  EXPECT_FALSE(expect_ok(untyped).header.contains("typ"));
  EXPECT_EQ(expect_ok(untyped).header.size(), 2u);
}

TEST(JwsTest, RejectsAlgNone) {
  const SigningKeyPair& key = test_key(JwsAlg::ES256);
  const VerifyKey verifier = verify_key_for(key);
  const std::string unsecured = base64url_encode(header_for("none", key.kid())) + "." +
                                base64url_encode(json::serialize(kPayload)) + ".";
  expect_invalid_token(verify_jwt(unsecured, only(verifier)), "unsupported algorithm");
  expect_invalid_token(verify_jwt(forge(header_for("none", key.kid()), "{}", key), only(verifier)),
                       "unsupported algorithm");
}

TEST(JwsTest, RejectsHs256SignedWithThePublicKeyAsSecret) {
  const SigningKeyPair& key = test_key(JwsAlg::RS256);
  const VerifyKey verifier = verify_key_for(key);
  const std::string input = base64url_encode(header_for("HS256", key.kid())) + "." +
                            base64url_encode(json::serialize(kPayload));
  const std::string mac = hmac_sha256(json::serialize(key.public_jwk()), input);
  expect_invalid_token(verify_jwt(input + "." + base64url_encode(mac), only(verifier)),
                       "unsupported algorithm");
}

TEST(JwsTest, RejectsAnEs256HeaderForAnRsaKey) {
  const VerifyKey rsa = verify_key_for(test_key(JwsAlg::RS256));
  const std::string token =
      forge(header_for("ES256", rsa.kid()), json::serialize(kPayload), test_key(JwsAlg::ES256));
  expect_invalid_token(verify_jwt(token, only(rsa)), "algorithm does not fit the key");
}

TEST(JwsTest, RejectsAnRs256HeaderForAnEcKey) {
  const VerifyKey ec = verify_key_for(test_key(JwsAlg::ES256));
  const std::string token =
      forge(header_for("RS256", ec.kid()), json::serialize(kPayload), test_key(JwsAlg::RS256));
  expect_invalid_token(verify_jwt(token, only(ec)), "algorithm does not fit the key");
}

TEST(JwsTest, RejectsAnEs384HeaderForAP256Key) {
  const VerifyKey p256 = verify_key_for(test_key(JwsAlg::ES256));
  const std::string token =
      forge(header_for("ES384", p256.kid()), json::serialize(kPayload), test_key(JwsAlg::ES384));
  expect_invalid_token(verify_jwt(token, only(p256)), "algorithm does not fit the key");
}

TEST(JwsTest, RejectsAnEdDsaHeaderForAnEcKeyWithoutDeclaredAlg) {
  json::object jwk = test_key(JwsAlg::ES256).public_jwk();
  jwk.erase("alg");
  const VerifyKey ec = expect_ok(VerifyKey::from_jwk(jwk));
  const std::string token =
      forge(header_for("EdDSA", ec.kid()), json::serialize(kPayload), test_key(JwsAlg::EdDSA));
  expect_invalid_token(verify_jwt(token, only(ec)), "invalid signature");
}

TEST(JwsTest, RejectsAnUnknownKid) {
  const SigningKeyPair& key = test_key(JwsAlg::ES256);
  const VerifyKey verifier = verify_key_for(key);
  expect_invalid_token(verify_jwt(sign_jwt(key, kPayload), only(verifier, "another-kid")),
                       "unknown signing key");
}

TEST(JwsTest, RejectsANonStringKid) {
  const SigningKeyPair& key = test_key(JwsAlg::ES256);
  const VerifyKey verifier = verify_key_for(key);
  const std::string token = forge(R"({"alg":"ES256","kid":7})", "{}", key);
  expect_invalid_token(verify_jwt(token, [&](std::string_view) { return &verifier; }),
                       "malformed token");
}

TEST(JwsTest, UsesTheKeyForAnEmptyKidWhenTheTokenHasNone) {
  const json::object jwk = {{"kty", "EC"}, {"crv", "P-256"}, {"x", kRfc7515X}, {"y", kRfc7515Y}};
  const VerifyKey key = expect_ok(VerifyKey::from_jwk(jwk));
  const auto verified = verify_jwt(kRfc7515Es256Token, only(key, ""));
  ASSERT_TRUE(verified.has_value()) << verified.error().detail;
  EXPECT_EQ(json_text(verified->payload, "iss"), "joe");
  EXPECT_EQ(verified->payload.at("exp").as_int64(), 1300819380);
}

TEST(JwsTest, RejectsATokenWithoutKidWhenNoKeyAnswersTheEmptyKid) {
  const json::object jwk = {{"kty", "EC"}, {"crv", "P-256"}, {"x", kRfc7515X}, {"y", kRfc7515Y}};
  const VerifyKey key = expect_ok(VerifyKey::from_jwk(jwk));
  expect_invalid_token(verify_jwt(kRfc7515Es256Token, only(key, "some-kid")),
                       "unknown signing key");
}

TEST(JwsTest, RejectsCriticalHeaderExtensions) {
  const SigningKeyPair& key = test_key(JwsAlg::ES256);
  const VerifyKey verifier = verify_key_for(key);
  const std::string header =
      json::serialize(json::object{{"alg", "ES256"}, {"kid", key.kid()}, {"crit", {"exp"}}});
  expect_invalid_token(verify_jwt(forge(header, "{}", key), only(verifier)),
                       "unsupported critical header");
}

TEST(JwsTest, RejectsAnAuthenticPayloadThatIsNotAJsonObject) {
  const SigningKeyPair key =
      expect_ok(SigningKeyPair::from_pem(JwsAlg::EdDSA, rfc8037_private_pem()));
  const VerifyKey verifier = verify_key_for(key);
  const std::string token =
      std::string(kRfc8037SigningInput) + "." + std::string(kRfc8037Signature);
  expect_invalid_token(verify_jwt(token, only(verifier, "")), "malformed token");
}

TEST(JwsTest, RejectsEverySingleCharacterChange) {
  const SigningKeyPair& key = test_key(JwsAlg::ES256);
  const VerifyKey verifier = verify_key_for(key);
  const KeyLookup lookup = only(verifier);
  const std::string token = sign_jwt(key, kPayload);
  for (std::size_t i = 0; i < token.size(); ++i) {
    for (const char replacement : {'A', '.', '_'}) {
      if (token[i] == replacement) {
        continue;
      }
      std::string changed = token;
      changed[i] = replacement;
      EXPECT_FALSE(verify_jwt(changed, lookup).has_value()) << "position " << i;
    }
  }
}

TEST(JwsTest, RejectsEverythingWhenTheLookupIsEmpty) {
  expect_invalid_token(verify_jwt(sign_jwt(test_key(JwsAlg::ES256), kPayload), KeyLookup{}),
                       "unknown signing key");
}

TEST(JwsTest, SignsAndVerifiesConcurrentlyWithSharedKeys) {
  const SigningKeyPair& key = test_key(JwsAlg::ES256);
  const VerifyKey verifier = verify_key_for(key);
  const KeyLookup lookup = only(verifier);
  std::vector<std::thread> threads;
  std::vector<int> failures(4, 0);
  for (int& failed : failures) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        failed += verify_jwt(sign_jwt(key, kPayload), lookup).has_value() ? 0 : 1;
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(failures, std::vector<int>(4, 0));
}

struct MalformedToken {
  std::string name;
  std::string token;
  std::string refusal = "malformed token";
};

std::vector<MalformedToken> malformed_tokens() {
  const SigningKeyPair& key = test_key(JwsAlg::ES256);
  const std::string good = sign_jwt(key, kPayload);
  const std::string header = good.substr(0, good.find('.'));
  const std::string rest = good.substr(good.find('.'));
  const std::string kid = key.kid();
  return {
      {"Empty", ""},
      {"OnlyDots", ".."},
      {"TwoParts", good.substr(0, good.rfind('.'))},
      {"FourParts", good + ".AAAA"},
      {"TrailingDot", good + "."},
      {"EmptySignature", good.substr(0, good.rfind('.') + 1), "invalid signature"},
      {"SignatureNotBase64Url", good + "*", "invalid signature"},
      {"HeaderNotBase64Url", "eyJ!" + rest},
      {"PaddedHeaderIsNotWhatWasSigned", header + "==" + rest, "invalid signature"},
      {"HeaderIsArray", base64url_encode("[\"ES256\"]") + rest},
      {"HeaderIsString", base64url_encode("\"ES256\"") + rest},
      {"HeaderIsNotJson", base64url_encode("{alg:ES256") + rest},
      {"HeaderHasNoAlg", base64url_encode(R"({"kid":")" + kid + "\"}") + rest},
      {"AlgIsNotAString", base64url_encode(R"({"alg":1,"kid":")" + kid + "\"}") + rest},
      {"PayloadIsArray", forge(header_for("ES256", kid), "[1,2]", key)},
      {"PayloadIsNotJson", forge(header_for("ES256", kid), "not json", key)},
      {"PayloadHasTrailingGarbage", forge(header_for("ES256", kid), "{}x", key)},
      {"DeeplyNested", forge(header_for("ES256", kid), std::string(5000, '['), key)},
      {"HugeJunk", std::string(1 << 20, 'A')},
      {"HugeJunkWithDots", std::string(1 << 20, 'A') + "." + std::string(1 << 20, 'B') + ".C"},
      {"NulBytes", std::string(100, '\0')},
  };
}

class JwsMalformedTest : public ::testing::TestWithParam<MalformedToken> {};

INSTANTIATE_TEST_SUITE_P(Tokens, JwsMalformedTest, ::testing::ValuesIn(malformed_tokens()),
                         [](const auto& info) { return info.param.name; });

TEST_P(JwsMalformedTest, RejectsWithoutCrashing) {
  const VerifyKey verifier = verify_key_for(test_key(JwsAlg::ES256));
  expect_invalid_token(verify_jwt(GetParam().token, only(verifier)), GetParam().refusal);
}

}  // namespace
}  // namespace latch::crypto
