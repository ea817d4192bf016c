#include "management/user_password.hpp"

#include <spdlog/spdlog.h>

#include "crypto/password.hpp"
#include "crypto/password_digest.hpp"

namespace latch::management {
namespace {

// Stores Argon2id of `password` in place of the digest `user` was read with.
void replace_with_latch_hash(storage::Store& store, const Clock& clock, const model::User& user,
                             std::string_view password) {
  auto hash = crypto::hash_password(password);
  if (!hash) {
    spdlog::warn("user {}: cannot rehash a {} password: {}", user.id, user.password_algorithm,
                 hash.error().detail);
    return;
  }
  bool replaced = false;
  auto done = store.transact([&](storage::Tx& tx) -> Result<void> {
    auto swapped = tx.users().replace_password_hash({.user_id = user.id,
                                                     .expected_hash = user.password_hash,
                                                     .hash = *hash,
                                                     .algorithm = model::kLatchPasswordAlgorithm,
                                                     .at = clock.now_millis()});
    if (!swapped) return swapped.error();
    replaced = *swapped;
    return ok();
  });
  if (!done) {
    spdlog::warn("user {}: cannot store the rehashed {} password: {}", user.id,
                 user.password_algorithm, done.error().detail);
  } else if (replaced) {
    spdlog::info("user {}: {} password rehashed with Latch's Argon2id", user.id,
                 user.password_algorithm);
  }
}

}  // namespace

bool is_user_password(const model::User& user, std::string_view password) {
  auto algorithm = crypto::password_algorithm_named(user.password_algorithm);
  return algorithm && !user.password_hash.empty() &&
         crypto::verify_password_digest(password, *algorithm, user.password_hash);
}

bool check_user_password(storage::Store& store, const Clock& clock, const model::User* user,
                         std::string_view password) {
  auto algorithm = user ? crypto::password_algorithm_named(user->password_algorithm) : std::nullopt;
  if (!user || user->password_hash.empty() || !algorithm) {
    crypto::verify_password_dummy(password);
    return false;
  }
  if (!crypto::verify_password_digest(password, *algorithm, user->password_hash)) {
    if (crypto::needs_decoy_on_failure(*algorithm)) crypto::verify_password_dummy(password);
    return false;
  }
  if (crypto::needs_rehash(*algorithm, user->password_hash)) {
    replace_with_latch_hash(store, clock, *user, password);
  }
  return true;
}

}  // namespace latch::management
