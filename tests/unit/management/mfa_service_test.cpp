// MfaService over a real (SQLite) store: TOTP enrolment and replay, backup codes, WebAuthn
// registration and assertion with a software authenticator, removal and trusted devices.
#include "management/mfa_service.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <set>

#include "crypto/encoding.hpp"
#include "crypto/totp.hpp"
#include "support/fake_clock.hpp"
#include "support/temp_dir.hpp"
#include "support/test_store.hpp"
#include "unit/crypto/webauthn_test_support.hpp"

namespace latch::management {
namespace {

namespace json = boost::json;
namespace wa = crypto::webauthn::test_support;
using model::MfaFactor;

// The 6-digit code of `secret` at `unix_seconds`.
std::string code_at(const std::string& secret, std::int64_t unix_seconds) {
  auto key = crypto::base32_decode(secret);
  return crypto::hotp(*key, static_cast<std::uint64_t>(unix_seconds / crypto::kTotpPeriod));
}

class MfaServiceTest : public ::testing::Test {
 protected:
  MfaServiceTest()
      : store_(test::open_test_store(dir_.path())),
        secrets_(std::string(32, 'k')),
        mfa_(secrets_, std::string(32, 'm'), clock_) {
    for (const char* id : {"alice", "bob"}) {
      model::User u{.id = id, .username = std::string(id)};
      EXPECT_TRUE(store_->transact([&](storage::Tx& tx) { return tx.users().insert(u); }));
    }
  }
  template <class F>
  auto in_tx(F&& fn) -> decltype(fn(std::declval<storage::Tx&>())) {
    std::optional<decltype(fn(std::declval<storage::Tx&>()))> out;
    auto done = store_->transact([&](storage::Tx& tx) -> Result<void> {
      out.emplace(fn(tx));
      return ok();
    });
    EXPECT_TRUE(done);
    return std::move(*out);
  }
  std::int64_t now() const { return clock_.now_seconds(); }
  std::string add_totp(const std::string& user) {
    std::string secret = crypto::generate_totp_secret();
    auto added = in_tx([&](storage::Tx& tx) { return mfa_.add_totp(tx, user, secret); });
    EXPECT_TRUE(added) << added.error().description;
    return secret;
  }
  // The user's factor of `type` (factors made in the same millisecond list in any order).
  model::MfaVerification factor(const std::string& user, MfaFactor type) {
    for (auto& f : factors(user)) {
      if (f.type == type) return f;
    }
    ADD_FAILURE() << "no factor of that type";
    return {};
  }
  std::vector<model::MfaVerification> factors(const std::string& user) {
    auto all = in_tx([&](storage::Tx& tx) { return mfa_.factors(tx, user); });
    return all ? *all : std::vector<model::MfaVerification>{};
  }

