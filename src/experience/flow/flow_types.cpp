#include "experience/flow/flow_types.hpp"

#include "core/enum_names.hpp"

namespace latch::experience {
namespace {

constexpr NameTable<InteractionEvent, 3> kEvents = {
    {InteractionEvent::SignIn, "SignIn"},
    {InteractionEvent::Register, "Register"},
    {InteractionEvent::ForgotPassword, "ForgotPassword"},
};

constexpr NameTable<VerificationType, 11> kVerificationTypes = {
    {VerificationType::Password, "Password"},
    {VerificationType::VerificationCode, "VerificationCode"},
    {VerificationType::Social, "Social"},
    {VerificationType::NewPasswordIdentity, "NewPasswordIdentity"},
    {VerificationType::Totp, "Totp"},
    {VerificationType::BackupCode, "BackupCode"},
    {VerificationType::WebAuthn, "WebAuthn"},
    {VerificationType::MfaEmailVerificationCode, "MfaEmailVerificationCode"},
    {VerificationType::MfaPhoneVerificationCode, "MfaPhoneVerificationCode"},
    {VerificationType::SignInPasskey, "SignInPasskey"},
    {VerificationType::EnterpriseSso, "EnterpriseSso"},
};

constexpr NameTable<ProfileField, 4> kProfileFields = {
    {ProfileField::Username, "username"},
    {ProfileField::Email, "email"},
    {ProfileField::Phone, "phone"},
    {ProfileField::Password, "password"},
};

}  // namespace

std::string_view interaction_event_name(InteractionEvent event) { return name_in(kEvents, event); }

std::optional<InteractionEvent> parse_interaction_event(std::string_view text) {
  return parse_in(kEvents, text);
}

std::string_view verification_type_name(VerificationType type) {
  return name_in(kVerificationTypes, type);
}

std::optional<VerificationType> parse_verification_type(std::string_view text) {
  return parse_in(kVerificationTypes, text);
}

bool is_second_factor(VerificationType type) {
  switch (type) {
    case VerificationType::Totp:
    case VerificationType::BackupCode:
    case VerificationType::WebAuthn:
    case VerificationType::MfaEmailVerificationCode:
    case VerificationType::MfaPhoneVerificationCode:
      return true;
    default:
      return false;
  }
}

std::string_view profile_field_name(ProfileField field) { return name_in(kProfileFields, field); }

std::optional<ProfileField> parse_profile_field(std::string_view text) {
  return parse_in(kProfileFields, text);
}

ProfileField profile_field_of(IdentifierType type) {
  switch (type) {
    case IdentifierType::Username:
      return ProfileField::Username;
    case IdentifierType::Email:
      return ProfileField::Email;
    case IdentifierType::Phone:
      return ProfileField::Phone;
  }
  return ProfileField::Username;
}

std::optional<IdentifierType> as_identifier_type(ProfileField field) {
  switch (field) {
    case ProfileField::Username:
      return IdentifierType::Username;
    case ProfileField::Email:
      return IdentifierType::Email;
    case ProfileField::Phone:
      return IdentifierType::Phone;
    case ProfileField::Password:
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace latch::experience
