#pragma once

#include "oidc/grants/grant.hpp"
#include "oidc/user_token_issuer.hpp"
#include "storage/store.hpp"

namespace latch::oidc {

inline constexpr std::string_view kDeviceCodeGrantType =
    "urn:ietf:params:oauth:grant-type:device_code";

// RFC 8628 §3.4, §3.5: the device polls with its device code until the user decides.
// authorization_pending while the user has not; slow_down (and an interval 5 s longer from then
// on) when it polls sooner than its interval; expired_token after expires_in; access_denied when
// the user said no. An approved code is redeemed once, for the tokens the authorization code
// grant issues for that user, scopes and resource; a second redemption is invalid_grant and
// revokes what the first issued (RFC 9700 §4.2.4, as for codes). State lives in the database, so
// the device may poll any node.
class DeviceCodeGrant final : public Grant {
 public:
  DeviceCodeGrant(storage::Store& store, const TokenService& tokens)
      : store_(store), tokens_(tokens), issuer_(tokens) {}
  std::string_view grant_type() const override { return kDeviceCodeGrantType; }
  bool blocks(const GrantContext&) const override { return true; }
  [[nodiscard]] Result<TokenResponse> handle(const GrantContext& ctx) override;

 private:
  // The poll's answer for `code`, which belongs to the client; records the poll.
  Result<PendingUserTokens> poll(storage::Tx& tx, const model::DeviceCode& code,
                                 const GrantContext& ctx);
  Result<PendingUserTokens> redeem(storage::Tx& tx, const model::DeviceCode& code,
                                   const GrantContext& ctx);
  storage::Store& store_;
  const TokenService& tokens_;
  UserTokenIssuer issuer_;
};

}  // namespace latch::oidc
