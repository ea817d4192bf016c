#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "storage/store.hpp"

// Who calls the Account API: the user behind an opaque access token of Latch's own sign-in
// (Logto's koa-oidc-auth), as the /account page is the user behind a browser session.
namespace latch::account {

// Logto's UserScope values the Account API checks (packages/toolkit/core-kit/src/openid.ts).
namespace scope {
inline constexpr std::string_view kOpenId = "openid";
inline constexpr std::string_view kProfile = "profile";
inline constexpr std::string_view kEmail = "email";
inline constexpr std::string_view kPhone = "phone";
inline constexpr std::string_view kAddress = "address";
inline constexpr std::string_view kCustomData = "custom_data";
inline constexpr std::string_view kIdentities = "identities";
inline constexpr std::string_view kSessions = "urn:logto:scope:sessions";
}  // namespace scope

// The header naming a verification record that proves the user's identity (Logto's).
inline constexpr std::string_view kVerificationHeader = "logto-verification-id";

struct AccountCaller {
  std::string user_id;
  std::string client_id;        // the app the token was issued to ("" for the /account page)
  std::string session_id_hash;  // the browser session behind the token's grant, "" when none
  std::vector<std::string> scopes;
  bool third_party = false;        // the token's app is a third-party app
  bool identity_verified = false;  // a live verification record of this user was presented
  std::string ip, user_agent;      // where the call came from: for the audit log and webhooks

  bool has(std::string_view scope) const;
};

// The caller behind `authorization` ("Bearer <opaque access token>"): the token must be live
// (unexpired, its grant not revoked, its user present and not suspended) and hold `openid`.
// With `verification_id`, identity_verified says whether it names a verified record of this
// user that proves who they are (a password, or a code sent to their own address; see
// proves_identity) and has not expired. Unauthorized auth.unauthorized for a missing, unknown or
// dead token; Forbidden auth.forbidden without `openid`. JWT access tokens (for an API
// resource) are not accepted, as Logto's.
[[nodiscard]] Result<AccountCaller> authenticate(storage::Tx& tx, std::string_view authorization,
                                                 std::string_view verification_id,
                                                 std::int64_t now);

// Whether `record` proves, at `now`, that its maker is `user_id`: verified, unexpired, theirs,
// and a password or a code sent to an address of theirs (Logto's UserPermissionValidation).
bool proves_identity(const storage::VerificationRecord& record, std::string_view user_id,
                     std::int64_t now);

}  // namespace latch::account
