#include "storage/migrations/v5_admins.hpp"

namespace latch::storage::migrations {

// Operators: users who administer this Latch. Their own sign-in may ask for the management API
// (scope all); the console signs them in.
extern const std::string_view kV5Admins = R"sql(
CREATE TABLE admins (
  user_id TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL
);
)sql";

}  // namespace latch::storage::migrations
