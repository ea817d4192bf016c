// The experience's kinds as enums (issue #15, item 1): each name table reads both ways, refuses
// what it does not know, and the interaction state stored before the enums loads and writes back
// with the very same strings.
#include "experience/flow/flow_types.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <string>

#include "experience/config/sign_in_experience.hpp"
#include "experience/flow/flow_state.hpp"

namespace latch::experience {
namespace {

namespace json = boost::json;

const crypto::SecretBox kBox(std::string(32, 'k'));

TEST(FlowTypesTest, EveryInteractionEventRoundTrips) {
  for (auto e :
       {InteractionEvent::SignIn, InteractionEvent::Register, InteractionEvent::ForgotPassword}) {
    EXPECT_EQ(parse_interaction_event(interaction_event_name(e)), e);
  }
  EXPECT_EQ(interaction_event_name(InteractionEvent::ForgotPassword), "ForgotPassword");
}

TEST(FlowTypesTest, EveryVerificationTypeRoundTrips) {
  for (auto t :
       {VerificationType::Password, VerificationType::VerificationCode, VerificationType::Social,
        VerificationType::NewPasswordIdentity, VerificationType::Totp, VerificationType::BackupCode,
        VerificationType::WebAuthn, VerificationType::MfaEmailVerificationCode,
        VerificationType::MfaPhoneVerificationCode, VerificationType::SignInPasskey}) {
    EXPECT_EQ(parse_verification_type(verification_type_name(t)), t);
  }
  EXPECT_EQ(verification_type_name(VerificationType::NewPasswordIdentity), "NewPasswordIdentity");
  EXPECT_EQ(verification_type_name(VerificationType::Totp), "Totp");  // Logto's spelling
}

TEST(FlowTypesTest, EveryIdentifierTypeAndProfileFieldRoundTrips) {
  for (auto t : {IdentifierType::Username, IdentifierType::Email, IdentifierType::Phone}) {
    EXPECT_EQ(parse_identifier_type(identifier_type_name(t)), t);
    EXPECT_EQ(as_identifier_type(profile_field_of(t)), t);
    EXPECT_EQ(profile_field_name(profile_field_of(t)), identifier_type_name(t));
  }
  EXPECT_EQ(parse_profile_field("password"), ProfileField::Password);
  EXPECT_EQ(as_identifier_type(ProfileField::Password), std::nullopt);
  for (auto m : {SignInMode::SignIn, SignInMode::Register, SignInMode::SignInAndRegister}) {
    EXPECT_EQ(parse_sign_in_mode(sign_in_mode_name(m)), m);
  }
}

TEST(FlowTypesTest, UnknownNamesAreRefused) {
  for (const char* text : {"", "signin", "SIGNIN", "Login", " SignIn"}) {
    EXPECT_EQ(parse_interaction_event(text), std::nullopt) << text;
  }
  for (const char* text : {"", "password", "TOTP", "Webauthn", "Passkey"}) {
    EXPECT_EQ(parse_verification_type(text), std::nullopt) << text;
  }
  for (const char* text : {"", "Email", "mobile", "password"}) {
    EXPECT_EQ(parse_identifier_type(text), std::nullopt) << text;
  }
  EXPECT_EQ(parse_profile_field("social"), std::nullopt);
  EXPECT_EQ(parse_sign_in_mode("signIn"), std::nullopt);
}

// An interaction's state as Latch stored it before the enums (same member names and strings).
constexpr const char* kStoredBefore = R"({"returnTo":"/x","experience":{
  "event":"Register","userId":"","username":"","email":"a@example.test","phone":"",
  "passwordHash":"","name":"","avatar":"","socialVerification":"","passwordReset":false,
  "verifications":[
    {"id":"v1","type":"VerificationCode","identifierType":"email","identifier":"a@example.test",
     "codeId":"c1","verified":true,"userId":"","passwordHash":""},
    {"id":"v2","type":"NewPasswordIdentity","identifierType":"username","identifier":"alice",
     "codeId":"","verified":true,"userId":"","passwordHash":"$argon2id$x"},
    {"id":"v3","type":"Social","identifierType":"","identifier":"","codeId":"","verified":false,
     "userId":"","passwordHash":"","connectorId":"gh","target":"github","state":"s",
     "redirectUri":"https://latch.example/callback/gh","nonce":"","codeVerifier":"",
     "socialUser":""},
    {"id":"v4","type":"Password","identifierType":"phone","identifier":"+15550100",
     "codeId":"","verified":true,"userId":"u1","passwordHash":""}]}})";

