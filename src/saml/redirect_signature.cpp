// SAML bindings §3.4.4.1: the HTTP-Redirect binding signs the URL-encoded query itself.
#include <openssl/evp.h>
#include <openssl/x509.h>

#include "crypto/encoding.hpp"
#include "crypto/openssl_util.hpp"
#include "saml/keys.hpp"
#include "saml/query.hpp"
#include "saml/signature.hpp"

namespace latch::saml {
namespace {

using crypto::detail::as_bytes;
using crypto::detail::EvpMdCtxPtr;

Error bad_query(std::string detail) {
  return keyed_error(Errc::InvalidRequest, keys::kBadEncoding, std::move(detail));
}

// The signed octets: "SAMLRequest=v[&RelayState=v]&SigAlg=v" (or SAMLResponse), raw values.
Result<std::string> signed_octets(const std::vector<detail::RawParam>& params) {
  const auto request = detail::find_param(params, "SAMLRequest");
  const auto response = detail::find_param(params, "SAMLResponse");
  const auto relay_state = detail::find_param(params, "RelayState");
  const auto sig_alg = detail::find_param(params, "SigAlg");
  if (request.has_value() == response.has_value()) {
    return bad_query("the query needs one SAMLRequest or SAMLResponse");
  }
  std::string octets =
      request ? "SAMLRequest=" + std::string(*request) : "SAMLResponse=" + std::string(*response);
  if (relay_state) {
    octets += "&RelayState=" + std::string(*relay_state);
  }
  return octets + "&SigAlg=" + std::string(*sig_alg);
}

bool rsa_sha256_verifies(EVP_PKEY* pkey, std::string_view octets, std::string_view signature) {
  EvpMdCtxPtr ctx(EVP_MD_CTX_new());
  const bool ok = ctx && EVP_PKEY_is_a(pkey, "RSA") &&
                  EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, pkey) == 1 &&
                  EVP_DigestVerify(ctx.get(), as_bytes(signature), signature.size(),
                                   as_bytes(octets), octets.size()) == 1;
  crypto::detail::drain_openssl_errors();
  return ok;
}

}  // namespace

Result<std::string> sign_redirect_query(std::string_view query, const SigningKey& key) {
  if (!key.is_rsa()) {
    return keyed_error(Errc::InvalidRequest, keys::kUnsupportedAlgorithm,
                       "the Redirect binding is signed with RSA-SHA256 only");
  }
  const std::string octets = std::string(query) + "&SigAlg=" + detail::url_encode(alg::kRsaSha256);
  EvpMdCtxPtr ctx(EVP_MD_CTX_new());
  std::size_t size = 0;
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.pkey()) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &size, as_bytes(octets), octets.size()) != 1) {
    crypto::detail::openssl_abort("RSA-SHA256 signing");
  }
  std::string signature(size, '\0');
  if (EVP_DigestSign(ctx.get(), as_bytes(signature), &size, as_bytes(octets), octets.size()) != 1) {
    crypto::detail::openssl_abort("RSA-SHA256 signing");
  }
  signature.resize(size);
  return octets + "&Signature=" + detail::url_encode(crypto::base64_encode(signature));
}

Result<void> verify_redirect_query(std::string_view raw_query,
                                   std::span<const Certificate> trusted) {
  const auto params = detail::split_query(raw_query);
  if (!params) {
    return bad_query("a query parameter repeats");
  }
  const auto raw_sig_alg = detail::find_param(*params, "SigAlg");
  const auto raw_signature = detail::find_param(*params, "Signature");
  if (!raw_sig_alg || !raw_signature) {
    return keyed_error(Errc::InvalidRequest, keys::kSignatureMissing, "the query is not signed");
  }
  const auto sig_alg = detail::url_decode(*raw_sig_alg, false);
  if (!sig_alg || *sig_alg != alg::kRsaSha256) {
    return keyed_error(Errc::InvalidRequest, keys::kUnsupportedAlgorithm,
                       "SigAlg " + sig_alg.value_or("(malformed)"));
  }
  const auto signature_text = detail::url_decode(*raw_signature, false);
  const auto signature = signature_text ? crypto::base64_decode(*signature_text) : std::nullopt;
  auto octets = signed_octets(*params);
  if (!signature || !octets) {
    return octets ? bad_query("the Signature is not base64") : octets.error();
  }
  for (const Certificate& certificate : trusted) {
    if (rsa_sha256_verifies(X509_get0_pubkey(certificate.x509()), *octets, *signature)) {
      return ok();
    }
  }
  return keyed_error(Errc::InvalidRequest, keys::kSignatureInvalid,
                     "no trusted certificate verifies the query signature");
}

}  // namespace latch::saml