  test::TempDir dir_;
  test::FakeClock clock_;
  std::unique_ptr<storage::Store> store_;
  crypto::SecretBox secrets_;
  MfaService mfa_;
  RelyingParty rp_{std::string(wa::kRpId), "Latch", std::string(wa::kOrigin)};
};

TEST_F(MfaServiceTest, ATotpOfferIsAQrCodeOfAnOtpauthUri) {
  auto offer = mfa_.offer_totp("Latch", "alice@example.com");
  ASSERT_TRUE(offer) << offer.error().description;
  EXPECT_EQ(offer->secret.size(), 32u);
  EXPECT_TRUE(
      offer->uri.starts_with("otpauth://totp/Latch:alice%40example.com?secret=" + offer->secret))
      << offer->uri;
  EXPECT_TRUE(offer->qr_svg.starts_with("<svg")) << offer->qr_svg.substr(0, 40);
  auto step = mfa_.check_code(offer->secret, code_at(offer->secret, now()));
  ASSERT_TRUE(step.has_value());
  EXPECT_EQ(*step, now() / 30);
  EXPECT_FALSE(mfa_.check_code(offer->secret, code_at(offer->secret, now() - 90)));
}

TEST_F(MfaServiceTest, ATotpCodeIsAcceptedOnceAndTheConfirmingCodeNotAgain) {
  std::string secret = crypto::generate_totp_secret();
  std::string confirming = code_at(secret, now());
  auto added = in_tx([&](storage::Tx& tx) {
    return mfa_.add_totp(tx, "alice", secret, mfa_.check_code(secret, confirming));
  });
  ASSERT_TRUE(added) << added.error().description;
  EXPECT_TRUE(added->totp_secret.empty()) << "the sealed secret does not leave the service";
  auto verify = [&](const std::string& code) {
    return in_tx([&](storage::Tx& tx) { return mfa_.verify_totp(tx, "alice", code); });
  };
  auto replay = verify(confirming);
  ASSERT_FALSE(replay);
  EXPECT_EQ(replay.error().key, "session.mfa.invalid_totp_code");
  clock_.advance(std::chrono::seconds(30));
  std::string next = code_at(secret, now());
  EXPECT_TRUE(verify(next));
  EXPECT_FALSE(verify(next)) << "the same code twice";
  EXPECT_FALSE(verify("000000x"));
  auto none = in_tx([&](storage::Tx& tx) { return mfa_.verify_totp(tx, "bob", next); });
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().key, "session.mfa.mfa_factor_not_enabled");
  // The secret is stored sealed.
  auto stored = factors("alice");
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_TRUE(stored[0].totp_secret.starts_with("v1.")) << stored[0].totp_secret;
  EXPECT_EQ(stored[0].totp_secret.find(secret), std::string::npos);
}

TEST_F(MfaServiceTest, TotpSecretsFollowLogtosRuleAndAUserHasOne) {
  for (const char* bad : {"SHORT", "abcdefghabcdefgh", "ABCDEFGH1BCDEFGH", ""}) {
    auto refused = in_tx([&](storage::Tx& tx) { return mfa_.add_totp(tx, "alice", bad); });
    ASSERT_FALSE(refused) << bad;
    EXPECT_EQ(refused.error().key, "user.totp_secret_invalid") << bad;
  }
  add_totp("alice");
  auto second = in_tx(
      [&](storage::Tx& tx) { return mfa_.add_totp(tx, "alice", crypto::generate_totp_secret()); });
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().key, "user.totp_already_in_use");
}

TEST_F(MfaServiceTest, BackupCodesNeedAnotherFactorAndWorkOnce) {
  auto alone = in_tx([&](storage::Tx& tx) { return mfa_.replace_backup_codes(tx, "alice"); });
  ASSERT_FALSE(alone);
  EXPECT_EQ(alone.error().key, "session.mfa.backup_code_can_not_be_alone");
  add_totp("alice");
  auto codes = in_tx([&](storage::Tx& tx) { return mfa_.replace_backup_codes(tx, "alice"); });
  ASSERT_TRUE(codes) << codes.error().description;
  ASSERT_EQ(codes->size(), 10u);
  EXPECT_EQ(std::set<std::string>(codes->begin(), codes->end()).size(), 10u);
  for (const auto& c : *codes)
    EXPECT_EQ(c.find_first_not_of("0123456789abcdef"), std::string::npos);
  auto use = [&](const std::string& user, const std::string& code) {
    return in_tx([&](storage::Tx& tx) { return mfa_.use_backup_code(tx, user, code); });
  };
  // Typed in upper case with a dash: still the code.
  std::string first = (*codes)[0];
  std::string typed = first.substr(0, 5) + "-" + first.substr(5);
  for (auto& ch : typed) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  EXPECT_TRUE(use("alice", typed));
  auto again = use("alice", first);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().key, "session.mfa.invalid_backup_code");
  EXPECT_FALSE(use("bob", (*codes)[1])) << "another user's code";
  EXPECT_EQ(factors("alice").size(), 2u);
  EXPECT_EQ(factor("alice", MfaFactor::BackupCode).codes_left, 9);
  // Logto's Management API refuses a new set while codes are left; migration sets given codes.
  auto early = in_tx(
      [&](storage::Tx& tx) { return mfa_.replace_backup_codes(tx, "alice", std::nullopt, true); });
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().key, "user.backup_code_already_in_use");
  std::vector<std::string> given(10, "");
  for (int i = 0; i < 10; ++i) given[i] = "abcdef012" + std::to_string(i);
  auto imported =
      in_tx([&](storage::Tx& tx) { return mfa_.replace_backup_codes(tx, "alice", given); });
  ASSERT_TRUE(imported);
  EXPECT_TRUE(use("alice", "abcdef0123"));
  EXPECT_FALSE(use("alice", (*codes)[1])) << "the old set is gone";
  given[0] = "xyz";
  auto malformed =
      in_tx([&](storage::Tx& tx) { return mfa_.replace_backup_codes(tx, "alice", given); });
  ASSERT_FALSE(malformed);
  EXPECT_EQ(malformed.error().key, "user.wrong_backup_code_format");
}

