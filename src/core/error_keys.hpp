#pragma once

#include <string_view>

// The Error keys that code branches on (see Error::key), named once so that the producer and every
// caller that tells the case apart spell it the same way. A key is a stable code (Logto's where
// Logto has one); the words shown for it live in the i18n catalogs, and rewording them changes
// no behaviour. Keys that are only shown, never branched on, are written where they are made.
namespace latch::keys {

// The experience's interaction (experience::FlowService).
inline constexpr std::string_view kSessionNotFound = "session.not_found";
inline constexpr std::string_view kUserSuspended = "user.suspended";
inline constexpr std::string_view kMissingProfile = "user.missing_profile";  // detail: the fields
inline constexpr std::string_view kIdentityNotExist = "user.identity_not_exist";
// Second factors at sign-in (experience flow_mfa.cpp): detail carries the factors (MfaRefusal).
inline constexpr std::string_view kRequireMfaVerification = "session.mfa.require_mfa_verification";
inline constexpr std::string_view kMissingMfa = "user.missing_mfa";
inline constexpr std::string_view kBackupCodeRequired = "session.mfa.backup_code_required";

// Social connectors (connectors::social, experience::SocialConnectors).
inline constexpr std::string_view kSocialNotFound = "connector.social_not_found";
inline constexpr std::string_view kAuthorizationFailed = "connector.authorization_failed";
inline constexpr std::string_view kRedirectUriMismatch = "connector.redirect_uri_mismatch";
inline constexpr std::string_view kInvalidConnectorConfig = "connector.invalid_config";
// No message connector (email, SMS) is configured for what a send needs.
inline constexpr std::string_view kConnectorNotFound = "connector.not_found";

// The OP: an authorization or logout request whose redirect URI cannot be trusted.
inline constexpr std::string_view kInvalidRedirectUri = "oidc.invalid_redirect_uri";

}  // namespace latch::keys
