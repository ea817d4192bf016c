#include "crypto/foreign_jws.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <boost/json.hpp>

#include "crypto/encoding.hpp"
#include "crypto/hash.hpp"
#include "crypto/jws.hpp"
#include "unit/crypto/crypto_test_support.hpp"

namespace latch::crypto {
namespace {

using namespace test_support;
namespace json = boost::json;

const json::object kClaims = {{"iss", "app1"}, {"sub", "app1"}, {"jti", "j"}};

std::string encode(std::string_view header) {
  return base64url_encode(header) + "." + base64url_encode(json::serialize(kClaims));
}

std::string with_signature(const std::string& input, std::string_view signature) {
  return input + "." + base64url_encode(signature);
}

// RSASSA-PSS with SHA-256 (RFC 7518 §3.5) over `input`, with the private key of `key`.
std::string pss_sign(const SigningKeyPair& key, const std::string& input) {
  std::string pem = key.private_pem();
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  EVP_PKEY* pkey = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_PKEY_CTX* pctx = nullptr;
  std::size_t length = 0;
  std::string signature;
  if (pkey && ctx &&
      EVP_DigestSignInit_ex(ctx, &pctx, "SHA256", nullptr, nullptr, pkey, nullptr) == 1 &&
      EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) == 1 &&
      EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) == 1 &&
      EVP_DigestSign(ctx, nullptr, &length, nullptr, 0) == 1) {
    signature.resize(length);
    EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(signature.data()), &length,
                   reinterpret_cast<const unsigned char*>(input.data()), input.size());
    signature.resize(length);
  }
  EVP_MD_CTX_free(ctx);
  EVP_PKEY_free(pkey);
  return signature;
}

TEST(ForeignJwsTest, DecodesWithoutVerifying) {
  auto jws = decode_unverified(with_signature(encode(R"({"alg":"HS256","kid":"k"})"), "sig"));
  ASSERT_TRUE(jws);
  EXPECT_EQ(jws->alg, ForeignAlg::HS256);
  EXPECT_EQ(json_text(jws->payload, "sub"), "app1");
  EXPECT_EQ(jws->signature, "sig");
}

TEST(ForeignJwsTest, RefusesNoneUnknownAlgorithmsAndCrit) {
  EXPECT_FALSE(decode_unverified(encode(R"({"alg":"none"})") + "."));
  EXPECT_FALSE(decode_unverified(with_signature(encode(R"({"alg":"HS1"})"), "s")));
  EXPECT_FALSE(decode_unverified(with_signature(encode(R"({"alg":"RS256","crit":["x"]})"), "s")));
  EXPECT_FALSE(decode_unverified("a.b"));
  EXPECT_FALSE(decode_unverified("not a token at all"));
}

TEST(ForeignJwsTest, VerifiesEveryHmacWidth) {
  struct Case {
    const char* header;
    std::string (*mac)(std::string_view, std::string_view);
  };
  for (const Case& c :
       {Case{R"({"alg":"HS256"})", hmac_sha256}, Case{R"({"alg":"HS384"})", hmac_sha384},
        Case{R"({"alg":"HS512"})", hmac_sha512}}) {
    std::string input = encode(c.header);
    auto jws = expect_ok(decode_unverified(with_signature(input, c.mac("secret", input))));
    EXPECT_TRUE(verify_hmac(jws, "secret")) << c.header;
    EXPECT_FALSE(verify_hmac(jws, "other")) << c.header;
  }
}

TEST(ForeignJwsTest, VerifiesSignaturesOfLatchsAlgorithmsWithTheRightKeyOnly) {
  for (JwsAlg alg : kAllAlgs) {
    auto jws = expect_ok(decode_unverified(sign_jwt(test_key(alg), kClaims)));
    EXPECT_TRUE(verify_with_jwk(jws, test_key(alg).public_jwk())) << alg_name(alg);
    JwsAlg other = alg == JwsAlg::ES256 ? JwsAlg::RS256 : JwsAlg::ES256;
    EXPECT_FALSE(verify_with_jwk(jws, test_key(other).public_jwk())) << alg_name(alg);
  }
}

TEST(ForeignJwsTest, VerifiesPs256) {
  const SigningKeyPair& rsa = test_key(JwsAlg::RS256);
  std::string input = encode(R"({"alg":"PS256"})");
  auto jws = expect_ok(decode_unverified(with_signature(input, pss_sign(rsa, input))));
  json::object jwk = rsa.public_jwk();
  jwk.erase("alg");  // the test key declares RS256
  EXPECT_TRUE(verify_with_jwk(jws, jwk));
  EXPECT_FALSE(verify_with_jwk(jws, rsa.public_jwk()));  // its "alg" says RS256
  jws.signing_input += "x";
  EXPECT_FALSE(verify_with_jwk(jws, jwk));
}

// A PKCS#1 v1.5 signature is not a PSS one: the header cannot pick the weaker reading.
TEST(ForeignJwsTest, AnRs256SignatureDoesNotPassAsPs256) {
  const SigningKeyPair& rsa = test_key(JwsAlg::RS256);
  std::string input = encode(R"({"alg":"PS256"})");
  auto jws = expect_ok(decode_unverified(with_signature(input, rsa.sign(input))));
  json::object jwk = rsa.public_jwk();
  jwk.erase("alg");
  EXPECT_FALSE(verify_with_jwk(jws, jwk));
}

TEST(ForeignJwsTest, AnHmacHeaderNeverVerifiesWithAPublicKey) {
  std::string input = encode(R"({"alg":"HS256"})");
  auto jws = expect_ok(decode_unverified(with_signature(input, hmac_sha256("k", input))));
  EXPECT_FALSE(verify_with_jwk(jws, test_key(JwsAlg::ES256).public_jwk()));
}

}  // namespace
}  // namespace latch::crypto
