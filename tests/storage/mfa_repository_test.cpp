#include <gtest/gtest.h>

#include "storage/samples.hpp"
#include "storage/storage_fixture.hpp"

namespace latch::storage::test {
namespace {

using model::MfaFactor;
using model::MfaVerification;

MfaVerification totp(const std::string& id, const std::string& user_id, std::int64_t at = 1000) {
  MfaVerification v;
  v.id = id;
  v.user_id = user_id;
  v.type = MfaFactor::Totp;
  v.created_at = at;
  v.totp_secret = "sealed-" + id;
  return v;
}

MfaVerification webauthn(const std::string& id, const std::string& user_id,
                         const std::string& credential_id, std::int64_t at = 1000) {
  MfaVerification v;
  v.id = id;
  v.user_id = user_id;
  v.type = MfaFactor::WebAuthn;
  v.created_at = at;
  v.credential_id = credential_id;
  v.public_key = "pk-" + id;
  v.algorithm = -7;
  v.counter = 5;
  v.transports = {"internal", "hybrid"};
  v.rp_id = "id.example.com";
  v.agent = "Chromium";
  v.name = "Laptop";
  return v;
}

MfaVerification backup(const std::string& id, const std::string& user_id, std::int64_t at = 1000) {
  MfaVerification v;
  v.id = id;
  v.user_id = user_id;
  v.type = MfaFactor::BackupCode;
  v.created_at = at;
  return v;
}

class MfaRepositoryTest : public StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    if (IsSkipped()) return;
    for (const char* id : {"alice", "bob"}) {
      ASSERT_OK(in_write([&](Tx& tx) { return tx.users().insert(sample_user(id)); }));
    }
  }
  std::vector<MfaVerification> list(const std::string& user_id) {
    auto all = in_read([&](Tx& tx) { return tx.mfa().list(user_id); });
    EXPECT_OK(all);
    return all ? *all : std::vector<MfaVerification>{};
  }
  bool use_code(const std::string& user_id, const std::string& hash) {
    auto used = in_write([&](Tx& tx) { return tx.mfa().use_backup_code(user_id, hash, 2000); });
    EXPECT_OK(used);
    return used && *used;
  }
};

TEST_P(MfaRepositoryTest, StoresEachTypeAndListsThemInOrder) {
  ASSERT_OK(in_write([](Tx& tx) { return tx.mfa().insert_totp(totp("t1", "alice", 1000)); }));
  ASSERT_OK(in_write(
      [](Tx& tx) { return tx.mfa().insert_webauthn(webauthn("w1", "alice", "cred-1", 2000)); }));
  ASSERT_OK(in_write([](Tx& tx) {
    return tx.mfa().replace_backup_codes(backup("b1", "alice", 3000), {"h1", "h2", "h3"});
  }));
  auto all = list("alice");
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].type, MfaFactor::Totp);
  EXPECT_EQ(all[0].totp_secret, "sealed-t1");
  EXPECT_EQ(all[0].last_used_step, -1);
  EXPECT_EQ(all[1].type, MfaFactor::WebAuthn);
  EXPECT_EQ(all[1].credential_id, "cred-1");
  EXPECT_EQ(all[1].public_key, "pk-w1");
  EXPECT_EQ(all[1].algorithm, -7);
  EXPECT_EQ(all[1].counter, 5);
  EXPECT_EQ(all[1].transports, (std::vector<std::string>{"internal", "hybrid"}));
  EXPECT_EQ(all[1].name, "Laptop");
  EXPECT_EQ(all[2].type, MfaFactor::BackupCode);
  EXPECT_EQ(all[2].codes_total, 3);
  EXPECT_EQ(all[2].codes_left, 3);
  EXPECT_TRUE(list("bob").empty());
  auto by_credential = in_read([](Tx& tx) { return tx.mfa().find_by_credential_id("cred-1"); });
  ASSERT_OK(by_credential);
  ASSERT_TRUE(by_credential->has_value());
  EXPECT_EQ((*by_credential)->user_id, "alice");
}

