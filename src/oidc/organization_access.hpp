#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "model/user.hpp"
#include "storage/store.hpp"

// Organization tokens (Logto's RFC 0001 for users, RFC 0006 for machine-to-machine apps): who may
// have a token naming an organization. Read in the issuing transaction, so a member removed a
// moment ago gets no further token on any node.
namespace latch::oidc {

// Lifetime of an organization token, in seconds (Logto's reserved-resource TTL).
inline constexpr std::int64_t kOrganizationTokenTtl = 3600;

// "urn:logto:organization:<id>": the audience of an organization token.
std::string organization_audience(std::string_view organization_id);

// AccessDenied (403 access_denied, Logto's messages) unless `user` is a member of the
// organization and meets its MFA requirement.
[[nodiscard]] Result<void> check_user_organization_access(storage::Tx& tx, const model::User& user,
                                                          std::string_view organization_id);

// AccessDenied unless the app is a member of the organization.
[[nodiscard]] Result<void> check_application_organization_access(storage::Tx& tx,
                                                                 std::string_view application_id,
                                                                 std::string_view organization_id);

}  // namespace latch::oidc
