#pragma once

// X.509 certificates and signing keys for SAML (OpenSSL): what IdP metadata and SP
// configuration carry, what KeyDescriptor and ds:X509Certificate hold, and the self-signed
// certificate Latch makes for each signing key it owns.

#include <openssl/types.h>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace latch::saml {

// An X.509 certificate. Immutable; copies share the parsed certificate; thread-safe.
class Certificate {
 public:
  // From a PEM ("-----BEGIN CERTIFICATE-----"; the first certificate in it) or from base64 DER
  // as ds:X509Certificate carries it (whitespace ignored). InvalidRequest, key
  // keys::kInvalidCertificate, for anything that is not one whole certificate.
  [[nodiscard]] static Result<Certificate> parse(std::string_view pem_or_base64);
  // From DER bytes; the same error.
  [[nodiscard]] static Result<Certificate> from_der(std::string_view der);

  const std::string& der() const { return der_; }
  std::string pem() const;
  std::string base64_der() const;  // one line, as in ds:X509Certificate
  // SHA-256 over the DER, upper-case hex pairs joined by ':' ("AB:CD:…"), as Logto shows it.
  std::string sha256_fingerprint() const;
  std::chrono::system_clock::time_point not_before() const;
  std::chrono::system_clock::time_point not_after() const;
  X509* x509() const { return x509_.get(); }

 private:
  Certificate(std::shared_ptr<X509> x509, std::string der);
  std::shared_ptr<X509> x509_;
  std::string der_;
};

// What generate_signing_key() makes.
struct CertificateOptions {
  std::string common_name;  // the subject's and issuer's CN; "Latch" when empty
  std::chrono::system_clock::time_point not_before;
  std::chrono::seconds lifetime{std::chrono::hours(24 * 365 * 3)};
  int rsa_bits = 2048;
  bool ec_p256 = false;  // an EC P-256 key (ECDSA-SHA256 signatures) instead of RSA
};

class SigningKey;
SigningKey generate_signing_key(const CertificateOptions& options);

// A private key (RSA, or EC P-256) with the certificate that carries its public key: what
// Latch signs SAML messages with. Immutable; copies share the key; thread-safe.
class SigningKey {
 public:
  // From an unencrypted private key PEM (PKCS#8 or traditional) and a certificate (PEM or
  // base64 DER). InvalidRequest with keys::kInvalidKey for a key that does not parse or is of
  // another type, keys::kInvalidCertificate for a bad certificate or one whose public key is
  // not this key's.
  [[nodiscard]] static Result<SigningKey> from_pem(std::string_view private_key_pem,
                                                   std::string_view certificate);

  const Certificate& certificate() const { return certificate_; }
  std::string private_key_pem() const;  // PKCS#8
  EVP_PKEY* pkey() const { return pkey_.get(); }
  bool is_rsa() const;

 private:
  friend SigningKey generate_signing_key(const CertificateOptions& options);
  SigningKey(std::shared_ptr<EVP_PKEY> pkey, Certificate certificate);
  std::shared_ptr<EVP_PKEY> pkey_;
  Certificate certificate_;
};

// A fresh RSA (or P-256) key and a self-signed X.509 v3 certificate for it (SHA-256, a random
// 128-bit serial, subject = issuer = CN=options.common_name, valid from options.not_before for
// options.lifetime). A failure inside OpenSSL is a logged abort.
SigningKey generate_signing_key(const CertificateOptions& options);

}  // namespace latch::saml
