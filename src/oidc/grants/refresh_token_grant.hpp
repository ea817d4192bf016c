#pragma once

#include "oidc/grants/grant.hpp"
#include "oidc/user_token_issuer.hpp"
#include "storage/store.hpp"

namespace latch::oidc {

// RFC 6749 §6 with rotation on every use and reuse detection (RFC 9700 §4.14.2): a rotated token
// stays usable for kReuseLeeway seconds (concurrent refreshes from one app, as Logto allows);
// a later reuse revokes the whole grant.
class RefreshTokenGrant final : public Grant {
 public:
  static constexpr std::int64_t kReuseLeeway = 3;

  RefreshTokenGrant(storage::Store& store, const TokenService& tokens)
      : store_(store), tokens_(tokens), issuer_(tokens) {}
  std::string_view grant_type() const override { return "refresh_token"; }
  bool blocks() const override { return true; }
  [[nodiscard]] Result<TokenResponse> handle(const GrantContext& ctx) override;

 private:
  Result<TokenResponse> refresh(storage::Tx& tx, const model::RefreshToken& token,
                                const GrantContext& ctx);
  storage::Store& store_;
  const TokenService& tokens_;
  UserTokenIssuer issuer_;
};

}  // namespace latch::oidc
