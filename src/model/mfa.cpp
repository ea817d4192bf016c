#include "model/mfa.hpp"

#include "core/enum_names.hpp"

namespace latch::model {
namespace {

constexpr NameTable<MfaFactor, 5> kFactors = {
    {MfaFactor::Totp, "Totp"},
    {MfaFactor::WebAuthn, "WebAuthn"},
    {MfaFactor::BackupCode, "BackupCode"},
    {MfaFactor::EmailVerificationCode, "EmailVerificationCode"},
    {MfaFactor::PhoneVerificationCode, "PhoneVerificationCode"},
};

}  // namespace

std::string_view mfa_factor_name(MfaFactor factor) { return name_in(kFactors, factor); }

std::optional<MfaFactor> parse_mfa_factor(std::string_view text) {
  return parse_in(kFactors, text);
}

}  // namespace latch::model
