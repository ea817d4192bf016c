#include "crypto/jwk.hpp"

#include <gtest/gtest.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <boost/json.hpp>
#include <string>

#include "crypto/encoding.hpp"
#include "unit/crypto/crypto_test_support.hpp"

namespace latch::crypto {
namespace {

using namespace test_support;
namespace json = boost::json;

json::object rfc7515_es256_jwk() {
  return {{"kty", "EC"}, {"crv", "P-256"}, {"x", kRfc7515X}, {"y", kRfc7515Y}};
}

std::string rfc7515_signing_input() {
  return std::string(kRfc7515Es256Token.substr(0, kRfc7515Es256Token.rfind('.')));
}

std::string rfc7515_signature() {
  return base64url_decode(kRfc7515Es256Token.substr(kRfc7515Es256Token.rfind('.') + 1)).value();
}

std::string short_rsa_pem() {
  EVP_PKEY* pkey = EVP_RSA_gen(1024);
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(bio, pkey, nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<std::size_t>(length));
  BIO_free(bio);
  EVP_PKEY_free(pkey);
  return pem;
}

TEST(JwkTest, AlgNamesRoundTrip) {
  for (const JwsAlg alg : kAllAlgs) {
    EXPECT_EQ(parse_alg(alg_name(alg)), alg);
  }
  EXPECT_EQ(alg_name(JwsAlg::EdDSA), "EdDSA");
}

TEST(JwkTest, ParseAlgRejectsNoneAndUnknownNames) {
  for (const char* name : {"none", "HS256", "es256", "ES512", "PS256", ""}) {
    EXPECT_EQ(parse_alg(name), std::nullopt) << name;
  }
}

TEST(JwkTest, ThumbprintMatchesRfc7638Example) {
  const json::object jwk = {
      {"kty", "RSA"}, {"n", kRfc7638N}, {"e", "AQAB"}, {"alg", "RS256"}, {"kid", "2011-04-29"}};
  EXPECT_EQ(expect_ok(jwk_thumbprint(jwk)), kRfc7638Thumbprint);
}

TEST(JwkTest, ThumbprintMatchesRfc8037Example) {
  const json::object jwk = {{"x", kRfc8037X}, {"crv", "Ed25519"}, {"kty", "OKP"}};
  EXPECT_EQ(expect_ok(jwk_thumbprint(jwk)), kRfc8037Thumbprint);
}

TEST(JwkTest, ThumbprintRejectsMissingMembersAndUnknownTypes) {
  EXPECT_FALSE(jwk_thumbprint({{"kty", "EC"}, {"crv", "P-256"}, {"x", "AA"}}).has_value());
  EXPECT_FALSE(jwk_thumbprint({{"kty", "oct"}, {"k", "AA"}}).has_value());
  EXPECT_FALSE(jwk_thumbprint({{"n", "AA"}, {"e", "AQAB"}}).has_value());
  EXPECT_FALSE(jwk_thumbprint({{"kty", "RSA"}, {"n", 5}, {"e", "AQAB"}}).has_value());
}

class SigningKeyPairTest : public ::testing::TestWithParam<JwsAlg> {};

INSTANTIATE_TEST_SUITE_P(AllAlgs, SigningKeyPairTest, ::testing::ValuesIn(kAllAlgs),
                         [](const auto& info) { return std::string(alg_name(info.param)); });

TEST_P(SigningKeyPairTest, PublicJwkCarriesKidAlgAndUseButNoPrivateMembers) {
  const SigningKeyPair& key = test_key(GetParam());
  const json::object& jwk = key.public_jwk();
  EXPECT_EQ(json_text(jwk, "kid"), key.kid());
  EXPECT_EQ(json_text(jwk, "alg"), alg_name(GetParam()));
  EXPECT_EQ(json_text(jwk, "use"), "sig");
  EXPECT_EQ(expect_ok(jwk_thumbprint(jwk)), key.kid());
  for (const char* secret : {"d", "p", "q", "dp", "dq", "qi"}) {
    EXPECT_FALSE(jwk.contains(secret)) << secret;
  }
}

TEST_P(SigningKeyPairTest, PemRoundTripKeepsTheKeyAndItsKid) {
  const SigningKeyPair& key = test_key(GetParam());
  const std::string pem = key.private_pem();
  EXPECT_EQ(pem.rfind("-----BEGIN PRIVATE KEY-----", 0), 0u);  // PKCS#8
  const auto loaded = SigningKeyPair::from_pem(GetParam(), pem);
  ASSERT_TRUE(loaded.has_value()) << loaded.error().detail;
  EXPECT_EQ(loaded->kid(), key.kid());
  EXPECT_EQ(loaded->public_jwk(), key.public_jwk());
  const auto verifier = expect_ok(VerifyKey::from_jwk(key.public_jwk()));
  EXPECT_TRUE(verifier.verify(GetParam(), "input", loaded->sign("input")));
}

TEST_P(SigningKeyPairTest, GeneratesADistinctKeyEachTime) {
  EXPECT_NE(SigningKeyPair::generate(GetParam()).kid(), test_key(GetParam()).kid());
}

TEST(SigningKeyPairTest, EcJwkCoordinatesAreFullWidth) {
  for (const auto& [alg, width] : {std::pair{JwsAlg::ES256, 32u}, std::pair{JwsAlg::ES384, 48u}}) {
    const json::object& jwk = test_key(alg).public_jwk();
    EXPECT_EQ(base64url_decode(jwk.at("x").as_string()).value().size(), width);
    EXPECT_EQ(base64url_decode(jwk.at("y").as_string()).value().size(), width);
    EXPECT_EQ(json_text(jwk, "crv"), alg == JwsAlg::ES256 ? "P-256" : "P-384");
  }
}

TEST(SigningKeyPairTest, RsaJwkHasTheStandardExponentAnd2048BitModulus) {
  const json::object& jwk = test_key(JwsAlg::RS256).public_jwk();
  EXPECT_EQ(json_text(jwk, "e"), "AQAB");
  EXPECT_EQ(base64url_decode(jwk.at("n").as_string()).value().size(), 256u);
}

TEST(SigningKeyPairTest, SignsTheRfc8037Ed25519ExampleExactly) {
  const auto key = SigningKeyPair::from_pem(JwsAlg::EdDSA, rfc8037_private_pem());
  ASSERT_TRUE(key.has_value()) << key.error().detail;
  EXPECT_EQ(json_text(key->public_jwk(), "x"), kRfc8037X);
  EXPECT_EQ(key->kid(), kRfc8037Thumbprint);
  EXPECT_EQ(base64url_encode(key->sign(kRfc8037SigningInput)), kRfc8037Signature);
}

TEST(SigningKeyPairTest, FromPemRejectsAKeyOfAnotherType) {
  const std::string p256 = test_key(JwsAlg::ES256).private_pem();
  EXPECT_EQ(SigningKeyPair::from_pem(JwsAlg::ES384, p256).error().code, Errc::InvalidRequest);
  EXPECT_FALSE(SigningKeyPair::from_pem(JwsAlg::RS256, p256).has_value());
  EXPECT_FALSE(SigningKeyPair::from_pem(JwsAlg::EdDSA, p256).has_value());
  const std::string rsa = test_key(JwsAlg::RS256).private_pem();
  EXPECT_FALSE(SigningKeyPair::from_pem(JwsAlg::ES256, rsa).has_value());
}

TEST(SigningKeyPairTest, FromPemRejectsRsaKeysShorterThan2048Bits) {
  EXPECT_FALSE(SigningKeyPair::from_pem(JwsAlg::RS256, short_rsa_pem()).has_value());
}

TEST(SigningKeyPairTest, FromPemRejectsGarbageTruncationAndPublicKeys) {
  const std::string pem = test_key(JwsAlg::ES256).private_pem();
  for (const std::string& bad :
       {std::string(), std::string("not a pem"), pem.substr(0, pem.size() / 2),
        std::string("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"),
        std::string(100000, 'A')}) {
    const auto loaded = SigningKeyPair::from_pem(JwsAlg::ES256, bad);
    ASSERT_FALSE(loaded.has_value());
    EXPECT_EQ(loaded.error().code, Errc::InvalidRequest);
  }
}

TEST(VerifyKeyTest, VerifiesTheRfc7515Es256Example) {
  const auto key = VerifyKey::from_jwk(rfc7515_es256_jwk());
  ASSERT_TRUE(key.has_value()) << key.error().detail;
  EXPECT_TRUE(key->verify(JwsAlg::ES256, rfc7515_signing_input(), rfc7515_signature()));
  EXPECT_FALSE(key->verify(JwsAlg::ES256, rfc7515_signing_input() + " ", rfc7515_signature()));
}

TEST(VerifyKeyTest, RefusesAnAlgorithmThatDoesNotFitTheKeyType) {
  const auto key = expect_ok(VerifyKey::from_jwk(rfc7515_es256_jwk()));
  for (const JwsAlg alg : {JwsAlg::ES384, JwsAlg::RS256, JwsAlg::EdDSA}) {
    EXPECT_FALSE(key.verify(alg, rfc7515_signing_input(), rfc7515_signature()));
  }
}

TEST(VerifyKeyTest, RejectsSignaturesOfTheWrongSize) {
  const auto key = expect_ok(VerifyKey::from_jwk(rfc7515_es256_jwk()));
  const std::string signature = rfc7515_signature();
  EXPECT_FALSE(key.verify(JwsAlg::ES256, rfc7515_signing_input(), signature.substr(1)));
  EXPECT_FALSE(key.verify(JwsAlg::ES256, rfc7515_signing_input(), signature + "x"));
  EXPECT_FALSE(key.verify(JwsAlg::ES256, rfc7515_signing_input(), ""));
}

TEST(VerifyKeyTest, KeepsKidAndDeclaredAlg) {
  json::object jwk = rfc7515_es256_jwk();
  EXPECT_EQ(expect_ok(VerifyKey::from_jwk(jwk)).alg(), std::nullopt);
  jwk["kid"] = "k1";
  jwk["alg"] = "ES256";
  jwk["use"] = "sig";
  const auto key = expect_ok(VerifyKey::from_jwk(jwk));
  EXPECT_EQ(key.kid(), "k1");
  EXPECT_EQ(key.alg(), JwsAlg::ES256);
}

TEST(VerifyKeyTest, LoadsTheRfc7638RsaKey) {
  const auto key = VerifyKey::from_jwk({{"kty", "RSA"}, {"n", kRfc7638N}, {"e", "AQAB"}});
  ASSERT_TRUE(key.has_value()) << key.error().detail;
}

struct BadJwk {
  std::string description;
  json::object jwk;
};

template <class V>
json::object with(json::object jwk, std::string_view member, V&& value) {
  jwk[member] = json::value_from(std::forward<V>(value));
  return jwk;
}

json::object without(json::object jwk, std::string_view member) {
  jwk.erase(member);
  return jwk;
}

std::vector<BadJwk> bad_jwks() {
  const json::object ec = rfc7515_es256_jwk();
  const json::object okp = {{"kty", "OKP"}, {"crv", "Ed25519"}, {"x", kRfc8037X}};
  const json::object rsa = {{"kty", "RSA"}, {"n", kRfc7638N}, {"e", "AQAB"}};
  const std::string n1024 = base64url_encode("\xc1" + std::string(127, '\x01'));
  return {
      {"PointNotOnCurve", with(ec, "y", "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a4")},
      {"ShortCoordinate", with(ec, "x", base64url_encode(std::string(31, 'a')))},
      {"MissingY", without(ec, "y")},
      {"CoordinateNotAString", with(ec, "x", 42)},
      {"CoordinateNotBase64Url", with(ec, "x", "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVE+")},
      {"UnsupportedCurve", with(ec, "crv", "P-521")},
      {"MissingKty", without(ec, "kty")},
      {"SymmetricKey", {{"kty", "oct"}, {"k", "c2VjcmV0"}}},
      {"X25519IsNotForSignatures", with(okp, "crv", "X25519")},
      {"ShortEd25519Key", with(okp, "x", base64url_encode(std::string(31, 'a')))},
      {"Rsa1024Bits", with(rsa, "n", n1024)},
      {"RsaEvenExponent", with(rsa, "e", "AQAA")},
      {"RsaMissingModulus", without(rsa, "n")},
      {"AlgForAnotherKeyType", with(ec, "alg", "RS256")},
      {"AlgForAnotherCurve", with(ec, "alg", "ES384")},
      {"AlgUnsupported", with(ec, "alg", "HS256")},
      {"AlgNotAString", with(ec, "alg", true)},
      {"UseEncryption", with(ec, "use", "enc")},
      {"KidNotAString", with(ec, "kid", 7)},
  };
}

class VerifyKeyRejectsTest : public ::testing::TestWithParam<BadJwk> {};

INSTANTIATE_TEST_SUITE_P(BadJwks, VerifyKeyRejectsTest, ::testing::ValuesIn(bad_jwks()),
                         [](const auto& info) { return info.param.description; });

TEST_P(VerifyKeyRejectsTest, MalformedOrUnsupportedJwkAsInvalidRequest) {
  const auto key = VerifyKey::from_jwk(GetParam().jwk);
  ASSERT_FALSE(key.has_value());
  EXPECT_EQ(key.error().code, Errc::InvalidRequest);
}

}  // namespace
}  // namespace latch::crypto
