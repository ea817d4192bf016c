#pragma once

#include "oidc/grants/grant.hpp"

namespace latch::oidc {

// RFC 6749 §4.4 with RFC 8707 resource indicators: machine-to-machine apps get a JWT access
// token for one resource. No database access: everything comes from the catalog snapshot.
class ClientCredentialsGrant final : public Grant {
 public:
  explicit ClientCredentialsGrant(const TokenService& tokens) : tokens_(tokens) {}
  std::string_view grant_type() const override { return "client_credentials"; }
  bool blocks() const override { return false; }
  [[nodiscard]] Result<TokenResponse> handle(const GrantContext& ctx) override;

 private:
  const TokenService& tokens_;
};

}  // namespace latch::oidc
