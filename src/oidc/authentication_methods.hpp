#pragma once

#include <string>
#include <string_view>
#include <vector>

// How a user authenticated: RFC 8176 Authentication Method Reference values, which sessions and
// grants keep (space-separated) and ID tokens carry as `amr`, and the one Authentication Context
// Class Reference Latch knows (OIDC Core §2 `acr`).
namespace latch::oidc {

inline constexpr std::string_view kAmrPassword = "pwd";       // a password
inline constexpr std::string_view kAmrOtp = "otp";            // a one-time code (TOTP, email, SMS)
inline constexpr std::string_view kAmrSms = "sms";            // a code sent by text message
inline constexpr std::string_view kAmrHardwareKey = "hwk";    // a security key or passkey
inline constexpr std::string_view kAmrSoftwareKey = "swk";    // a platform passkey
inline constexpr std::string_view kAmrUserPresence = "user";  // WebAuthn user verification
inline constexpr std::string_view kAmrMultiFactor = "mfa";    // more than one factor was used

// The ACR an app asks for with acr_values to require a second factor (step-up), and that ID
// tokens of a multi-factor sign-in carry: OpenID PAPE's multi-factor policy, the value Auth0
// uses for the same purpose.
inline constexpr std::string_view kAcrMultiFactor =
    "http://schemas.openid.net/pape/policies/2007/06/multi-factor";

// "pwd otp mfa" -> {"pwd", "otp", "mfa"} and back; empty words are dropped.
std::vector<std::string> split_amr(std::string_view amr);
std::string join_amr(const std::vector<std::string>& amr);
// Whether the space-separated `amr` has `method`.
bool has_amr(std::string_view amr, std::string_view method);

}  // namespace latch::oidc
