#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "oidc/key_store.hpp"
#include "storage/store.hpp"

namespace latch::oidc {

// The resources whose access tokens open the management API: Latch's own and Logto's, so that
// scripts written for Logto's Management API work unchanged.
inline constexpr std::string_view kManagementResource = "urn:latch:management";
inline constexpr std::string_view kLogtoManagementResource = "https://default.logto.app/api";

// Who called the management API.
struct ManagementCaller {
  std::string subject;    // the user or, for client credentials, the application
  std::string client_id;  // the application the token was issued to
};

// Checks `authorization` ("Bearer <JWT>") as a management access token: signed by one of
// `keys`, issued by `issuer`, not expired at `now`, with a management resource in `aud` and
// scope `all`. Unauthorized "auth.unauthorized" (detail says why) or Forbidden "auth.forbidden"
// when the scope is missing.
[[nodiscard]] Result<ManagementCaller> authorize_management(std::string_view authorization,
                                                            const KeyStore& keys,
                                                            std::string_view issuer,
                                                            std::int64_t now);

// The caller's rights as they stand now, not as they stood when the token was issued: a user
// must still exist and not be suspended, an application must still exist, and the caller's roles
// must still grant `all` on the management API.
// Unauthorized "auth.unauthorized" for a caller that no longer exists, Forbidden
// "auth.forbidden" for one that lost the right. Blocking: a few indexed reads.
[[nodiscard]] Result<void> check_management_caller(storage::Store& store,
                                                   const ManagementCaller& caller);

// How long a user's management token lives at most, whatever the resource says: an operator's
// sign-in to the console is renewed often, and its rights are checked on every call anyway.
inline constexpr std::int64_t kOperatorTokenTtl = 600;

// True for the management API's resource indicators (Latch's and Logto's). Inline so that the
// parsers' fuzz slices need not link the storage layer.
inline bool is_management_resource(std::string_view indicator) {
  return indicator == kManagementResource || indicator == kLogtoManagementResource;
}

// Records a change made through the management API in the audit log ("Management.<METHOD>",
// with the path, the status and the calling app). A failure to write is logged, never raised:
// the change has been made. Blocking.
void record_management_change(storage::Store& store, const ManagementCaller& caller,
                              std::string_view method, std::string_view path, std::string_view ip,
                              unsigned status, std::int64_t now_millis);
// Records a management API call of `caller` that was refused (status 4xx or 5xx, Logto's error
// `code`) in the audit log, as an Error entry under the same key. Blocking; never raises.
void record_management_failure(storage::Store& store, const ManagementCaller& caller,
                               std::string_view method, std::string_view path, std::string_view ip,
                               unsigned status, std::string_view code, std::int64_t now_millis);

}  // namespace latch::oidc
