#include "saml/certificate.hpp"

#include <gtest/gtest.h>
#include <openssl/x509.h>

#include "saml/keys.hpp"
#include "unit/saml/saml_test_support.hpp"

namespace latch::saml {
namespace {

using testing::idp_key;
using testing::kNow;
using testing::other_key;

TEST(CertificateTest, GeneratesASelfSignedCertificateWithTheGivenValidity) {
  const SigningKey& key = idp_key();
  EXPECT_TRUE(key.is_rsa());
  EXPECT_EQ(key.certificate().not_before(), kNow);
  EXPECT_EQ(key.certificate().not_after(), kNow + std::chrono::hours(24 * 365 * 3));
  EXPECT_EQ(X509_check_private_key(key.certificate().x509(), key.pkey()), 1);
}

TEST(CertificateTest, RoundTripsThroughPemAndBase64) {
  const Certificate& certificate = idp_key().certificate();
  auto from_pem = Certificate::parse(certificate.pem());
  ASSERT_TRUE(from_pem);
  EXPECT_EQ(from_pem->der(), certificate.der());
  std::string wrapped = certificate.base64_der();
  wrapped.insert(10, "\n  ");
  auto from_base64 = Certificate::parse(wrapped);
  ASSERT_TRUE(from_base64);
  EXPECT_EQ(from_base64->der(), certificate.der());
}

TEST(CertificateTest, FingerprintIsUpperCaseSha256Pairs) {
  const std::string fingerprint = idp_key().certificate().sha256_fingerprint();
  ASSERT_EQ(fingerprint.size(), 32 * 3 - 1);
  for (std::size_t i = 2; i < fingerprint.size(); i += 3) {
    EXPECT_EQ(fingerprint[i], ':');
  }
  EXPECT_EQ(fingerprint.find_first_of("abcdef"), std::string::npos);
  EXPECT_NE(fingerprint, other_key().certificate().sha256_fingerprint());
}

TEST(CertificateTest, RefusesGarbage) {
  for (const std::string_view bad : {"", "not base64!", "AAAA", "-----BEGIN CERTIFICATE-----\n"}) {
    const auto result = Certificate::parse(bad);
    ASSERT_FALSE(result) << bad;
    EXPECT_EQ(result.error().key, keys::kInvalidCertificate);
  }
}

TEST(CertificateTest, SigningKeyRoundTripsThroughPem) {
  auto key = SigningKey::from_pem(idp_key().private_key_pem(), idp_key().certificate().pem());
  ASSERT_TRUE(key) << key.error().detail;
  EXPECT_EQ(key->certificate().der(), idp_key().certificate().der());
}

TEST(CertificateTest, SigningKeyRefusesACertificateOfAnotherKey) {
  const auto key =
      SigningKey::from_pem(idp_key().private_key_pem(), other_key().certificate().pem());
  ASSERT_FALSE(key);
  EXPECT_EQ(key.error().key, keys::kInvalidCertificate);
}

TEST(CertificateTest, SigningKeyRefusesABadKey) {
  const auto key =
      SigningKey::from_pem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
                           idp_key().certificate().pem());
  ASSERT_FALSE(key);
  EXPECT_EQ(key.error().key, keys::kInvalidKey);
}

}  // namespace
}  // namespace latch::saml
