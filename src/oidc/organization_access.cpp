#include "oidc/organization_access.hpp"

#include "model/organization.hpp"

namespace latch::oidc {
namespace {

// Whether the user has a stored second factor (TOTP or WebAuthn; backup codes only back those
// up), as an organization that requires MFA asks (Logto: a member without a factor is refused).
Result<bool> has_mfa_configured(storage::Tx& tx, const model::User& user) {
  auto factors = tx.mfa().list(user.id);
  if (!factors) return factors.error();
  for (const auto& factor : *factors) {
    if (factor.type != model::MfaFactor::BackupCode) return true;
  }
  return false;
}

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
  if (*organization && (*organization)->is_mfa_required) {
    auto configured = has_mfa_configured(tx, user);
    if (!configured) return configured.error();
    if (!*configured) {
      return make_error(Errc::AccessDenied,
                        "organization requires MFA but user has no MFA configured");
    }
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
