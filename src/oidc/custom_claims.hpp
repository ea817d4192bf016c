#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "model/application.hpp"
#include "model/user.hpp"
#include "script/runner.hpp"
#include "storage/store.hpp"

// Custom JWT claims (Logto's JWT customizer): an operator's getCustomJwtClaims script adds claims
// to the JWT access tokens of users (token type "access-token") and of machine-to-machine apps
// (client credentials, "client-credentials"). docs/custom-claims.md is the operator's side.
namespace latch::oidc {

struct UserTokenRequest;
struct AccessTokenClaims;

// Logto's LogtoJwtTokenKeyType, the token type path of /api/configs/jwt-customizer/:tokenTypePath.
inline constexpr std::string_view kAccessTokenCustomizer = "access-token";
inline constexpr std::string_view kClientCredentialsCustomizer = "client-credentials";

// What token issuance needs of a stored customizer.
struct CustomizerScript {
  std::string script;
  boost::json::object environment_variables;
  // Logto's blockIssuanceOnError: a failing script refuses the token instead of adding nothing.
  bool block_issuance_on_error = false;
};

// The members token issuance uses of a stored configuration (the JSON the management API
// stored); nullopt when it holds no script.
std::optional<CustomizerScript> customizer_script(std::string_view config_json);

// Claims the issuer sets itself, which a script's result may not replace: they are dropped from
// it (RFC 7519 §4.1, RFC 9068 §2.2, RFC 8693 §4, RFC 9449 §6, OIDC Core §2, and Logto's
// organization_id).
bool is_reserved_claim(std::string_view name);

// Runs getCustomJwtClaims for tokens. Thread-safe; blocks for up to the run's time limit, so
// call it on a pool thread (token grants run on the database pool).
class ClaimsCustomizer {
 public:
  ClaimsCustomizer(const script::Runner& runner, script::Limits limits)
      : runner_(runner), limits_(limits) {}

  // One run with `token` and `context` as Logto passes them: what the script returned (reserved
  // claims included: token issuance drops them). For the management API's test route and for
  // token issuance alike.
  script::Outcome run(const CustomizerScript& script, boost::json::object token,
                      boost::json::object context) const;

  // The "access-token" script of a user's JWT access token, in two steps so that the script runs
  // outside the grant's write transaction (a slow script holds no database writer):
  // prepare_user_token reads the script (nullopt when none is stored), the token's sample and the
  // user's, app's, grant's and organization's context inside the transaction; finish_user_token
  // runs it, and what it returns joins claims.extra. DeviceAccessDenied (access_denied, 400) when
  // the script calls api.denyAccess; InvalidRequest when it fails and blocks issuance on error;
  // any other failure is logged and the token goes out without custom claims (Logto's
  // behaviour). REQUIRES: claims.jti is set (the script sees the token's jti).
  struct UserTokenRun {
    CustomizerScript script;
    boost::json::object token, context;
  };
  [[nodiscard]] Result<std::optional<UserTokenRun>> prepare_user_token(
      storage::Tx& tx, const UserTokenRequest& req, const AccessTokenClaims& claims) const;
  [[nodiscard]] Result<void> finish_user_token(const UserTokenRun& run,
                                               AccessTokenClaims& claims) const;
  // The "client-credentials" script of a machine-to-machine app's token, in two steps so that the
  // script runs outside any transaction: prepare_client_token reads the script (nullopt when none
  // is stored) and the app's context inside the grant's read; finish_client_token runs it.
  struct ClientTokenRun {
    CustomizerScript script;
    boost::json::object context;
  };
  [[nodiscard]] Result<std::optional<ClientTokenRun>> prepare_client_token(
      storage::Tx& tx, const model::Application& app) const;
  [[nodiscard]] Result<void> finish_client_token(const ClientTokenRun& run,
                                                 AccessTokenClaims& claims) const;

 private:
  Result<void> apply(const CustomizerScript& script, boost::json::object token,
                     boost::json::object context, AccessTokenClaims& claims) const;

  const script::Runner& runner_;
  script::Limits limits_;
};

// The contexts Logto gives a script (its jwtCustomizer*ContextGuard shapes), read through `tx`.
// context.application: the app without its secret.
boost::json::object application_context(const model::Application& app);
// context.user: the user's profile, customData, identities, hasPassword, ssoIdentities,
// mfaVerificationFactors, roles (with their scopes), organizations and organizationRoles.
[[nodiscard]] Result<boost::json::object> user_context(storage::Tx& tx, const model::User& user);
// context.organization for an organization token: id, name, description, customData. Null when
// the organization is gone.
[[nodiscard]] Result<std::optional<boost::json::object>> organization_context(
    storage::Tx& tx, const std::string& organization_id);

}  // namespace latch::oidc
