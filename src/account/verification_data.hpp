#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "connectors/social/social_connector.hpp"

// What each kind of verification record keeps in storage::VerificationRecord::data_json, read
// and written in one place.
namespace latch::account {

// Logto's VerificationType names, as stored in VerificationRecord::type.
enum class RecordType { Password, EmailCode, PhoneCode, Social, WebAuthn };
std::string_view record_type_name(RecordType type);
std::optional<RecordType> parse_record_type(std::string_view name);

// Logto's TemplateType values for a code: proving the user (their own address) or binding a new
// address.
inline constexpr std::string_view kPermissionTemplate = "UserPermissionValidation";
inline constexpr std::string_view kNewIdentifierTemplate = "BindNewIdentifier";
inline constexpr std::string_view kBindMfaTemplate = "BindMfa";

// A code sent to an email or phone: its keyed hash and the template (purpose) it went out with.
struct CodeData {
  std::string code_hash;
  std::string templ;
};
CodeData read_code_data(std::string_view json);
std::string write_code_data(const CodeData& data);

// A social sign-in at a connector, from the redirect to its callback, then the profile.
struct SocialData {
  std::string connector_id, target;
  connectors::SocialSession session;
  std::optional<connectors::SocialUserInfo> user;  // once verified
};
SocialData read_social_data(std::string_view json);
std::string write_social_data(const SocialData& data);

// A WebAuthn registration: the challenge, the RP it was made for, then the browser's response.
struct WebAuthnData {
  std::string challenge;
  std::string rp_id, origin;
  boost::json::object response;  // RegistrationResponseJSON, once posted
};
WebAuthnData read_webauthn_data(std::string_view json);
std::string write_webauthn_data(const WebAuthnData& data);

}  // namespace latch::account
