#pragma once

#include <boost/json/object.hpp>

#include "core/result.hpp"
#include "management/application_service.hpp"

namespace latch::management_api {

// Reads Logto's customClientMetadata object (its customClientMetadataGuard) into `patch`, whole:
// every member the guard knows is set, an absent one to its default (Logto stores the object as
// given, so a PATCH replaces it). Members the guard does not know are dropped, as Logto's guard
// drops them. InvalidRequest naming "customClientMetadata.<member>" for a mistyped member:
// corsAllowedOrigins an array of non-empty strings; idTokenTtl and refreshTokenTtl numbers;
// refreshTokenTtlInDays an integer from 1 to 180; tenantId a string; maxAllowedGrants a positive
// integer; alwaysIssueRefreshToken, rotateRefreshToken, isDeviceFlow, allowTokenExchange booleans.
[[nodiscard]] Result<void> read_custom_client_metadata(const boost::json::object& custom,
                                                       management::ApplicationPatch& patch);

}  // namespace latch::management_api