TEST_P(MfaRepositoryTest, AUserHasOneTotpAndACredentialHasOneOwner) {
  ASSERT_OK(in_write([](Tx& tx) { return tx.mfa().insert_totp(totp("t1", "alice")); }));
  auto second = in_write([](Tx& tx) { return tx.mfa().insert_totp(totp("t2", "alice")); });
  ASSERT_EQ(errc_of(second), Errc::Conflict);
  EXPECT_EQ(second.error().key, "user.totp_already_in_use");
  ASSERT_OK(in_write([](Tx& tx) { return tx.mfa().insert_totp(totp("t3", "bob")); }));
  ASSERT_OK(
      in_write([](Tx& tx) { return tx.mfa().insert_webauthn(webauthn("w1", "alice", "cred")); }));
  auto stolen =
      in_write([](Tx& tx) { return tx.mfa().insert_webauthn(webauthn("w2", "bob", "cred")); });
  ASSERT_EQ(errc_of(stolen), Errc::Conflict);
  EXPECT_EQ(stolen.error().key, "entity.unique_integrity_violation");
  auto nobody = in_write([](Tx& tx) { return tx.mfa().insert_totp(totp("t4", "nobody")); });
  EXPECT_EQ(errc_of(nobody), Errc::NotFound);
}

TEST_P(MfaRepositoryTest, ATotpStepIsAcceptedOnce) {
  ASSERT_OK(in_write([](Tx& tx) { return tx.mfa().insert_totp(totp("t1", "alice")); }));
  auto use = [&](std::int64_t step) {
    auto used = in_write([&](Tx& tx) { return tx.mfa().use_totp_step("t1", step, 5000); });
    EXPECT_OK(used);
    return used && *used;
  };
  EXPECT_TRUE(use(100));
  EXPECT_FALSE(use(100));  // the same code again
  EXPECT_FALSE(use(99));   // an older step
  EXPECT_TRUE(use(101));
  auto found = in_read([](Tx& tx) { return tx.mfa().find("t1"); });
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->last_used_step, 101);
  EXPECT_EQ((*found)->last_used_at, 5000);
}

TEST_P(MfaRepositoryTest, AWebAuthnCounterMovesOnlyFromWhatWasRead) {
  ASSERT_OK(
      in_write([](Tx& tx) { return tx.mfa().insert_webauthn(webauthn("w1", "alice", "cred")); }));
  auto moved = in_write([](Tx& tx) { return tx.mfa().use_webauthn("w1", 5, 6, 7000); });
  ASSERT_OK(moved);
  EXPECT_TRUE(*moved);
  auto stale = in_write([](Tx& tx) { return tx.mfa().use_webauthn("w1", 5, 7, 7001); });
  ASSERT_OK(stale);
  EXPECT_FALSE(*stale);
  EXPECT_EQ(list("alice")[0].counter, 6);
  EXPECT_EQ(list("alice")[0].last_used_at, 7000);
  ASSERT_OK(in_write([](Tx& tx) { return tx.mfa().rename_webauthn("w1", "Phone"); }));
  EXPECT_EQ(list("alice")[0].name, "Phone");
  auto not_webauthn = in_write([](Tx& tx) { return tx.mfa().rename_webauthn("nope", "x"); });
  EXPECT_EQ(errc_of(not_webauthn), Errc::NotFound);
}

TEST_P(MfaRepositoryTest, ABackupCodeIsUsedOnceAndOnlyByItsOwner) {
  ASSERT_OK(in_write([](Tx& tx) {
    return tx.mfa().replace_backup_codes(backup("b1", "alice"), {"h1", "h2"});
  }));
  EXPECT_FALSE(use_code("bob", "h1"));
  EXPECT_TRUE(use_code("alice", "h1"));
  EXPECT_FALSE(use_code("alice", "h1"));
  EXPECT_FALSE(use_code("alice", "unknown"));
  auto all = list("alice");
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].codes_total, 2);
  EXPECT_EQ(all[0].codes_left, 1);
  EXPECT_EQ(all[0].last_used_at, 2000);
  // A new set replaces the old one whole: its codes are gone.
  ASSERT_OK(in_write(
      [](Tx& tx) { return tx.mfa().replace_backup_codes(backup("b2", "alice", 3000), {"h3"}); }));
  all = list("alice");
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].id, "b2");
  EXPECT_FALSE(use_code("alice", "h2"));
  EXPECT_TRUE(use_code("alice", "h3"));
}

TEST_P(MfaRepositoryTest, RemovingTheLastRealFactorTakesTheBackupCodesWithIt) {
  ASSERT_OK(in_write([](Tx& tx) { return tx.mfa().insert_totp(totp("t1", "alice")); }));
  ASSERT_OK(in_write(
      [](Tx& tx) { return tx.mfa().insert_webauthn(webauthn("w1", "alice", "cred", 1001)); }));
  ASSERT_OK(in_write(
      [](Tx& tx) { return tx.mfa().replace_backup_codes(backup("b1", "alice", 1002), {"h"}); }));
  ASSERT_OK(in_write([](Tx& tx) { return tx.mfa().remove("t1"); }));
  EXPECT_EQ(list("alice").size(), 2u);
  ASSERT_OK(in_write([](Tx& tx) { return tx.mfa().remove("w1"); }));
  EXPECT_TRUE(list("alice").empty());
  auto gone = in_write([](Tx& tx) { return tx.mfa().remove("w1"); });
  EXPECT_EQ(errc_of(gone), Errc::NotFound);
}

