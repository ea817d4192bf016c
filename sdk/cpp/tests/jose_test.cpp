#include "jose.hpp"

#include <gtest/gtest.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include <boost/json/serialize.hpp>
#include <memory>

#include "latch/error.hpp"
#include "support/error_of.hpp"

namespace latch::detail {
namespace {

using sdk_test::code_of;
namespace json = boost::json;

struct PkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

std::string bn_bytes(const EVP_PKEY* key, const char* name, std::size_t width = 0) {
  BIGNUM* bn = nullptr;
  EVP_PKEY_get_bn_param(key, name, &bn);
  std::string out(width ? width : static_cast<std::size_t>(BN_num_bytes(bn)), '\0');
  BN_bn2binpad(bn, reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(out.size()));
  BN_free(bn);
  return out;
}

// A freshly generated key pair for `alg` and its public JWK.
struct TestKey {
  std::string alg;
  Pkey key;
  json::object jwk;
};

TestKey make_key(const std::string& alg) {
  TestKey k{.alg = alg};
  if (alg[0] == 'E' && alg[1] == 'S') {
    const char* curve = alg == "ES256" ? "P-256" : alg == "ES384" ? "P-384" : "P-521";
    std::size_t size = alg == "ES256" ? 32 : alg == "ES384" ? 48 : 66;
    k.key.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", curve));
    unsigned char point[256];
    std::size_t len = 0;
    EVP_PKEY_get_octet_string_param(k.key.get(), OSSL_PKEY_PARAM_PUB_KEY, point, sizeof point,
                                    &len);
    std::string p(reinterpret_cast<char*>(point) + 1, len - 1);
    k.jwk = {{"kty", "EC"},
             {"crv", curve},
             {"x", base64url_encode(p.substr(0, size))},
             {"y", base64url_encode(p.substr(size))}};
  } else if (alg == "EdDSA") {
    k.key.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
    unsigned char raw[32];
    std::size_t len = sizeof raw;
    EVP_PKEY_get_raw_public_key(k.key.get(), raw, &len);
    k.jwk = {{"kty", "OKP"},
             {"crv", "Ed25519"},
             {"x", base64url_encode(std::string(reinterpret_cast<char*>(raw), len))}};
  } else {
    k.key.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", std::size_t{2048}));
    k.jwk = {{"kty", "RSA"},
             {"n", base64url_encode(bn_bytes(k.key.get(), OSSL_PKEY_PARAM_RSA_N))},
             {"e", base64url_encode(bn_bytes(k.key.get(), OSSL_PKEY_PARAM_RSA_E))}};
  }
  k.jwk["kid"] = "k1";
  return k;
}

const EVP_MD* digest_of(const std::string& alg) {
  if (alg == "EdDSA") {
    return nullptr;
  }
  auto bits = alg.substr(2);
  return bits == "256" ? EVP_sha256() : bits == "384" ? EVP_sha384() : EVP_sha512();
}

std::string sign(const TestKey& k, const std::string& input) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_PKEY_CTX* pctx = nullptr;
  EVP_DigestSignInit(ctx, &pctx, digest_of(k.alg), nullptr, k.key.get());
  if (k.alg == "PS256") {
    EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING);
    EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST);
  }
  std::size_t len = 0;
  auto* in = reinterpret_cast<const unsigned char*>(input.data());
  EVP_DigestSign(ctx, nullptr, &len, in, input.size());
  std::string sig(len, '\0');
  EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(sig.data()), &len, in, input.size());
  sig.resize(len);
  EVP_MD_CTX_free(ctx);
  if (k.alg[0] == 'E' && k.alg[1] == 'S') {  // DER → r || s
    std::size_t size = k.alg == "ES256" ? 32 : k.alg == "ES384" ? 48 : 66;
    const auto* p = reinterpret_cast<const unsigned char*>(sig.data());
    ECDSA_SIG* ecdsa = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(sig.size()));
    std::string raw(2 * size, '\0');
    BN_bn2binpad(ECDSA_SIG_get0_r(ecdsa), reinterpret_cast<unsigned char*>(raw.data()),
                 static_cast<int>(size));
    BN_bn2binpad(ECDSA_SIG_get0_s(ecdsa), reinterpret_cast<unsigned char*>(raw.data()) + size,
                 static_cast<int>(size));
    ECDSA_SIG_free(ecdsa);
    return raw;
  }
  return sig;
}

std::string compact(const TestKey& k, const json::object& header, const json::object& payload) {
  std::string input =
      base64url_encode(json::serialize(header)) + "." + base64url_encode(json::serialize(payload));
  return input + "." + base64url_encode(sign(k, input));
}

std::string token_for(const TestKey& k) {
  return compact(k, {{"alg", k.alg}, {"kid", "k1"}, {"typ", "at+jwt"}},
                 {{"sub", "u1"}, {"scope", "read"}});
}

class JwsAlgorithmTest : public ::testing::TestWithParam<std::string> {};

TEST_P(JwsAlgorithmTest, VerifiesItsOwnSignature) {
  TestKey k = make_key(GetParam());
  Jws jws = parse_jws(token_for(k));
  EXPECT_EQ(jws.payload.at("sub"), "u1");
  EXPECT_TRUE(verify_jws(jws, k.jwk));
}

