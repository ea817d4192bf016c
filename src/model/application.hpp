#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace latch::model {

// Logto's application types. Traditional and machine-to-machine apps are confidential clients
// (they hold a secret); SPA and native apps are public clients that must use PKCE.
enum class AppType { Traditional, Spa, Native, MachineToMachine };

// Wire names as Logto's Management API uses them: "Traditional", "SPA", "Native",
// "MachineToMachine".
std::string_view app_type_name(AppType type);
// Accepts Logto's names and the CLI's short forms ("traditional", "spa", "native", "m2m").
std::optional<AppType> parse_app_type(std::string_view text);
bool is_confidential(AppType type);

// An OAuth client. Thread-compatible plain data.
struct Application {
  std::string id;  // 21 chars of [0-9a-z], also the OAuth client_id
  std::string name;
  std::string description;
  AppType type = AppType::Traditional;
  // The client secret sealed with the master key (crypto::SecretBox, AAD = id). Empty for
  // public clients. Never stored in plain text.
  std::string sealed_secret;
  std::vector<std::string> redirect_uris;
  std::vector<std::string> post_logout_redirect_uris;
  std::vector<std::string> cors_allowed_origins;
  bool is_third_party = false;
  // JWS algorithm for ID tokens ("ES256", "ES384", "RS256", "EdDSA"); empty = deployment default.
  std::string id_token_signed_response_alg;
  std::string custom_data_json = "{}";
  std::int64_t created_at = 0;  // epoch milliseconds
};

}  // namespace latch::model