TEST_P(MfaRepositoryTest, TrustedDevicesExpireAndGoWithAReset) {
  auto device = [](const std::string& id, const std::string& hash, std::int64_t expires) {
    return model::TrustedDevice{id, "alice", hash, "Firefox", 1000, expires};
  };
  ASSERT_OK(in_write(
      [&](Tx& tx) { return tx.mfa().insert_trusted_device(device("d1", "hash-1", 5000)); }));
  ASSERT_OK(in_write(
      [&](Tx& tx) { return tx.mfa().insert_trusted_device(device("d2", "hash-2", 9000)); }));
  auto find = [&](const std::string& user, const std::string& hash, std::int64_t now) {
    auto found = in_read([&](Tx& tx) { return tx.mfa().find_trusted_device(user, hash, now); });
    EXPECT_OK(found);
    return found && found->has_value();
  };
  EXPECT_TRUE(find("alice", "hash-1", 4999));
  EXPECT_FALSE(find("alice", "hash-1", 5000));  // expired
  EXPECT_FALSE(find("bob", "hash-2", 10));      // another user's token
  auto live = in_read([](Tx& tx) { return tx.mfa().trusted_devices("alice", 6000); });
  ASSERT_OK(live);
  ASSERT_EQ(live->size(), 1u);
  EXPECT_EQ((*live)[0].id, "d2");
  EXPECT_EQ((*live)[0].agent, "Firefox");
  auto wrong_owner = in_write([](Tx& tx) { return tx.mfa().remove_trusted_device("bob", "d2"); });
  EXPECT_EQ(errc_of(wrong_owner), Errc::NotFound);
  ASSERT_OK(in_write([](Tx& tx) { return tx.mfa().insert_totp(totp("t1", "alice")); }));
  auto removed = in_write([](Tx& tx) { return tx.mfa().remove_all("alice"); });
  ASSERT_OK(removed);
  EXPECT_EQ(*removed, 1);
  EXPECT_FALSE(find("alice", "hash-2", 10));
  EXPECT_TRUE(list("alice").empty());
}

TEST_P(MfaRepositoryTest, DeletingTheUserDeletesItsFactors) {
  ASSERT_OK(in_write([](Tx& tx) { return tx.mfa().insert_totp(totp("t1", "alice")); }));
  ASSERT_OK(
      in_write([](Tx& tx) { return tx.mfa().replace_backup_codes(backup("b1", "alice"), {"h"}); }));
  ASSERT_OK(in_write([](Tx& tx) {
    return tx.mfa().insert_trusted_device({"d1", "alice", "hash", "", 1, 99999});
  }));
  ASSERT_OK(in_write([](Tx& tx) { return tx.users().remove("alice"); }));
  auto found = in_read([](Tx& tx) { return tx.mfa().find("t1"); });
  ASSERT_OK(found);
  EXPECT_FALSE(found->has_value());
  EXPECT_FALSE(use_code("alice", "h"));
}

TEST_P(MfaRepositoryTest, ASkipIsRememberedPerUserAndGoesWithTheUser) {
  auto skipped = [&](const std::string& user) {
    auto found = in_read([&](Tx& tx) { return tx.mfa().mfa_skipped(user); });
    EXPECT_OK(found);
    return found && *found;
  };
  EXPECT_FALSE(skipped("alice"));
  ASSERT_OK(in_write([](Tx& tx) { return tx.mfa().set_mfa_skipped("alice", 1000); }));
  ASSERT_OK(in_write([](Tx& tx) { return tx.mfa().set_mfa_skipped("alice", 2000); }));  // again
  EXPECT_TRUE(skipped("alice"));
  EXPECT_FALSE(skipped("bob"));
  auto nobody = in_write([](Tx& tx) { return tx.mfa().set_mfa_skipped("nobody", 1000); });
  EXPECT_EQ(errc_of(nobody), Errc::NotFound);
  ASSERT_OK(in_write([](Tx& tx) { return tx.users().remove("alice"); }));
  EXPECT_FALSE(skipped("alice"));
}

LATCH_STORAGE_SUITE(MfaRepositoryTest);

}  // namespace
}  // namespace latch::storage::test
