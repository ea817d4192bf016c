#pragma once

#include <string>
#include <string_view>

#include "account/account_caller.hpp"
#include "management/account_center.hpp"
#include "model/user.hpp"

// The one-rule checks the account operations are made of (Logto's assertThat calls), shared by
// account_service.cpp, account_factors.cpp and account_sessions.cpp.
namespace latch::account::rules {

// InvalidRequest account_center.field_not_editable unless `field` is editable.
[[nodiscard]] Result<void> editable(const management::AccountCenter& center,
                                    management::AccountField field);
// The same for a control already looked up (passkeys follow mfa).
[[nodiscard]] Result<void> editable(management::FieldControl control);
// InvalidRequest account_center.field_not_enabled unless `field` is at least read-only.
[[nodiscard]] Result<void> readable(const management::AccountCenter& center,
                                    management::AccountField field);
// auth.unauthorized unless the token has `scope`: Unauthorized (401) or, where Logto's route
// answers 400, InvalidRequest.
[[nodiscard]] Result<void> has_scope(const AccountCaller& caller, std::string_view scope,
                                     bool status_400 = false);
// Unauthorized verification_record.permission_denied unless the caller proved who they are.
[[nodiscard]] Result<void> verified(const AccountCaller& caller);
// verified(), for a user who has something to prove themselves with (a password, an email or a
// phone); a user with none of them has nothing to verify against (Logto's
// assertIdentityVerifiedIfRequired).
[[nodiscard]] Result<void> verified_if_possible(const AccountCaller& caller,
                                                const model::User& user);
// Forbidden auth.third_party_application_forbidden for a third-party app's token.
[[nodiscard]] Result<void> first_party(const AccountCaller& caller);
// InvalidRequest user.last_sign_in_method_required when `user` (as it would be after the
// change) has no username, email, phone or social identity left.
[[nodiscard]] Result<void> keeps_an_identifier(const model::User& user);

}  // namespace latch::account::rules
