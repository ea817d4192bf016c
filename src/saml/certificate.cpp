#include "saml/certificate.hpp"

#include <openssl/bn.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>

#include <cctype>
#include <cstdio>
#include <ctime>

#include "crypto/encoding.hpp"
#include "crypto/hash.hpp"
#include "crypto/openssl_util.hpp"
#include "saml/keys.hpp"

namespace latch::saml {
namespace {

using crypto::detail::BioPtr;
using crypto::detail::openssl_abort;

constexpr std::size_t kMaxInput = 64 * 1024;

Error bad_certificate(std::string detail) {
  return keyed_error(Errc::InvalidRequest, keys::kInvalidCertificate, std::move(detail));
}

Error bad_key(std::string detail) {
  return keyed_error(Errc::InvalidRequest, keys::kInvalidKey, std::move(detail));
}

// Encrypted PEMs are refused rather than prompting on the terminal for a passphrase.
int refuse_passphrase(char*, int, int, void*) { return -1; }

std::string bio_contents(BIO* bio) {
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(size));
}

std::string der_of(X509* x509) {
  unsigned char* out = nullptr;
  const int size = i2d_X509(x509, &out);
  if (size <= 0) {
    openssl_abort("i2d_X509");
  }
  std::string der(reinterpret_cast<const char*>(out), static_cast<std::size_t>(size));
  OPENSSL_free(out);
  return der;
}

Result<std::shared_ptr<X509>> read_pem(std::string_view pem) {
  const BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  X509* x509 = bio ? PEM_read_bio_X509(bio.get(), nullptr, refuse_passphrase, nullptr) : nullptr;
  if (!x509) {
    return bad_certificate("not a PEM certificate: " + crypto::detail::drain_openssl_errors());
  }
  return std::shared_ptr<X509>(x509, X509_free);
}

std::chrono::system_clock::time_point time_of(const ASN1_TIME* time) {
  std::tm tm{};
  if (!time || ASN1_TIME_to_tm(time, &tm) != 1) {
    return {};
  }
  return std::chrono::system_clock::from_time_t(timegm(&tm));
}

void set_time(ASN1_TIME* field, std::chrono::system_clock::time_point when) {
  if (!ASN1_TIME_set(field, std::chrono::system_clock::to_time_t(when))) {
    openssl_abort("ASN1_TIME_set");
  }
}

void set_random_serial(X509* x509) {
  unsigned char bytes[16];
  if (RAND_bytes(bytes, sizeof bytes) != 1) {
    openssl_abort("RAND_bytes");
  }
  bytes[0] &= 0x7f;  // positive (RFC 5280 §4.1.2.2)
  bytes[0] |= 0x40;  // and a full 16 bytes long
  crypto::detail::BignumPtr serial(BN_bin2bn(bytes, sizeof bytes, nullptr));
  if (!serial || !BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(x509))) {
    openssl_abort("serial number");
  }
}

}  // namespace

Certificate::Certificate(std::shared_ptr<X509> x509, std::string der)
    : x509_(std::move(x509)), der_(std::move(der)) {}

Result<Certificate> Certificate::parse(std::string_view pem_or_base64) {
  if (pem_or_base64.size() > kMaxInput) {
    return bad_certificate("certificate text too large");
  }
  if (pem_or_base64.find("-----BEGIN") != std::string_view::npos) {
    auto x509 = read_pem(pem_or_base64);
    if (!x509) {
      return x509.error();
    }
    std::string der = der_of(x509->get());
    return Certificate(std::move(*x509), std::move(der));
  }
  std::string compact;
  for (const char c : pem_or_base64) {
    if (!std::isspace(static_cast<unsigned char>(c))) {
      compact += c;
    }
  }
  const auto der = crypto::base64_decode(compact);
  if (!der) {
    return bad_certificate("certificate is neither PEM nor base64");
  }
  return from_der(*der);
}

Result<Certificate> Certificate::from_der(std::string_view der) {
  const auto* cursor = reinterpret_cast<const unsigned char*>(der.data());
  X509* x509 = d2i_X509(nullptr, &cursor, static_cast<long>(der.size()));
  std::shared_ptr<X509> owned(x509, X509_free);
  if (!x509 || cursor != reinterpret_cast<const unsigned char*>(der.data() + der.size())) {
    return bad_certificate("not one DER certificate");
  }
  return Certificate(std::move(owned), std::string(der));
}

