#include "oidc/dpop_proof.hpp"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "crypto/encoding.hpp"
#include "crypto/jwk.hpp"
#include "support/htu_cases.hpp"
#include "unit/crypto/crypto_test_support.hpp"

namespace latch::oidc {
namespace {

namespace json = boost::json;

constexpr std::int64_t kNow = 1'800'000'000;
constexpr std::string_view kUrl = "https://id.example.test/oidc/token";

const crypto::SigningKeyPair& es256() {
  static const auto key = crypto::SigningKeyPair::generate(crypto::JwsAlg::ES256);
  return key;
}

json::object claims() { return {{"jti", "p-1"}, {"htm", "POST"}, {"htu", kUrl}, {"iat", kNow}}; }

json::object header(const crypto::SigningKeyPair& key) {
  return {{"typ", "dpop+jwt"}, {"alg", crypto::alg_name(key.alg())}, {"jwk", key.public_jwk()}};
}

std::string encode(const json::object& part) {
  return crypto::base64url_encode(json::serialize(part));
}

std::string sign(const crypto::SigningKeyPair& key, const json::object& head,
                 const json::object& payload) {
  std::string input = encode(head) + "." + encode(payload);
  return input + "." + crypto::base64url_encode(key.sign(input));
}

std::string proof(const json::object& payload) { return sign(es256(), header(es256()), payload); }

DpopExpectation at_token_endpoint() { return {.method = "POST", .url = kUrl, .now = kNow}; }

Result<DpopProof> verify(const std::string& text, DpopExpectation expected = at_token_endpoint()) {
  return verify_dpop_proof(text, expected);
}

void expect_refused(const Result<DpopProof>& result, std::string_view why) {
  ASSERT_FALSE(result.has_value()) << why;
  EXPECT_EQ(result.error().key, kInvalidDpopProofKey) << why;
  EXPECT_NE(result.error().description.find(why), std::string::npos) << result.error().description;
}

TEST(DpopProofTest, AcceptsAProofAndNamesItsKeyThumbprint) {
  auto checked = verify(proof(claims()));
  ASSERT_TRUE(checked.has_value()) << checked.error().description;
  EXPECT_EQ(checked->jkt, *crypto::jwk_thumbprint(es256().public_jwk()));
  EXPECT_EQ(checked->jti, "p-1");
}

TEST(DpopProofTest, AcceptsEveryAdvertisedKeyType) {
  for (auto alg : {crypto::JwsAlg::ES384, crypto::JwsAlg::RS256, crypto::JwsAlg::EdDSA}) {
    auto key = crypto::SigningKeyPair::generate(alg);
    auto checked = verify(sign(key, header(key), claims()));
    EXPECT_TRUE(checked.has_value()) << crypto::alg_name(alg);
  }
}

TEST(DpopProofTest, AcceptsTheFullySpecifiedEd25519Name) {
  auto key = crypto::SigningKeyPair::generate(crypto::JwsAlg::EdDSA);
  json::object head = header(key);
  head["alg"] = "Ed25519";  // RFC 9864 §2.2, what openid-client sends
  head["jwk"].as_object().erase("alg");
  EXPECT_TRUE(verify(sign(key, head, claims())).has_value());
}

TEST(DpopProofTest, RefusesAnotherType) {
  json::object head = header(es256());
  head["typ"] = "JWT";
  expect_refused(verify(sign(es256(), head, claims())), "typ must be dpop+jwt");
}

TEST(DpopProofTest, RefusesHmacAndNone) {
  json::object head = header(es256());
  head["alg"] = "HS256";
  expect_refused(verify(sign(es256(), head, claims())), "alg must be asymmetric");
  head["alg"] = "none";
  std::string unsigned_proof = encode(head) + "." + encode(claims()) + ".";
  EXPECT_EQ(verify(unsigned_proof).error().key, kInvalidDpopProofKey);
}

TEST(DpopProofTest, RefusesAProofWithoutAKey) {
  json::object head = header(es256());
  head.erase("jwk");
  expect_refused(verify(sign(es256(), head, claims())), "jwk");
}

TEST(DpopProofTest, RefusesAPrivateKeyInTheHeader) {
  auto key = crypto::SigningKeyPair::generate(crypto::JwsAlg::ES256);
  json::object head = header(key);
  head["jwk"].as_object()["d"] = "c2VjcmV0";
  expect_refused(verify(sign(key, head, claims())), "jwk must not contain a private key");
}

TEST(DpopProofTest, RefusesASignatureByAnotherKey) {
  auto other = crypto::SigningKeyPair::generate(crypto::JwsAlg::ES256);
  expect_refused(verify(sign(other, header(es256()), claims())), "signature does not verify");
}

TEST(DpopProofTest, RefusesAnotherMethod) {
  json::object c = claims();
  c["htm"] = "GET";
  expect_refused(verify(proof(c)), "htm");
}

TEST(DpopProofTest, RefusesAnotherUrl) {
  json::object c = claims();
  c["htu"] = "https://id.example.test/oidc/me";
  expect_refused(verify(proof(c)), "htu");
  c["htu"] = "https://evil.example.test/oidc/token";
  expect_refused(verify(proof(c)), "htu");
}

TEST(DpopProofTest, ComparesTheUrlAfterNormalisation) {
  json::object c = claims();
  c["htu"] = "HTTPS://ID.Example.TEST:443/oidc/token?x=1#f";
  EXPECT_TRUE(verify(proof(c)).has_value());
  EXPECT_EQ(normalized_htu("http://Host:80"), "http://host/");
  EXPECT_EQ(normalized_htu("http://host:8080/a"), "http://host:8080/a");
  EXPECT_EQ(normalized_htu("ftp://host/a"), std::nullopt);
  EXPECT_EQ(normalized_htu("/oidc/token"), std::nullopt);
}

TEST(DpopProofTest, NormalisesUrlsAsTheSdkDoes) {
  for (const auto& c : test_support::kHtuCases) {
    auto got = normalized_htu(c.url);
    if (c.normalized) {
      EXPECT_EQ(got, std::string(*c.normalized)) << c.url;
    } else {
      EXPECT_EQ(got, std::nullopt) << c.url;
    }
  }
}

TEST(DpopProofTest, RefusesAnIatOutsideTheWindow) {
  json::object c = claims();
  c["iat"] = kNow - kDpopIatPast - 1;
  expect_refused(verify(proof(c)), "iat");
  c["iat"] = kNow + kDpopIatFuture + 1;
  expect_refused(verify(proof(c)), "iat");
  c["iat"] = kNow - kDpopIatPast;
  EXPECT_TRUE(verify(proof(c)).has_value());
  c.erase("iat");
  expect_refused(verify(proof(c)), "iat is required");
}

TEST(DpopProofTest, RequiresAJti) {
  json::object c = claims();
  c.erase("jti");
  expect_refused(verify(proof(c)), "jti");
  c["jti"] = std::string(257, 'j');
  expect_refused(verify(proof(c)), "jti");
}

TEST(DpopProofTest, ChecksAthAgainstThePresentedAccessToken) {
  DpopExpectation at_resource{.method = "GET",
                              .url = "https://id.example.test/oidc/me",
                              .now = kNow,
                              .access_token = std::string_view("token-1")};
  json::object c = claims();
  c["htm"] = "GET";
  c["htu"] = "https://id.example.test/oidc/me";
  expect_refused(verify(proof(c), at_resource), "ath is required");
  c["ath"] = dpop_ath("token-2");
  expect_refused(verify(proof(c), at_resource), "ath does not match");
  c["ath"] = dpop_ath("token-1");
  EXPECT_TRUE(verify(proof(c), at_resource).has_value());
}

TEST(DpopProofTest, AthIsTheBase64urlSha256OfTheToken) {
  // RFC 9449 §7.1's example token and ath.
  EXPECT_EQ(dpop_ath("Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU"),
            "fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo");
}

TEST(DpopProofTest, AsksForTheServerNonceWhenRequired) {
  DpopNonces nonces("k");
  DpopExpectation expected = at_token_endpoint();
  expected.nonces = &nonces;
  auto missing = verify(proof(claims()), expected);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().key, kUseDpopNonceKey);
  EXPECT_EQ(missing.error().code, Errc::InvalidRequest);
  json::object c = claims();
  c["nonce"] = nonces.current(kNow);
  EXPECT_TRUE(verify(proof(c), expected).has_value());
  c["nonce"] = DpopNonces("other key").current(kNow);
  EXPECT_EQ(verify(proof(c), expected).error().key, kUseDpopNonceKey);
}

TEST(DpopNoncesTest, ANonceLastsItsWindowAndTheNext) {
  DpopNonces nonces("k");
  std::string nonce = nonces.current(kNow);
  EXPECT_TRUE(nonces.accepts(nonce, kNow + DpopNonces::kWindow));
  EXPECT_FALSE(nonces.accepts(nonce, kNow + 2 * DpopNonces::kWindow));
  EXPECT_TRUE(DpopNonces("k").accepts(nonce, kNow));  // another node with the same key
}

TEST(DpopBoundTokenTest, AnOpaqueTokenCarriesItsBinding) {
  EXPECT_EQ(bind_opaque_token("abc", ""), "abc");
  EXPECT_EQ(bind_opaque_token("abc", "jkt1"), "abc.jkt1");
  EXPECT_EQ(opaque_token_jkt("abc.jkt1"), "jkt1");
  EXPECT_EQ(opaque_token_jkt("abc"), "");
  EXPECT_EQ(opaque_token_jkt("a.b.c"), "");  // a JWT is not an opaque token
}

// RFC 7638 §3.1: the example RSA key's thumbprint.
TEST(DpopProofTest, ThumbprintFollowsRfc7638Example) {
  namespace support = crypto::test_support;
  json::object jwk{{"kty", "RSA"},
                   {"n", support::kRfc7638N},
                   {"e", "AQAB"},
                   {"alg", "RS256"},
                   {"kid", "2011-04-29"}};
  EXPECT_EQ(*crypto::jwk_thumbprint(jwk), support::kRfc7638Thumbprint);
}

}  // namespace
}  // namespace latch::oidc
