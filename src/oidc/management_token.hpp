#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "oidc/key_store.hpp"

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

}  // namespace latch::oidc