TEST_P(JwsAlgorithmTest, RefusesATamperedPayload) {
  TestKey k = make_key(GetParam());
  std::string token = token_for(k);
  std::string other = base64url_encode(R"({"sub":"admin","scope":"read"})");
  std::size_t a = token.find('.'), b = token.rfind('.');
  std::string forged = token.substr(0, a + 1) + other + token.substr(b);
  EXPECT_FALSE(verify_jws(parse_jws(forged), k.jwk));
}

TEST_P(JwsAlgorithmTest, RefusesATamperedSignature) {
  TestKey k = make_key(GetParam());
  Jws jws = parse_jws(token_for(k));
  jws.signature[jws.signature.size() / 2] ^= 0x01;
  EXPECT_FALSE(verify_jws(jws, k.jwk));
}

TEST_P(JwsAlgorithmTest, RefusesAnotherKeyOfTheSameKind) {
  TestKey k = make_key(GetParam());
  TestKey other = make_key(GetParam());
  EXPECT_FALSE(verify_jws(parse_jws(token_for(k)), other.jwk));
}

TEST_P(JwsAlgorithmTest, RefusesAKeyWhoseAlgDiffers) {
  TestKey k = make_key(GetParam());
  k.jwk["alg"] = GetParam() == "RS256" ? "RS384" : "RS256";
  EXPECT_FALSE(verify_jws(parse_jws(token_for(k)), k.jwk));
}

INSTANTIATE_TEST_SUITE_P(Algorithms, JwsAlgorithmTest,
                         ::testing::Values("ES256", "ES384", "ES512", "RS256", "RS384", "RS512",
                                           "PS256", "EdDSA"));

TEST(JwsTest, RefusesAlgNone) {
  std::string token =
      base64url_encode(R"({"alg":"none"})") + "." + base64url_encode(R"({"sub":"u1"})") + ".";
  EXPECT_EQ(code_of([&] { parse_jws(token); }), Errc::invalid_token);
}

TEST(JwsTest, RefusesHmac) {
  for (const char* alg : {"HS256", "HS384", "HS512"}) {
    std::string token = base64url_encode(std::string(R"({"alg":")") + alg + R"("})") + "." +
                        base64url_encode(R"({"sub":"u1"})") + ".c2ln";
    EXPECT_EQ(code_of([&] { parse_jws(token); }), Errc::invalid_token) << alg;
  }
}

TEST(JwsTest, RefusesCriticalHeaders) {
  TestKey k = make_key("ES256");
  std::string token =
      compact(k, {{"alg", "ES256"}, {"crit", json::array{"exp"}}, {"exp", 1}}, {{"sub", "u1"}});
  EXPECT_EQ(code_of([&] { parse_jws(token); }), Errc::invalid_token);
}

TEST(JwsTest, RefusesAKeyOfTheWrongType) {
  TestKey ec = make_key("ES256");
  TestKey rsa = make_key("RS256");
  TestKey ed = make_key("EdDSA");
  EXPECT_FALSE(verify_jws(parse_jws(token_for(ec)), rsa.jwk));
  EXPECT_FALSE(verify_jws(parse_jws(token_for(rsa)), ec.jwk));
  EXPECT_FALSE(verify_jws(parse_jws(token_for(ed)), ec.jwk));
  TestKey p384 = make_key("ES384");
  EXPECT_FALSE(verify_jws(parse_jws(token_for(ec)), p384.jwk));  // crv mismatch
}

TEST(JwsTest, RefusesAnEncryptionKey) {
  TestKey k = make_key("ES256");
  k.jwk["use"] = "enc";
  EXPECT_FALSE(verify_jws(parse_jws(token_for(k)), k.jwk));
}

TEST(JwsTest, RefusesMalformedCompactForms) {
  for (const char* token :
       {"", "a", "a.b", "a.b.c.d", "e30.e30", "!!.e30.", "e30.W10.", "bnVsbA.e30."}) {
    EXPECT_EQ(code_of([&] { parse_jws(token); }), Errc::invalid_token) << token;
  }
}

TEST(Base64UrlTest, RoundTripsEveryLength) {
  std::string bytes;
  for (int i = 0; i < 70; ++i) {
    EXPECT_EQ(base64url_decode(base64url_encode(bytes)), bytes);
    bytes += static_cast<char>(i * 37 + 250);
  }
}

TEST(Base64UrlTest, UsesTheUrlAlphabetWithoutPadding) {
  EXPECT_EQ(base64url_encode(""), "");
  EXPECT_EQ(base64url_encode("f"), "Zg");
  EXPECT_EQ(base64url_encode("fo"), "Zm8");
  EXPECT_EQ(base64url_encode("foo"), "Zm9v");
  EXPECT_EQ(base64url_encode("\xfb\xff"), "-_8");
  EXPECT_EQ(base64url_decode("-_8"), "\xfb\xff");
}

TEST(Base64UrlTest, RefusesBadInput) {
  for (const char* text : {"Z", "Zg==", "Zm+v", "Zm/v", "Zm9v!", "Zh"}) {
    EXPECT_EQ(code_of([&] { base64url_decode(text); }), Errc::invalid_token) << text;
  }
}

TEST(PkceTest, MatchesRfc7636AppendixB) {
  EXPECT_EQ(s256_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

TEST(PkceTest, RandomTokensAreLongAndDistinct) {
  std::string a = random_token(), b = random_token();
  EXPECT_EQ(a.size(), 43u);
  EXPECT_NE(a, b);
  EXPECT_NO_THROW(base64url_decode(a));
}

}  // namespace
}  // namespace latch::detail
