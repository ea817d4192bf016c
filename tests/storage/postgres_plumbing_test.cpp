#include <gtest/gtest.h>

#include "storage/postgres/connection.hpp"
#include "storage/postgres/errors.hpp"

// The PostgreSQL plumbing that needs no server: placeholder rewriting and error mapping.
namespace latch::storage::postgres {
namespace {

TEST(PostgresPlaceholdersTest, NumbersBareQuestionMarksInOrder) {
  EXPECT_EQ(to_dollar_placeholders("INSERT INTO t (a, b) VALUES (?, ?)"),
            "INSERT INTO t (a, b) VALUES ($1, $2)");
}

TEST(PostgresPlaceholdersTest, KeepsTheNumberOfNumberedOnes) {
  EXPECT_EQ(to_dollar_placeholders("WHERE a LIKE ?1 OR b LIKE ?1 LIMIT ?2 OFFSET ?3"),
            "WHERE a LIKE $1 OR b LIKE $1 LIMIT $2 OFFSET $3");
}

TEST(PostgresPlaceholdersTest, LeavesQuestionMarksInsideQuotedLiteralsAlone) {
  EXPECT_EQ(to_dollar_placeholders("SELECT '?' || ?, 'it''s ?' WHERE x = ?"),
            "SELECT '?' || $1, 'it''s ?' WHERE x = $2");
}

TEST(PostgresErrorsTest, UniqueViolationIsConflictNamedByConstraint) {
  Error e = to_error("23505", "users_email_lower_key",
                     "Key (email_lower)=(a@example.com) already exists.", "duplicate key");
  EXPECT_EQ(e.code, Errc::Conflict);
  EXPECT_EQ(e.key, "user.email_already_in_use");
  EXPECT_EQ(e.description, "email is already in use");
}

TEST(PostgresErrorsTest, UniqueViolationOfAPrimaryKeyNamesItsColumn) {
  Error e = conflict_error("applications_pkey", "Key (id)=(app1) already exists.", "debug");
  EXPECT_EQ(e.code, Errc::Conflict);
  EXPECT_TRUE(e.key.empty());
  EXPECT_EQ(e.description, "id is already in use");
}

TEST(PostgresErrorsTest, ForeignKeyViolationIsNotFound) {
  EXPECT_EQ(to_error("23503", "grants_user_id_fkey", "", "fk").code, Errc::NotFound);
}

TEST(PostgresErrorsTest, SerializationFailureAndDeadlockAreRetryableAndUnavailable) {
  for (const char* state : {"40001", "40P01"}) {
    EXPECT_TRUE(is_retryable(state)) << state;
    EXPECT_EQ(to_error(state, "", "", "x").code, Errc::Unavailable) << state;
  }
  EXPECT_FALSE(is_retryable("23505"));
}

TEST(PostgresErrorsTest, WriteInAReadOnlyTransactionIsInternal) {
  Error e = to_error("25006", "", "", "cannot execute INSERT in a read-only transaction");
  EXPECT_EQ(e.code, Errc::Internal);
  EXPECT_EQ(e.description, "write attempted in a read-only transaction");
}

}  // namespace
}  // namespace latch::storage::postgres
