#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>

#include "experience/flow/flow_rules.hpp"
#include "management/organization_invitation_service.hpp"
#include "oidc/authorization_request.hpp"

// What a sign-in or registration through the hosted pages means for organizations: just-in-time
// membership by verified email domain for a new account, and the invitation the interaction
// was started for (Latch's invitation page). Both run in the transaction that signs the user in
// or creates them, so an account never exists without the memberships it earned.
namespace latch::experience {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// A code sent to `email` was entered in this flow.
bool code_proved(const FlowState& s, const std::string& email) {
  return std::any_of(s.verifications.begin(), s.verifications.end(), [&](const auto& v) {
    return v.verified && v.type == VerificationType::VerificationCode &&
           v.identifier_type == IdentifierType::Email && lower(v.identifier) == lower(email);
  });
}

}  // namespace

std::string proved_email(const FlowState& s, const model::User& user) {
  if (!user.primary_email || user.primary_email->empty()) return {};
  const std::string& email = *user.primary_email;
  return code_proved(s, email) || social_email_in_flow(s, email) ? email : std::string();
}

Result<void> FlowService::join_organizations(storage::Tx& tx, const model::Interaction& interaction,
                                             const FlowState& s, const std::string& user_id,
                                             bool registered) {
  auto user = tx.users().find(user_id);
  if (!user) return user.error();
  if (!*user) return ok();
  std::string email = proved_email(s, **user);
  if (registered && !email.empty()) {
    auto joined = tx.organizations().provision_by_email_domain(
        user_id, lower(email.substr(email.rfind('@') + 1)));
    if (!joined) return joined.error();
  }
  auto request = oidc::authorization_request_from_json(interaction.params_json);
  if (!request || request->invitation_id.empty()) return ok();
  // The outcome is not an error of the sign-in: the invitation page reads it back from the
  // invitation's status and explains it.
  auto outcome = management::accept_for_sign_in(tx, request->invitation_id, user_id, email,
                                                clock_.now_millis());
  if (!outcome) return outcome.error();
  return ok();
}

}  // namespace latch::experience
