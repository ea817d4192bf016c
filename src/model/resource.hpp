#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace latch::model {

// A permission an API defines ("read:invoices").
struct Scope {
  std::string id;  // 21 chars of [0-9a-z]
  std::string resource_id;
  std::string name;
  std::string description;
  std::int64_t created_at = 0;  // epoch milliseconds
};

// An API protected by Latch (RFC 8707 resource indicator). Tokens for it are JWTs with
// aud = indicator, carrying the scopes the caller's roles grant (storage::RoleRepository).
struct Resource {
  std::string id;
  std::string name;
  std::string indicator;                 // absolute URI, unique
  std::int64_t access_token_ttl = 3600;  // seconds
  bool is_default = false;               // used when a token request names no resource; one at most
  std::vector<Scope> scopes;
  std::int64_t created_at = 0;
  std::string custom_data = "{}";  // a JSON object, as text (Latch: Logto's resources have none)
};

}  // namespace latch::model