TEST(FlowStateTest, StateStoredBeforeTheEnumsLoads) {
  FlowState s = read_flow_state(kStoredBefore, kBox);
  EXPECT_EQ(s.event, InteractionEvent::Register);
  ASSERT_EQ(s.verifications.size(), 4u);
  EXPECT_EQ(s.verifications[0].type, VerificationType::VerificationCode);
  EXPECT_EQ(s.verifications[0].identifier_type, IdentifierType::Email);
  EXPECT_EQ(s.verifications[1].type, VerificationType::NewPasswordIdentity);
  EXPECT_EQ(s.verifications[1].identifier_type, IdentifierType::Username);
  EXPECT_EQ(s.verifications[2].type, VerificationType::Social);
  EXPECT_EQ(s.verifications[2].identifier_type, std::nullopt);
  EXPECT_EQ(s.verifications[2].connector_id, "gh");
  EXPECT_EQ(s.verifications[3].type, VerificationType::Password);
  EXPECT_EQ(s.verifications[3].identifier_type, IdentifierType::Phone);
  EXPECT_EQ(s.verifications[3].user_id, "u1");
}

TEST(FlowStateTest, StateWrittenBackKeepsTheSameStrings) {
  std::string written = write_flow_state(kStoredBefore, read_flow_state(kStoredBefore, kBox), kBox);
  EXPECT_EQ(json::parse(written), json::parse(kStoredBefore));
}

TEST(FlowStateTest, AFlowNotStartedHasNoEventAndWritesAnEmptyOne) {
  FlowState s = read_flow_state(R"({"experience":{"event":""}})", kBox);
  EXPECT_EQ(s.event, std::nullopt);
  auto written = json::parse(write_flow_state("{}", s, kBox)).as_object();
  EXPECT_EQ(written.at("experience").as_object().at("event").as_string(), "");
  EXPECT_EQ(read_flow_state("{}", kBox).event, std::nullopt);
}

TEST(FlowStateTest, UnknownEventsAndRecordsAreLeftOut) {
  FlowState s = read_flow_state(R"({"experience":{"event":"Login","verifications":[
    {"id":"a","type":"Fax","identifierType":"email","verified":true},
    {"id":"b","type":"Password","identifierType":"fax","verified":true},
    {"id":"c","type":"Password","identifierType":"email","verified":true}]}})",
                                kBox);
  EXPECT_EQ(s.event, std::nullopt);
  ASSERT_EQ(s.verifications.size(), 1u);
  EXPECT_EQ(s.verifications[0].id, "c");
}

TEST(SignInExperienceTypesTest, SettingsSpellIdentifiersAndModeAsLogtoDoes) {
  json::object patch{
      {"signUp", {{"identifiers", {"email"}}, {"password", false}, {"verify", true}}},
      {"signIn",
       {{"methods", json::array{{{"identifier", "email"},
                                 {"password", false},
                                 {"verificationCode", true},
                                 {"isPasswordPrimary", false}}}}}},
      {"signInMode", "Register"}};
  auto config = apply_patch(SignInExperience{}, patch);
  ASSERT_TRUE(config) << config.error().description;
  EXPECT_EQ(config->sign_up.identifiers, std::vector<IdentifierType>{IdentifierType::Email});
  EXPECT_EQ(config->sign_in_mode, SignInMode::Register);
  EXPECT_TRUE(config->requires_identifier(IdentifierType::Email));
  ASSERT_NE(config->method(IdentifierType::Email), nullptr);
  auto doc = to_json(*config);
  EXPECT_EQ(json::serialize(doc.at("signUp").at("identifiers")), R"(["email"])");
  EXPECT_EQ(doc.at("signInMode").as_string(), "Register");
  EXPECT_EQ(doc.at("signIn").at("methods").at(0).at("identifier").as_string(), "email");
}

