#pragma once

#include <cstdint>
#include <string>

namespace latch::model {

// An initial access token (RFC 7591 §3): a bearer token an operator hands to a developer or an
// agent so that it may register clients at /oidc/reg when registration is not open. Stored by
// the SHA-256 of its value; shown once, when created. Thread-compatible plain data.
struct InitialAccessToken {
  std::string id;  // 21 chars of [0-9a-z]; names the token in the Management API
  std::string token_hash;
  std::string description;
  std::int64_t created_at = 0;  // epoch seconds
  std::int64_t expires_at = 0;  // epoch seconds
  // Registrations it may still make; -1 = as many as it likes until it expires.
  std::int64_t uses_left = -1;
};

// What dynamic registration (RFC 7591 §3.2.1, RFC 7592) keeps beside the application it made:
// the hash of the registration access token and the client metadata as registered that the
// application itself does not hold (client_uri, logo_uri, contacts, grant_types, ...).
struct ClientRegistration {
  std::string client_id;
  std::string access_token_hash;  // SHA-256 of the registration access token
  std::string metadata_json = "{}";
  std::string initial_token_id;  // the initial access token it was made with; "" = open
  std::int64_t created_at = 0;   // epoch seconds
  std::int64_t updated_at = 0;   // epoch seconds
};

}  // namespace latch::model
