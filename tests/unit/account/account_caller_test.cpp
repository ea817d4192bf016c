// Which verification records prove a user's identity to the Account API (Logto's
// isUserPermissionVerificationRecord), and until when.
#include "account/account_caller.hpp"

#include <gtest/gtest.h>

#include "account/verification_data.hpp"

namespace latch::account {
namespace {

storage::VerificationRecord record(RecordType type, std::string templ = "") {
  storage::VerificationRecord r{.id = "r1",
                                .user_id = "u1",
                                .type = std::string(record_type_name(type)),
                                .verified = true,
                                .created_at = 100,
                                .expires_at = 700};
  if (!templ.empty()) r.data_json = write_code_data({"hash", templ});
  return r;
}

TEST(ProvesIdentityTest, AVerifiedPasswordProvesItsUserUntilItExpires) {
  auto r = record(RecordType::Password);
  EXPECT_TRUE(proves_identity(r, "u1", 699));
  EXPECT_FALSE(proves_identity(r, "u1", 700));
}

TEST(ProvesIdentityTest, ARecordProvesNoOtherUser) {
  EXPECT_FALSE(proves_identity(record(RecordType::Password), "u2", 200));
}

TEST(ProvesIdentityTest, AnUnverifiedRecordProvesNothing) {
  auto r = record(RecordType::Password);
  r.verified = false;
  EXPECT_FALSE(proves_identity(r, "u1", 200));
}

TEST(ProvesIdentityTest, ACodeProvesTheUserOnlyWhenItWentToTheirOwnAddress) {
  EXPECT_TRUE(
      proves_identity(record(RecordType::EmailCode, std::string(kPermissionTemplate)), "u1", 200));
  EXPECT_FALSE(proves_identity(record(RecordType::EmailCode, std::string(kNewIdentifierTemplate)),
                               "u1", 200));
  EXPECT_TRUE(
      proves_identity(record(RecordType::PhoneCode, std::string(kPermissionTemplate)), "u1", 200));
}

TEST(ProvesIdentityTest, SocialAndPasskeyRecordsDoNotProveTheUser) {
  EXPECT_FALSE(proves_identity(record(RecordType::Social), "u1", 200));
  EXPECT_FALSE(proves_identity(record(RecordType::WebAuthn), "u1", 200));
}

}  // namespace
}  // namespace latch::account
