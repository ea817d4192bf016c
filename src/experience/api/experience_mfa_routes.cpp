#include "core/json.hpp"
#include "crypto/encoding.hpp"
#include "experience/api/experience_api.hpp"

// Logto's experience API for second factors and passkeys: /verification/{totp,backup-code,
// web-authn,sign-in-passkey,mfa-verification-code}/..., /profile/mfa, and the usernameless
// passkey's /preflight/sign-in-passkey/authentication, on top of FlowService.
namespace latch::experience {
namespace {

using http::bhttp::status;
namespace json = boost::json;
using Deps = ExperienceApiDeps;
using Body = ExperienceApi::Body;

Error invalid_input() { return flow_error(Errc::InvalidRequest, "guard.invalid_input"); }

Result<http::Response> verification(Result<std::string> id) {
  if (!id) return id.error();
  return http::json_response(status::ok, json::object{{"verificationId", *id}});
}

Result<http::Response> no_content(Result<void> done) {
  if (!done) return done.error();
  return http::empty_response(status::no_content);
}

Result<http::Response> ceremony(Result<WebAuthnStart> started, std::string_view member) {
  if (!started) return started.error();
  return http::json_response(status::ok, json::object{{"verificationId", started->verification_id},
                                                      {member, std::move(started->options)}});
}

// The WebAuthn response JSON a browser produced (`payload`), required.
Result<json::object> payload_of(const Body& b) {
  const auto* payload = b.if_contains("payload");
  if (!payload || !payload->is_object()) return invalid_input();
  return payload->as_object();
}

Result<http::Response> totp_secret(const Deps& d, const FlowContext& c, const Body&) {
  auto offer = d.flow.totp_secret(c);
  if (!offer) return offer.error();
  // Logto's secretQrCode is an image data URL; this one is the SVG.
  std::string qr = "data:image/svg+xml;base64," + crypto::base64_encode(offer->qr_svg);
  return http::json_response(status::ok, json::object{{"verificationId", offer->verification_id},
                                                      {"secret", offer->secret},
                                                      {"secretQrCode", qr}});
}

Result<http::Response> totp_verify(const Deps& d, const FlowContext& c, const Body& b) {
  std::string code = json_text(b, "code");
  if (code.empty()) return invalid_input();
  return verification(d.flow.verify_totp(c, json_text(b, "verificationId"), code));
}

Result<http::Response> backup_generate(const Deps& d, const FlowContext& c, const Body&) {
  auto codes = d.flow.generate_backup_codes(c);
  if (!codes) return codes.error();
  json::array list;
  for (const auto& code : codes->codes) list.emplace_back(code);
  return http::json_response(
      status::ok, json::object{{"verificationId", codes->verification_id}, {"codes", list}});
}

Result<http::Response> backup_verify(const Deps& d, const FlowContext& c, const Body& b) {
  std::string code = json_text(b, "code");
  if (code.empty()) return invalid_input();
  return verification(d.flow.verify_backup_code(c, code));
}

Result<http::Response> webauthn_registration(const Deps& d, const FlowContext& c, const Body&) {
  return ceremony(d.flow.webauthn_registration(c), "registrationOptions");
}

Result<http::Response> webauthn_registration_verify(const Deps& d, const FlowContext& c,
                                                    const Body& b) {
  auto payload = payload_of(b);
  if (!payload) return payload.error();
  return verification(
      d.flow.verify_webauthn_registration(c, json_text(b, "verificationId"), *payload));
}

Result<http::Response> webauthn_authentication(const Deps& d, const FlowContext& c, const Body&) {
  return ceremony(d.flow.webauthn_authentication(c), "authenticationOptions");
}

Result<http::Response> webauthn_authentication_verify(const Deps& d, const FlowContext& c,
                                                      const Body& b) {
  auto payload = payload_of(b);
  if (!payload) return payload.error();
  return verification(
      d.flow.verify_webauthn_authentication(c, json_text(b, "verificationId"), *payload));
}

Result<http::Response> passkey_preflight(const Deps& d, const FlowContext& c, const Body&) {
  auto options = d.flow.passkey_options(c);
  if (!options) return options.error();
  return http::json_response(status::ok,
                             json::object{{"authenticationOptions", std::move(*options)}});
}

Result<http::Response> passkey_authentication(const Deps& d, const FlowContext& c, const Body& b) {
  const auto* v = b.if_contains("identifier");
  if (!v || !v->is_object()) return invalid_input();
  auto type = parse_identifier_type(json_text(v->as_object(), "type"));
  std::string value = json_text(v->as_object(), "value");
  if (!type || value.empty()) return invalid_input();
  return ceremony(d.flow.passkey_authentication(c, {*type, value}), "authenticationOptions");
}

Result<http::Response> passkey_verify(const Deps& d, const FlowContext& c, const Body& b) {
  auto payload = payload_of(b);
  if (!payload) return payload.error();
  return verification(d.flow.verify_passkey(c, json_text(b, "verificationId"), *payload));
}

// {identifierType: "email" | "phone"}: a code to the identified user's address.
Result<IdentifierType> mfa_code_type(const Body& b) {
  auto type = parse_identifier_type(json_text(b, "identifierType"));
  if (!type || type == IdentifierType::Username) return invalid_input();
  return *type;
}

Result<http::Response> mfa_code_send(const Deps& d, const FlowContext& c, const Body& b) {
  auto type = mfa_code_type(b);
  if (!type) return type.error();
  return verification(d.flow.send_mfa_code(c, *type));
}

Result<http::Response> mfa_code_verify(const Deps& d, const FlowContext& c, const Body& b) {
  if (auto type = mfa_code_type(b); !type) return type.error();
  return verification(
      d.flow.verify_mfa_code(c, json_text(b, "verificationId"), json_text(b, "code")));
}

http::Lane outbound(const Body&) { return http::Lane::Outbound; }

// {type: "Totp" | "WebAuthn" | "BackupCode", verificationId}.
Result<http::Response> bind_mfa(const Deps& d, const FlowContext& c, const Body& b) {
  auto type = model::parse_mfa_factor(json_text(b, "type"));
  std::string vid = json_text(b, "verificationId");
  if (!type || vid.empty()) return invalid_input();
  return no_content(d.flow.bind_mfa(c, *type, vid));
}

Result<http::Response> skip_mfa(const Deps& d, const FlowContext& c, const Body&) {
  return no_content(d.flow.skip_mfa(c));
}

Result<http::Response> trust_device(const Deps& d, const FlowContext& c, const Body&) {
  return no_content(d.flow.trust_device(c));
}

}  // namespace

std::vector<ExperienceApi::Route> mfa_routes() {
  using enum http::bhttp::verb;
  constexpr bool counted = true;
  return {
      {post, "/verification/totp/secret", totp_secret},
      {post, "/verification/totp/verify", totp_verify, nullptr, counted},
      {post, "/verification/backup-code/generate", backup_generate},
      {post, "/verification/backup-code/verify", backup_verify, nullptr, counted},
      {post, "/verification/web-authn/registration", webauthn_registration},
      {post, "/verification/web-authn/registration/verify", webauthn_registration_verify},
      {post, "/verification/web-authn/authentication", webauthn_authentication},
      {post, "/verification/web-authn/authentication/verify", webauthn_authentication_verify,
       nullptr, counted},
      {post, "/verification/mfa-verification-code", mfa_code_send, outbound},
      {post, "/verification/mfa-verification-code/verify", mfa_code_verify, nullptr, counted},
      {post, "/preflight/sign-in-passkey/authentication", passkey_preflight},
      {post, "/verification/sign-in-passkey/authentication", passkey_authentication},
      {post, "/verification/sign-in-passkey/authentication/verify", passkey_verify, nullptr,
       counted},
      {post, "/profile/mfa", bind_mfa},
      {post, "/profile/mfa/mfa-skipped", skip_mfa},
      {post, "/profile/mfa/trusted-device", trust_device},
  };
}

}  // namespace latch::experience
