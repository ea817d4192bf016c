#include "storage/migrations/v25_password_algorithm.hpp"

namespace latch::storage::migrations {

// How each user's password hash was made, as Logto names it (its users.password_encryption_method):
// digests brought from elsewhere (POST /api/users with passwordDigest, importers) wait in the
// form they came in until their user's next sign-in replaces them with Latch's Argon2id. Every
// hash stored before this migration is Latch's own, hence the default.
extern const std::string_view kV25PasswordAlgorithm = R"sql(
ALTER TABLE users ADD COLUMN password_algorithm TEXT NOT NULL DEFAULT 'Argon2id';
)sql";

}  // namespace latch::storage::migrations
