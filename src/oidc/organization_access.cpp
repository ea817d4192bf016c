#include "oidc/organization_access.hpp"

#include "model/organization.hpp"

namespace latch::oidc {
namespace {

// A user's MFA status as an organization that requires MFA sees it. Latch has no MFA factors
// yet (issue #18), so no user has MFA configured: an organization requiring MFA refuses every
// member's organization tokens, as Logto refuses members without a factor. When factors land,
// this reads them.
bool has_mfa_configured(const model::User& /*user*/) { return false; }

}  // namespace

std::string organization_audience(std::string_view organization_id) {
  std::string out(model::kOrganizationAudiencePrefix);
  out += organization_id;
  return out;
}

Result<void> check_user_organization_access(storage::Tx& tx, const model::User& user,
                                            std::string_view organization_id) {
  auto member = tx.organizations().has_user(organization_id, user.id);
  if (!member) return member.error();
  if (!*member) {
    return make_error(Errc::AccessDenied, "user is not a member of the organization");
  }
  auto organization = tx.organizations().find(organization_id);
  if (!organization) return organization.error();
  if (*organization && (*organization)->is_mfa_required && !has_mfa_configured(user)) {
    return make_error(Errc::AccessDenied,
                      "organization requires MFA but user has no MFA configured");
  }
  return ok();
}

Result<void> check_application_organization_access(storage::Tx& tx, std::string_view application_id,
                                                   std::string_view organization_id) {
  auto member = tx.organizations().has_application(organization_id, application_id);
  if (!member) return member.error();
  if (!*member) {
    return make_error(Errc::AccessDenied, "app has not associated with the organization");
  }
  return ok();
}

}  // namespace latch::oidc