TEST(SignInExperienceTypesTest, UnknownIdentifiersAndModesAreRefusedNamingTheField) {
  struct Case {
    json::object patch;
    std::string field;
  };
  for (const auto& c : {
           Case{{{"signUp", {{"identifiers", {"fax"}}}}}, "signUp.identifiers"},
           Case{{{"signUp", {{"identifiers", {"username", "username"}}}}}, "signUp.identifiers"},
           Case{{{"signIn", {{"methods", json::array{{{"password", true}}}}}}},
                "signIn.methods.identifier"},
           Case{{{"signInMode", "Both"}}, "signInMode"},
       }) {
    auto config = apply_patch(SignInExperience{}, c.patch);
    ASSERT_FALSE(config) << json::serialize(c.patch);
    EXPECT_EQ(config.error().field, c.field) << json::serialize(c.patch);
    EXPECT_TRUE(config.error().description.starts_with(c.field + ": "));
  }
}

TEST(SignInExperienceTypesTest, MfaSettingsReadAndWriteInLogtosShape) {
  json::object patch{{"mfa",
                      {{"factors", {"Totp", "WebAuthn", "BackupCode"}},
                       {"policy", "Mandatory"},
                       {"organizationRequiredMfaPolicy", "Mandatory"}}},
                     {"trustedDevice", {{"enabled", true}, {"durationDays", 14}}},
                     {"passkeySignIn", {{"enabled", true}, {"allowAutofill", true}}}};
  auto config = apply_patch(SignInExperience{}, patch);
  ASSERT_TRUE(config) << config.error().description;
  EXPECT_TRUE(config->mfa.mandatory());
  EXPECT_TRUE(config->mfa.enabled(model::MfaFactor::WebAuthn));
  EXPECT_FALSE(config->mfa.enabled(model::MfaFactor::EmailVerificationCode));
  EXPECT_TRUE(config->mfa.organization_mandatory);
  EXPECT_TRUE(config->mfa.trusted_device);
  EXPECT_EQ(config->mfa.trusted_device_days, 14);
  EXPECT_TRUE(config->passkey_sign_in.enabled);
  EXPECT_TRUE(config->passkey_sign_in.show_passkey_button);
  auto doc = to_json(*config);
  EXPECT_EQ(json::serialize(doc.at("mfa")),
            R"({"factors":["Totp","WebAuthn","BackupCode"],"policy":"Mandatory",)"
            R"("organizationRequiredMfaPolicy":"Mandatory"})");
  EXPECT_EQ(json::serialize(doc.at("trustedDevice")), R"({"enabled":true,"durationDays":14})");
  EXPECT_EQ(doc.at("passkeySignIn").at("allowAutofill").as_bool(), true);
  // The stored document reads back the same.
  auto again = from_stored_json(json::serialize(doc));
  ASSERT_TRUE(again) << again.error().description;
  EXPECT_EQ(json::serialize(to_json(*again)), json::serialize(doc));
  EXPECT_EQ(SignInExperience{}.mfa.policy, MfaPolicy::UserControlled);
  EXPECT_TRUE(SignInExperience{}.mfa.factors.empty());
}

TEST(SignInExperienceTypesTest, BadMfaSettingsAreRefusedNamingTheField) {
  struct Case {
    json::object patch;
    std::string field;
  };
  for (const auto& c : {
           Case{{{"mfa", {{"factors", {"Sms"}}}}}, "mfa.factors"},
           Case{{{"mfa", {{"factors", {"Totp", "Totp"}}}}}, "mfa.factors"},
           Case{{{"mfa", {{"factors", {"BackupCode"}}}}}, "mfa.factors"},
           Case{{{"mfa", {{"policy", "Sometimes"}}}}, "mfa.policy"},
           Case{{{"mfa", {{"factors", json::array{}}, {"policy", "Mandatory"}}}}, "mfa.policy"},
           Case{{{"mfa", {{"organizationRequiredMfaPolicy", "Maybe"}}}},
                "mfa.organizationRequiredMfaPolicy"},
           Case{{{"mfa", {{"factors", "Totp"}}}}, "mfa.factors"},
           Case{{{"trustedDevice", {{"durationDays", 0}}}}, "trustedDevice.durationDays"},
           Case{{{"trustedDevice", {{"durationDays", 366}}}}, "trustedDevice.durationDays"},
           Case{{{"trustedDevice", "yes"}}, "trustedDevice"},
           Case{{{"passkeySignIn", {{"enabled", "yes"}}}}, "passkeySignIn.enabled"},
           Case{{{"passwordPolicy", {{"length", {{"min", 3}}}}}}, "passwordPolicy.length.min"},
           Case{{{"passwordPolicy", {{"length", 8}}}}, "passwordPolicy.length"},
           Case{
               {{"signIn", {{"methods", json::array{{{"identifier", "email"}, {"password", 1}}}}}}},
               "signIn.methods.password"},
       }) {
    auto config = apply_patch(SignInExperience{}, c.patch);
    ASSERT_FALSE(config) << json::serialize(c.patch);
    EXPECT_EQ(config.error().field, c.field) << json::serialize(c.patch);
    if (config.error().key.empty()) {  // keyed ones (Logto's codes) are worded by the catalog
      EXPECT_TRUE(config.error().description.starts_with(c.field + ": "))
          << config.error().description;
    }
  }
}

