#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "experience/config/sign_in_experience.hpp"

namespace latch::experience {

// Checks a new password against the policy. InvalidRequest whose description is the phrase key
// of the first rule broken: password.required, password.too_short, password.too_long,
// password.character_types, password.common, password.sequence, password.repetition,
// password.contains_user_info, password.contains_word. `user_info` holds the user's identifiers
// (username, email, phone).
[[nodiscard]] Result<void> check_password(const PasswordPolicy& policy, std::string_view password,
                                          const std::vector<std::string>& user_info);

// Every rule of `policy` that `password` breaks, as Logto's check-password issue codes in Logto's
// order: password_rejected.too_short, .too_long, .character_types, .pwned,
// .restricted.sequence, .restricted.repetition, .restricted.words, .restricted.user_info (each
// by the rule check_password applies). `user_info`: the user's identifiers; nullptr when there is
// no user, and then a policy that rejects user info cannot be checked: InvalidRequest
// request.invalid_input.
[[nodiscard]] Result<std::vector<std::string>> password_issues(
    const PasswordPolicy& policy, std::string_view password,
    const std::vector<std::string>* user_info);

// True when `password` (case-insensitively) is on Latch's shipped list of common passwords.
bool is_common_password(std::string_view password);

}  // namespace latch::experience
