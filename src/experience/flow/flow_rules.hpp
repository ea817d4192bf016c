#pragma once

#include <optional>

#include "experience/flow/flow_service.hpp"
#include "model/user.hpp"

// Rules the flow steps share.
namespace latch::experience {

// InvalidRequest user.invalid_username / user.invalid_email / user.invalid_phone.
[[nodiscard]] Result<void> validate_identifier(const Identifier& id);
// Conflict user.<type>_already_in_use when an account has the identifier.
[[nodiscard]] Result<void> identifier_taken(storage::Tx& tx, const Identifier& id);
[[nodiscard]] Result<std::optional<model::User>> find_user(storage::Tx& tx, const Identifier& id);
// A verification record for an identifier; the type-specific fields are set by the caller.
VerificationRecord record_of(std::string id, VerificationType type, const Identifier& identifier,
                             bool verified);
// Whether a verified Social record of the flow carries `email` (the provider vouched for it).
bool social_email_in_flow(const FlowState& s, const std::string& email);
// The user's primary email when this flow proved it (a code sent there was entered, or a social
// provider vouched for it), else "". Only a proved email joins organizations (JIT, invitations).
std::string proved_email(const FlowState& s, const model::User& user);
// The identifiers of `user` (for the password policy's user-info rule).
std::vector<std::string> user_info(const model::User& user);

}  // namespace latch::experience
