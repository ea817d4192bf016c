#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>

#include "experience/pages/page_kit.hpp"
#include "model/mfa.hpp"

// Pieces of the second-factor and passkey pages (mfa_pages.cpp, mfa_enrol_pages.cpp).
namespace latch::experience {

enum class WebAuthnCeremony { Create, Get };

// A form that runs a WebAuthn ceremony with /static/webauthn.js: `options` (the
// PublicKeyCredential*OptionsJSON) ride in its data-options attribute (escaped like any value),
// the script puts the browser's answer in the hidden field "credential" and posts the form with
// `fields`. Without JavaScript the button does nothing and a <noscript> note says why.
http::Html webauthn_form(const PageRequest& p, std::string_view action, WebAuthnCeremony ceremony,
                         const boost::json::object& options, const http::Html& fields,
                         const std::string& button, bool secondary = false);
// The credential JSON the script posted (InvalidRequest session.mfa.webauthn_verification_failed
// when absent or not a JSON object: the ceremony did not run).
[[nodiscard]] Result<boost::json::object> credential_of(const PageRequest& p);
// A hidden input.
http::Html hidden(std::string_view name, std::string_view value);
// The one-time code field: 6 digits, or a backup code (10 characters).
http::Html code_input(const PageRequest& p, bool backup_code);
// The phrase key naming a factor ("factor.Totp").
std::string factor_phrase(model::MfaFactor factor);

// /static/webauthn.js.
std::string_view webauthn_script();

}  // namespace latch::experience
