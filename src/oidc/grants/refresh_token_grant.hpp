#pragma once

#include "oidc/grants/grant.hpp"
#include "oidc/user_token_issuer.hpp"
#include "storage/store.hpp"

namespace latch::oidc {

// RFC 6749 §6 with rotation on every use and reuse detection (RFC 9700 §4.14.2). A token's
// successor is derived from it with a server key (HMAC-SHA256, see successor()), so a replay
// within kReuseLeewayMs (concurrent refreshes from one app, as Logto allows) is answered with the
// same successor: the family stays one chain, and a later reuse of any consumed link revokes the
// whole grant.
class RefreshTokenGrant final : public Grant {
 public:
  static constexpr std::int64_t kReuseLeewayMs = 3000;

  // `successor_key`: a secret every node shares (derived from the master key).
  RefreshTokenGrant(storage::Store& store, const TokenService& tokens, std::string successor_key)
      : store_(store), tokens_(tokens), issuer_(tokens), successor_key_(std::move(successor_key)) {}
  std::string_view grant_type() const override { return "refresh_token"; }
  bool blocks(const GrantContext&) const override { return true; }
  [[nodiscard]] Result<TokenResponse> handle(const GrantContext& ctx) override;

 private:
  // The tokens for a used refresh `token`. `next`: the refresh token the answer carries (its
  // bound successor, or the token itself when the app does not rotate); `store_next`: whether
  // it is new and must be stored.
  Result<PendingUserTokens> refresh(storage::Tx& tx, const model::RefreshToken& token,
                                    const GrantContext& ctx, const std::string& next,
                                    bool store_next);
  std::string successor(std::string_view presented) const;
  storage::Store& store_;
  const TokenService& tokens_;
  UserTokenIssuer issuer_;
  std::string successor_key_;
};

}  // namespace latch::oidc
