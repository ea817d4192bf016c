#pragma once

#include <memory>

#include "experience/config/sign_in_experience.hpp"
#include "model/organization.hpp"

namespace latch::experience {

// The sign-in experience dressed in `organization`'s branding (Logto's organization_id on
// /oidc/auth): its color {primaryColor, isDarkModeEnabled, darkPrimaryColor}, branding
// {logoUrl, darkLogoUrl, favicon} and customCss replace the global ones where set. A section
// that does not pass the sign-in experience's own checks (a color that is not #RRGGBB, a logo
// URL that is not http(s)) is ignored: the page keeps the global branding for it.
std::shared_ptr<const SignInExperience> with_organization_branding(
    const SignInExperience& base, const model::Organization& organization);

}  // namespace latch::experience
