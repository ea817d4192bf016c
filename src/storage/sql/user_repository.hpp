#pragma once

#include "storage/repositories.hpp"
#include "storage/sql/connection.hpp"

namespace latch::storage::sql {

// The columns read_user() reads, in its order, unqualified (select them from users).
inline constexpr std::string_view kUserColumns =
    "id, username, primary_email, primary_phone, name, avatar, password_hash, profile, "
    "custom_data, identities, is_suspended, last_sign_in_at, created_at, updated_at, "
    "password_algorithm";
model::User read_user(const Row& row);

// Users. Username and email are matched through lower-case copies (ASCII case folding) kept in
// username_lower and email_lower; phone numbers match exactly. remove() cascades to the user's
// sessions, interactions, grants, codes and tokens.
class SqlUserRepository final : public UserRepository {
 public:
  explicit SqlUserRepository(Connection& conn) : conn_(conn) {}

  Result<void> insert(const model::User& user) override;
  // Replaces every field but id and created_at. NotFound when absent.
  Result<void> update(const model::User& user) override;
  Result<std::optional<model::User>> find(std::string_view id) override;
  Result<std::optional<model::User>> find_by_username(std::string_view u) override;
  Result<std::optional<model::User>> find_by_email(std::string_view e) override;
  Result<std::optional<model::User>> find_by_phone(std::string_view p) override;
  Result<std::optional<model::User>> find_by_identity(std::string_view target,
                                                      std::string_view identity_id) override;
  // Case-insensitive (ASCII) substring match; newest first, then by id.
  Result<std::vector<model::User>> list(std::string_view search, Page page) override;
  Result<std::int64_t> count(std::string_view search) override;
  // On SQLite the Like, SimilarTo and Posix matches go through the latch_match function
  // (storage/sqlite/match_function.hpp); on PostgreSQL through its own operators.
  Result<std::vector<model::User>> search(const UserSearch& search, Page page) override;
  Result<std::int64_t> count_search(const UserSearch& search) override;
  Result<bool> replace_password_hash(const PasswordHashSwap& swap) override;
  Result<void> remove(std::string_view id) override;  // NotFound when absent
  Result<void> set_admin(std::string_view user_id, bool admin, std::int64_t at) override;
  Result<bool> is_admin(std::string_view user_id) override;
  Result<std::vector<std::string>> admin_ids() override;

 private:
  Result<void> index_identities(const model::User& user);
  Connection& conn_;
};

}  // namespace latch::storage::sql
