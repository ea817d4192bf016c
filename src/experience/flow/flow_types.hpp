#pragma once

#include <optional>
#include <string_view>

#include "experience/config/identifier_type.hpp"

// The kinds the experience engine tells apart, as enums: control flow compares these, never
// strings. Each has one table of names (flow_types.cpp) that the experience API's bodies and
// answers and the interaction's stored state (state_json) use, unchanged from Logto's strings.
namespace latch::experience {

// What the interaction is for (Logto's InteractionEvent). A flow has none before
// PUT /api/experience (FlowState::event is empty).
enum class InteractionEvent { SignIn, Register, ForgotPassword };

// "SignIn", "Register", "ForgotPassword".
std::string_view interaction_event_name(InteractionEvent event);
// The event `text` names exactly; nullopt for anything else.
std::optional<InteractionEvent> parse_interaction_event(std::string_view text);

// How a verification record proves something (Logto's VerificationType). Totp, BackupCode,
// WebAuthn and the Mfa*VerificationCode types are second factors of the identified user (or the
// enrolment of a new one); SignInPasskey is a first factor that names its user itself.
enum class VerificationType {
  Password,
  VerificationCode,
  Social,
  NewPasswordIdentity,
  Totp,
  BackupCode,
  WebAuthn,
  MfaEmailVerificationCode,
  MfaPhoneVerificationCode,
  SignInPasskey,
  EnterpriseSso,
};

// "Password", "VerificationCode", "Social", "NewPasswordIdentity", "Totp", "BackupCode",
// "WebAuthn", "MfaEmailVerificationCode", "MfaPhoneVerificationCode", "SignInPasskey",
// "EnterpriseSso".
std::string_view verification_type_name(VerificationType type);
std::optional<VerificationType> parse_verification_type(std::string_view text);
// Whether `type` is a second factor (Totp, BackupCode, WebAuthn, Mfa*VerificationCode).
bool is_second_factor(VerificationType type);

// What a flow may still need of a person before submit (the API's missingProfile and the type
// of POST /api/experience/profile).
enum class ProfileField { Username, Email, Phone, Password };

// "username", "email", "phone", "password".
std::string_view profile_field_name(ProfileField field);
std::optional<ProfileField> parse_profile_field(std::string_view text);
// The profile field an identifier fills, and back (nullopt for Password).
ProfileField profile_field_of(IdentifierType type);
std::optional<IdentifierType> as_identifier_type(ProfileField field);

}  // namespace latch::experience