TEST_F(MfaServiceTest, APasskeyRegistersAndSignsInWithItsCounterMovingForward) {
  const auto& key = wa::test_key(crypto::webauthn::kEs256);
  std::string challenge = crypto::webauthn::new_challenge();
  std::string client_data = wa::client_data_json("webauthn.create", challenge);
  std::string auth_data = wa::authenticator_data({.counter = 1, .cose_key = wa::cose_key(key)});
  json::object registration{{"id", crypto::base64url_encode(wa::kCredentialId)},
                            {"type", "public-key"},
                            {"response",
                             {{"clientDataJSON", crypto::base64url_encode(client_data)},
                              {"attestationObject", crypto::base64url_encode(wa::attestation_object(
                                                        "none", wa::empty_statement(), auth_data))},
                              {"transports", json::array{"internal"}}}}};
  auto added = in_tx([&](storage::Tx& tx) {
    return mfa_.add_webauthn(tx, "alice", registration, challenge, rp_, "Chromium", "Laptop");
  });
  ASSERT_TRUE(added) << added.error().description << " " << added.error().detail;
  EXPECT_EQ(added->credential_id, crypto::base64url_encode(wa::kCredentialId));
  EXPECT_EQ(added->transports, std::vector<std::string>{"internal"});

  auto assertion = [&](std::uint32_t counter, const std::string& challenge_used) {
    std::string data = wa::client_data_json("webauthn.get", challenge_used);
    std::string auth = wa::authenticator_data({.counter = counter});
    std::string signature = wa::sign(key, auth + crypto::sha256(data));
    return json::object{{"id", crypto::base64url_encode(wa::kCredentialId)},
                        {"type", "public-key"},
                        {"response",
                         {{"clientDataJSON", crypto::base64url_encode(data)},
                          {"authenticatorData", crypto::base64url_encode(auth)},
                          {"signature", crypto::base64url_encode(signature)}}}};
  };
  std::string login = crypto::webauthn::new_challenge();
  // Usernameless: no user given, the credential says who.
  auto who = in_tx([&](storage::Tx& tx) {
    return mfa_.verify_webauthn(tx, std::nullopt, assertion(2, login), login, rp_);
  });
  ASSERT_TRUE(who) << who.error().detail;
  EXPECT_EQ(who->user_id, "alice");
  EXPECT_EQ(who->counter, 2);
  // A replayed (or cloned) response: the counter did not move forward.
  auto cloned = in_tx([&](storage::Tx& tx) {
    return mfa_.verify_webauthn(tx, std::nullopt, assertion(2, login), login, rp_);
  });
  ASSERT_FALSE(cloned);
  EXPECT_EQ(cloned.error().key, "session.mfa.webauthn_verification_failed");
  // As bob's second factor: not bob's credential.
  auto not_bob = in_tx([&](storage::Tx& tx) {
    return mfa_.verify_webauthn(tx, std::string_view("bob"), assertion(3, login), login, rp_);
  });
  EXPECT_FALSE(not_bob);
  // Registering the same credential again is refused.
  auto twice = in_tx([&](storage::Tx& tx) {
    return mfa_.add_webauthn(tx, "bob", registration, challenge, rp_, "Chromium");
  });
  EXPECT_FALSE(twice);
  // The options name the user's credential, and exclude it from a new registration.
  model::User alice{.id = "alice", .username = std::string("alice")};
  auto stored = factors("alice");
  json::object create = mfa_.registration_options(rp_, alice, stored, "c");
  EXPECT_EQ(json::serialize(create.at("excludeCredentials")),
            R"([{"id":")" + added->credential_id +
                R"(","type":"public-key","transports":["internal"]}])");
  EXPECT_EQ(create.at("rp").at("id").as_string(), wa::kRpId);
  json::object get = mfa_.authentication_options(rp_, {}, "c");
  EXPECT_TRUE(get.at("allowCredentials").as_array().empty());
}

