#pragma once

#include "core/result.hpp"
#include "management/organization_service.hpp"
#include "model/organization.hpp"

// OrganizationService's checks of the settings it is given (organization_fields.cpp).
namespace latch::management {

// InvalidRequest naming the field: a name outside 1..128 characters, a description over 256,
// customData not a JSON object, color or branding not an object of Logto's members (hex colors;
// absolute URLs).
[[nodiscard]] Result<void> check_fields(const OrganizationFields& fields);
// Copies the members `fields` has onto `organization`.
void apply_fields(model::Organization& organization, const OrganizationFields& fields);

}  // namespace latch::management
