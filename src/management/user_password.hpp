#pragma once

#include <string_view>

#include "core/clock.hpp"
#include "model/user.hpp"
#include "storage/store.hpp"

// Checking a password against what a user has stored, whatever made it: Latch's Argon2id or a
// digest brought from elsewhere (crypto/password_digest.hpp, model::User::password_algorithm).
// Every place that signs a user in with a password goes through check_user_password.
namespace latch::management {

// Whether `password` is `user`'s, as Logto's verifyUserPassword decides, and its bookkeeping:
//   - no user, no password, or an algorithm Latch does not know: false, after the decoy Argon2
//     verification (crypto::verify_password_dummy), so an unknown user costs what a known one
//     does;
//   - a wrong password against a fast method (SHA1, SHA256, MD5, Legacy): false after the decoy,
//     so that the timing does not tell a fast digest from a slow one;
//   - the right password against anything but Latch's own Argon2id: true, and the password is
//     hashed anew with Argon2id to replace the digest, unless the user's hash changed since
//     `user` was read (a concurrent password change wins). A failure to store the new hash is
//     logged, not returned: the password was right, and the next sign-in tries again.
// REQUIRES: called on the hashing pool (Argon2), outside any transaction: it opens its own for
// the replacement. Thread-safe.
bool check_user_password(storage::Store& store, const Clock& clock, const model::User* user,
                         std::string_view password);

// Whether `password` is `user`'s, with neither decoy nor replacement: for "the new password is
// the same as the current one". False when the user has no password. Blocks as
// check_user_password does.
bool is_user_password(const model::User& user, std::string_view password);

}  // namespace latch::management
