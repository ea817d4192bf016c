#pragma once

// Keys and messages shared by the SAML unit tests. Keys are generated once per process (RSA
// generation is the slow part of these tests).

#include <chrono>
#include <string>
#include <string_view>

#include "saml/certificate.hpp"
#include "saml/messages.hpp"

namespace latch::saml::testing {

inline const Instant kNow = Instant(std::chrono::seconds(1'796'000'000));  // 2026-11-30

inline const SigningKey& idp_key() {
  static const SigningKey key =
      generate_signing_key({.common_name = "idp.example.test", .not_before = kNow});
  return key;
}

inline const SigningKey& other_key() {
  static const SigningKey key =
      generate_signing_key({.common_name = "attacker.example.test", .not_before = kNow});
  return key;
}

inline ResponseParams response_params() {
  return ResponseParams{
      .response_id = "_response1",
      .assertion_id = "_assertion1",
      .issue_instant = kNow,
      .issuer = "https://idp.example.test/saml",
      .acs_url = "https://latch.example.test/api/authn/saml/conn1",
      .in_response_to = "_request1",
      .audience = "https://latch.example.test/saml/conn1",
      .name_id = "alice@example.test",
      .name_id_format = std::string(uri::kNameIdEmail),
      .authn_instant = kNow,
      .session_index = "_session1",
      .attributes = {{.name = "email", .values = {"alice@example.test"}},
                     {.name = "groups", .values = {"admins", "staff"}}},
  };
}

inline ResponseCheck response_check() {
  const ResponseParams params = response_params();
  return ResponseCheck{
      .idp_entity_id = params.issuer,
      .idp_certificates = {idp_key().certificate()},
      .acs_url = params.acs_url,
      .sp_entity_id = params.audience,
      .in_response_to = params.in_response_to,
      .now = kNow + std::chrono::seconds(5),
  };
}

// `text` with the first `from` replaced by `to` (the tests' way of tampering).
inline std::string replace_first(std::string text, std::string_view from, std::string_view to) {
  const auto at = text.find(from);
  if (at != std::string::npos) {
    text.replace(at, from.size(), to);
  }
  return text;
}

}  // namespace latch::saml::testing
