#pragma once

#include "storage/store.hpp"

#include "oidc/grants/grant.hpp"

namespace latch::oidc {

// RFC 6749 §4.4 with RFC 8707 resource indicators: machine-to-machine apps get a JWT access
// token for one resource, carrying the requested scopes the app's roles grant (all it is
// granted when it names none). The app and the resource come from the catalog snapshot; the
// roles are read from the database for each token (one indexed query), so a role given or taken
// applies to the next token on every node.
class ClientCredentialsGrant final : public Grant {
 public:
  ClientCredentialsGrant(storage::Store& store, const TokenService& tokens)
      : store_(store), tokens_(tokens) {}
  std::string_view grant_type() const override { return "client_credentials"; }
  bool blocks() const override { return true; }
  [[nodiscard]] Result<TokenResponse> handle(const GrantContext& ctx) override;

 private:
  storage::Store& store_;
  const TokenService& tokens_;
};

}  // namespace latch::oidc
