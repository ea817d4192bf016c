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

// Who may obtain tokens for a resource through client credentials.
//  AllApps: every machine-to-machine app, for any scope the resource defines (the default for
//           resources an operator creates; RBAC narrows this later).
//  Granted: only apps with an explicit grant, and only the granted scopes (the management API).
enum class ResourceAccess { AllApps, Granted };

// An API protected by Latch (RFC 8707 resource indicator). Tokens for it are JWTs with
// aud = indicator.
struct Resource {
  std::string id;
  std::string name;
  std::string indicator;                 // absolute URI, unique
  std::int64_t access_token_ttl = 3600;  // seconds
  bool is_default = false;
  ResourceAccess access = ResourceAccess::AllApps;
  std::vector<Scope> scopes;
  std::int64_t created_at = 0;
};

// Scopes of one resource granted to one application (client credentials).
struct ApplicationGrant {
  std::string application_id;
  std::string resource_id;
  std::vector<std::string> scope_names;
};

}  // namespace latch::model
