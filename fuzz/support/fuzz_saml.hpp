#pragma once

// Fixed SAML state for the saml_response fuzz target: the IdP's key (fuzz_keys.hpp's RS256 key)
// with a self-signed certificate made once with `openssl req -x509` for fuzzing only, and the
// SP's expectations the committed seeds were signed for.

#include <chrono>
#include <cstdlib>
#include <string_view>

#include "saml/certificate.hpp"
#include "saml/messages.hpp"
#include "support/fuzz_keys.hpp"

namespace latch::fuzz {

inline constexpr std::string_view kSamlIdpCertificate = R"(
-----BEGIN CERTIFICATE-----
MIIDDDCCAfSgAwIBAgIBATANBgkqhkiG9w0BAQsFADAeMRwwGgYDVQQDDBNmdXp6
LWlkcC5sYXRjaC50ZXN0MCAXDTI2MTIwNjE5MTQyMVoYDzIxMjYxMTEyMTkxNDIx
WjAeMRwwGgYDVQQDDBNmdXp6LWlkcC5sYXRjaC50ZXN0MIIBIjANBgkqhkiG9w0B
AQEFAAOCAQ8AMIIBCgKCAQEArnKFaclJvVPI7Jvbrl7ERl3MYwtEWXxZ14DlZvpH
NZDTmmiFUZZa/VJ2OzeCDgYztskf+WRI4ecRhQInJaYS/4JxtzrRKrg/e0EBVUoK
mDbgSuyUVLc5XgPQPLk8F4tXL3gpEuxIBoZZTpxbSS/ktT+RnOOzopEUvTcNbR0Y
iK3P+1Rh9VBU5Jv2RsZszojlctNIdsPhMCUvEjB+PGnImaKjuFzeQawusUPjZN/f
pLcUnSbuOMONASn6cCGMlS5PWmUrfzMcEzwq0HEJ6i2yzLpDF5xAi+UjAsR226BL
p01+6Bf/c0qFsku7PzR4zcrpnRIKDWZX60XjBwcUE8HxvwIDAQABo1MwUTAdBgNV
HQ4EFgQUQX8gMSWKAvA4UTTHCpCJWYHwLFIwHwYDVR0jBBgwFoAUQX8gMSWKAvA4
UTTHCpCJWYHwLFIwDwYDVR0TAQH/BAUwAwEB/zANBgkqhkiG9w0BAQsFAAOCAQEA
BmWF0E12F1I9iqAYBhlUp08KUd7CKYgAHqZRt0Leh/JvRjgvs07Az00hoBqO4dhE
oTiMo0I53jObYHMuh8OQzU2/Dh5OKd84Jfoh29xjgircrCgigfkC4x4ABlw1201m
uqF4aVuiM7Uhzh9nbbVCUTPzX09rQyOwdAoYk8AnsDltL+VPB1gKuc6KT1Sm5GWv
pI+/M9mgjMdN/PsLJT0GJiYamSWfIeTV8OiFcam+At5+yIJ70EcYOw9A/mPoYNYl
P4FhTTFG5H7Me5iO2LP6D/DWZllJiuEK0MgOXjtIK4KdU1m9dvLwEvcuW6dLnndK
w/icfT0x+Su6Lg0EY4qVkQ==
-----END CERTIFICATE-----
)";

inline const saml::SigningKey& saml_idp_key() {
  static const saml::SigningKey key = [] {
    auto parsed = saml::SigningKey::from_pem(keys_pem::kRs256, kSamlIdpCertificate);
    if (!parsed) {
      std::abort();
    }
    return *parsed;
  }();
  return key;
}

// What the seeds in corpus/saml_response/ were made for (tests/interop/saml/saml_interop
// `response` with this key, at kSamlSeedTime).
inline constexpr std::string_view kSamlIdp = "https://idp.fuzz.test/saml";
inline constexpr std::string_view kSamlSp = "https://latch.fuzz.test/saml/conn1";
inline constexpr std::string_view kSamlAcs = "https://latch.fuzz.test/api/authn/saml/conn1";
inline constexpr std::string_view kSamlRequestId = "_fuzz_request";
inline const saml::Instant kSamlSeedTime = saml::Instant(std::chrono::seconds(1'796'000'000));

inline saml::ResponseCheck saml_check() {
  return saml::ResponseCheck{.idp_entity_id = std::string(kSamlIdp),
                             .idp_certificates = {saml_idp_key().certificate()},
                             .acs_url = std::string(kSamlAcs),
                             .sp_entity_id = std::string(kSamlSp),
                             .in_response_to = std::string(kSamlRequestId),
                             .now = kSamlSeedTime + std::chrono::seconds(10)};
}

}  // namespace latch::fuzz