TEST_F(MfaServiceTest, MalformedWebAuthnResponsesAreRefusedCleanly) {
  for (const char* body : {R"({})", R"({"id":"x"})", R"({"id":"x","response":"no"})",
                           R"({"id":"x","response":{"clientDataJSON":1}})",
                           R"({"id":"x","response":{"clientDataJSON":"!!","authenticatorData":"",
                               "signature":"","attestationObject":"@@"}})"}) {
    json::object response = json::parse(body).as_object();
    auto reg = in_tx([&](storage::Tx& tx) {
      return mfa_.add_webauthn(tx, "alice", response, "c", rp_, "agent");
    });
    ASSERT_FALSE(reg) << body;
    EXPECT_EQ(reg.error().key, "session.mfa.webauthn_verification_failed") << body;
    auto auth = in_tx([&](storage::Tx& tx) {
      return mfa_.verify_webauthn(tx, std::nullopt, response, "c", rp_);
    });
    ASSERT_FALSE(auth) << body;
    EXPECT_EQ(auth.error().key, "session.mfa.webauthn_verification_failed") << body;
  }
}

TEST_F(MfaServiceTest, RemovingFactorsAndTrustedDevices) {
  add_totp("alice");
  ASSERT_TRUE(in_tx([&](storage::Tx& tx) { return mfa_.replace_backup_codes(tx, "alice"); }));
  std::string totp_id = factor("alice", MfaFactor::Totp).id;
  auto not_hers = in_tx([&](storage::Tx& tx) { return mfa_.remove(tx, "bob", totp_id); });
  ASSERT_FALSE(not_hers);
  EXPECT_EQ(not_hers.error().key, "entity.not_found");
  auto token =
      in_tx([&](storage::Tx& tx) { return mfa_.trust_device(tx, "alice", "Firefox", 30); });
  ASSERT_TRUE(token);
  auto trusted = [&](const std::string& user, const std::string& t) {
    auto r = in_tx([&](storage::Tx& tx) { return mfa_.is_trusted(tx, user, t); });
    return r && *r;
  };
  EXPECT_TRUE(trusted("alice", *token));
  EXPECT_FALSE(trusted("bob", *token));
  EXPECT_FALSE(trusted("alice", *token + "x"));
  clock_.advance(std::chrono::hours(24 * 30 + 1));
  EXPECT_FALSE(trusted("alice", *token)) << "expired";
  // Removing the TOTP takes the backup codes with it.
  ASSERT_TRUE(in_tx([&](storage::Tx& tx) { return mfa_.remove(tx, "alice", totp_id); }));
  EXPECT_TRUE(factors("alice").empty());
  add_totp("alice");
  token = in_tx([&](storage::Tx& tx) { return mfa_.trust_device(tx, "alice", "Firefox", 30); });
  auto reset = in_tx([&](storage::Tx& tx) { return mfa_.remove_all(tx, "alice"); });
  ASSERT_TRUE(reset);
  EXPECT_EQ(*reset, 1);
  EXPECT_FALSE(trusted("alice", *token));
}

TEST_F(MfaServiceTest, FactorsAreListedInLogtosShape) {
  add_totp("alice");
  clock_.advance(std::chrono::seconds(1));
  ASSERT_TRUE(in_tx([&](storage::Tx& tx) { return mfa_.replace_backup_codes(tx, "alice"); }));
  json::array listed = mfa_verifications_json(factors("alice"));
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].at("type").as_string(), "Totp");
  EXPECT_EQ(listed[0].at("createdAt").as_string(), "2023-11-14T22:13:20.000Z");
  EXPECT_FALSE(listed[0].as_object().contains("remainCodes"));
  EXPECT_EQ(listed[1].at("type").as_string(), "BackupCode");
  EXPECT_EQ(listed[1].at("remainCodes").as_int64(), 10);
}

}  // namespace
}  // namespace latch::management