std::string Certificate::pem() const {
  const BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_X509(bio.get(), x509_.get()) != 1) {
    openssl_abort("PEM_write_bio_X509");
  }
  return bio_contents(bio.get());
}

std::string Certificate::base64_der() const { return crypto::base64_encode(der_); }

std::string Certificate::sha256_fingerprint() const {
  std::string out;
  for (const unsigned char byte : crypto::sha256(der_)) {
    char pair[4];
    std::snprintf(pair, sizeof pair, "%02X", byte);
    if (!out.empty()) {
      out += ':';
    }
    out += pair;
  }
  return out;
}

std::chrono::system_clock::time_point Certificate::not_before() const {
  return time_of(X509_get0_notBefore(x509_.get()));
}

std::chrono::system_clock::time_point Certificate::not_after() const {
  return time_of(X509_get0_notAfter(x509_.get()));
}

SigningKey::SigningKey(std::shared_ptr<EVP_PKEY> pkey, Certificate certificate)
    : pkey_(std::move(pkey)), certificate_(std::move(certificate)) {}

Result<SigningKey> SigningKey::from_pem(std::string_view private_key_pem,
                                        std::string_view certificate) {
  if (private_key_pem.size() > kMaxInput) {
    return bad_key("private key PEM too large");
  }
  const BioPtr bio(
      BIO_new_mem_buf(private_key_pem.data(), static_cast<int>(private_key_pem.size())));
  EVP_PKEY* raw =
      bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, refuse_passphrase, nullptr) : nullptr;
  std::shared_ptr<EVP_PKEY> pkey(raw, EVP_PKEY_free);
  if (!raw) {
    return bad_key("not an unencrypted PEM private key");
  }
  const bool p256 = EVP_PKEY_is_a(raw, "EC") && EVP_PKEY_get_bits(raw) == 256;
  if (!EVP_PKEY_is_a(raw, "RSA") && !p256) {
    return bad_key("only RSA and EC P-256 keys sign SAML messages");
  }
  auto cert = Certificate::parse(certificate);
  if (!cert) {
    return cert.error();
  }
  if (X509_check_private_key(cert->x509(), raw) != 1) {
    crypto::detail::drain_openssl_errors();
    return bad_certificate("the certificate does not carry this key's public key");
  }
  return SigningKey(std::move(pkey), std::move(*cert));
}

std::string SigningKey::private_key_pem() const {
  const BioPtr bio(BIO_new(BIO_s_mem()));
  // PEM_write_bio_PrivateKey writes PKCS#8 ("BEGIN PRIVATE KEY") in OpenSSL 3.
  if (!bio || PEM_write_bio_PrivateKey(bio.get(), pkey_.get(), nullptr, nullptr, 0, nullptr,
                                       nullptr) != 1) {
    openssl_abort("PEM_write_bio_PrivateKey");
  }
  return bio_contents(bio.get());
}

bool SigningKey::is_rsa() const { return EVP_PKEY_is_a(pkey_.get(), "RSA"); }

SigningKey generate_signing_key(const CertificateOptions& options) {
  std::shared_ptr<EVP_PKEY> pkey(
      options.ec_p256 ? EVP_EC_gen("P-256") : EVP_RSA_gen(static_cast<unsigned>(options.rsa_bits)),
      EVP_PKEY_free);
  std::shared_ptr<X509> x509(X509_new(), X509_free);
  if (!pkey || !x509 || !X509_set_version(x509.get(), 2)) {
    openssl_abort("key generation");
  }
  set_random_serial(x509.get());
  set_time(X509_getm_notBefore(x509.get()), options.not_before);
  set_time(X509_getm_notAfter(x509.get()), options.not_before + options.lifetime);
  X509_NAME* name = X509_get_subject_name(x509.get());
  const std::string common_name = options.common_name.empty() ? "Latch" : options.common_name;
  const auto* cn = reinterpret_cast<const unsigned char*>(common_name.c_str());
  if (!X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, cn, -1, -1, 0) ||
      !X509_set_issuer_name(x509.get(), name) || !X509_set_pubkey(x509.get(), pkey.get()) ||
      !X509_sign(x509.get(), pkey.get(), EVP_sha256())) {
    openssl_abort("self-signed certificate");
  }
  auto certificate = Certificate::from_der(der_of(x509.get()));
  if (!certificate) {
    openssl_abort("self-signed certificate encoding");
  }
  return SigningKey(std::move(pkey), std::move(*certificate));
}

}  // namespace latch::saml