// Logto's rule: one code cannot be both the way in and the second factor. The error names the
// section the PATCH changed (signIn first, as Logto checks it first).
TEST(SignInExperienceTypesTest, ACodeIsNotBothASignInMethodAndASecondFactor) {
  json::object email_code_sign_in{
      {"signUp", {{"identifiers", {"email"}}, {"password", false}, {"verify", true}}},
      {"signIn",
       {{"methods", json::array{{{"identifier", "email"},
                                 {"password", false},
                                 {"verificationCode", true},
                                 {"isPasswordPrimary", false}}}}}}};
  json::object email_factor{{"mfa", {{"factors", {"EmailVerificationCode"}}}}};
  auto with_code = apply_patch(SignInExperience{}, email_code_sign_in);
  ASSERT_TRUE(with_code) << with_code.error().description;
  auto refused = apply_patch(*with_code, email_factor);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().key,
            "sign_in_experiences.email_verification_code_cannot_be_used_for_mfa");
  EXPECT_EQ(refused.error().field, "mfa.factors");

  auto with_factor = apply_patch(SignInExperience{}, email_factor);
  ASSERT_TRUE(with_factor) << "username + password sign-in leaves the email code free";
  refused = apply_patch(*with_factor, email_code_sign_in);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().key,
            "sign_in_experiences.email_verification_code_cannot_be_used_for_sign_in");
  EXPECT_EQ(refused.error().field, "signIn.methods");

  json::object both = email_code_sign_in;
  both["mfa"] = json::object{{"factors", {"PhoneVerificationCode"}}};
  EXPECT_TRUE(apply_patch(SignInExperience{}, both)) << "a phone factor beside email codes";
  both["mfa"] = json::object{{"factors", {"EmailVerificationCode"}}};
  refused = apply_patch(SignInExperience{}, both);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().key,
            "sign_in_experiences.email_verification_code_cannot_be_used_for_sign_in");

  // A stored document is read as it is (a server never refuses to start over it).
  auto stored = to_json(*with_factor);
  stored["signUp"] = email_code_sign_in.at("signUp");
  stored["signIn"] = email_code_sign_in.at("signIn");
  EXPECT_TRUE(from_stored_json(json::serialize(stored)));
}

// Logto's usernamePolicy past the hard floor: lengths in characters, then the character classes,
// each a 422 user.username_<violation>.
TEST(SignInExperienceTypesTest, UsernamePolicyNamesTheFirstViolation) {
  UsernamePolicy policy{.min_length = 3, .max_length = 8};
  EXPECT_TRUE(check_username_policy(policy, "alice"));
  for (auto [username, key] : {std::pair{"al", "user.username_too_short"},
                               std::pair{"alice_long_name", "user.username_too_long"}}) {
    auto refused = check_username_policy(policy, username);
    ASSERT_FALSE(refused) << username;
    EXPECT_EQ(refused.error().key, key);
    EXPECT_EQ(refused.error().code, Errc::Conflict);
  }
  policy.uppercase = false;
  policy.numbers = false;
  policy.underscore = false;
  EXPECT_EQ(check_username_policy(policy, "Alice").error().key,
            "user.username_uppercase_not_allowed");
  EXPECT_EQ(check_username_policy(policy, "alice7").error().key,
            "user.username_numbers_not_allowed");
  EXPECT_EQ(check_username_policy(policy, "al_ce").error().key,
            "user.username_underscore_not_allowed");
  policy.lowercase = false;
  policy.uppercase = true;
  EXPECT_EQ(check_username_policy(policy, "ALIcE").error().key,
            "user.username_lowercase_not_allowed");
}

}  // namespace
}  // namespace latch::experience
