#include "experience/flow/flow_state.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "core/json.hpp"

namespace latch::experience {
namespace {

namespace json = boost::json;

bool flag(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_bool() && v->as_bool();
}

std::int64_t number(const json::object& o, std::string_view key, std::int64_t fallback) {
  const auto* v = o.if_contains(key);
  return v && v->is_int64() ? v->as_int64() : fallback;
}

// Types whose records name what they verified (an email, a phone, a username).
bool needs_identifier(VerificationType type) {
  switch (type) {
    case VerificationType::Password:
    case VerificationType::VerificationCode:
    case VerificationType::NewPasswordIdentity:
    case VerificationType::MfaEmailVerificationCode:
    case VerificationType::MfaPhoneVerificationCode:
      return true;
    default:
      return false;
  }
}

// Associated data binding a sealed member to its record and its role.
std::string sealed_ad(const VerificationRecord& r, std::string_view member) {
  return "latch.flow." + std::string(member) + ":" + r.id;
}

std::string seal(const crypto::SecretBox& box, const VerificationRecord& r, std::string_view member,
                 const std::string& text) {
  return text.empty() ? std::string() : box.seal(text, sealed_ad(r, member));
}

std::string unseal(const crypto::SecretBox& box, const VerificationRecord& r,
                   std::string_view member, const std::string& sealed) {
  if (sealed.empty()) return {};
  auto opened = box.open(sealed, sealed_ad(r, member));
  return opened ? std::move(*opened) : std::string();
}

void read_mfa_members(const json::object& v, VerificationRecord& r, const crypto::SecretBox& box) {
  r.bind = flag(v, "bind");
  r.bound = flag(v, "bound");
  r.secret = unseal(box, r, "secret", json_text(v, "secret"));
  r.otpauth_uri = unseal(box, r, "otpauthUri", json_text(v, "otpauthUri"));
  r.step = number(v, "step", -1);
  r.challenge = json_text(v, "challenge");
  r.factor_id = json_text(v, "factorId");
  r.amr = json_text(v, "amr");
  r.user_verified = flag(v, "userVerified");
  if (const auto* codes = v.if_contains("codes"); codes && codes->is_array()) {
    for (const auto& c : codes->as_array()) {
      if (c.is_string()) r.codes.push_back(unseal(box, r, "code", std::string(c.as_string())));
    }
  }
}

void write_mfa_members(const VerificationRecord& v, json::object& record,
                       const crypto::SecretBox& box) {
  json::array codes;
  for (const auto& c : v.codes) codes.emplace_back(seal(box, v, "code", c));
  record["bind"] = v.bind;
  record["bound"] = v.bound;
  record["secret"] = seal(box, v, "secret", v.secret);
  record["otpauthUri"] = seal(box, v, "otpauthUri", v.otpauth_uri);
  record["step"] = v.step;
  record["challenge"] = v.challenge;
  record["factorId"] = v.factor_id;
  record["amr"] = v.amr;
  record["userVerified"] = v.user_verified;
  record["codes"] = std::move(codes);
}

json::object parse_object(const std::string& text) {
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  return !ec && v.is_object() ? v.as_object() : json::object{};
}

}  // namespace

VerificationRecord* FlowState::find(const std::string& id) {
  for (auto& v : verifications) {
    if (v.id == id) return &v;
  }
  return nullptr;
}

const VerificationRecord* FlowState::latest_verified() const {
  for (auto it = verifications.rbegin(); it != verifications.rend(); ++it) {
    if (it->verified && !is_second_factor(it->type)) return &*it;
  }
  return nullptr;
}

FlowState read_flow_state(const std::string& state_json, const crypto::SecretBox& box) {
  FlowState s;
  auto root = parse_object(state_json);
  const auto* exp = root.if_contains("experience");
  if (!exp || !exp->is_object()) return s;
  const auto& o = exp->as_object();
  s.event = parse_interaction_event(json_text(o, "event"));
  s.user_id = json_text(o, "userId");
  s.username = json_text(o, "username");
  s.email = json_text(o, "email");
  s.phone = json_text(o, "phone");
  s.password_hash = json_text(o, "passwordHash");
  s.name = json_text(o, "name");
  s.avatar = json_text(o, "avatar");
  s.social_verification = json_text(o, "socialVerification");
  s.sso_verification = json_text(o, "ssoVerification");
  s.password_reset = flag(o, "passwordReset");
  s.registered = flag(o, "registered");
  s.mfa_skipped = flag(o, "mfaSkipped");
  s.trust_device = flag(o, "trustDevice");
  s.passkey_challenge = json_text(o, "passkeyChallenge");
  if (const auto* list = o.if_contains("verifications"); list && list->is_array()) {
    for (const auto& item : list->as_array()) {
      if (!item.is_object()) continue;
      const auto& v = item.as_object();
      auto type = parse_verification_type(json_text(v, "type"));
      auto identifier_type = parse_identifier_type(json_text(v, "identifierType"));
      if (!type || (needs_identifier(*type) && !identifier_type)) continue;
      VerificationRecord r;
      r.id = json_text(v, "id");
      r.type = *type;
      r.identifier_type = identifier_type;
      r.identifier = json_text(v, "identifier");
      r.code_id = json_text(v, "codeId");
      r.verified = flag(v, "verified");
      r.user_id = json_text(v, "userId");
      r.password_hash = json_text(v, "passwordHash");
      if (r.type == VerificationType::Social || r.type == VerificationType::EnterpriseSso) {
        r.connector_id = json_text(v, "connectorId");
        r.target = json_text(v, "target");
        r.state = json_text(v, "state");
        r.redirect_uri = json_text(v, "redirectUri");
        r.nonce = json_text(v, "nonce");
        r.code_verifier = json_text(v, "codeVerifier");
        r.social_user = json_text(v, "socialUser");
        r.saml_request_id = json_text(v, "samlRequestId");
        r.relay_state = json_text(v, "relayState");
      }
      if (is_second_factor(r.type) || r.type == VerificationType::SignInPasskey) {
        read_mfa_members(v, r, box);
      }
      s.verifications.push_back(std::move(r));
    }
  }
  return s;
}

std::string write_flow_state(const std::string& state_json, const FlowState& s,
                             const crypto::SecretBox& box) {
  auto root = parse_object(state_json);
  json::array list;
  for (const auto& v : s.verifications) {
    std::string_view identifier_type =
        v.identifier_type ? identifier_type_name(*v.identifier_type) : "";
    json::object record{{"id", v.id},
                        {"type", verification_type_name(v.type)},
                        {"identifierType", identifier_type},
                        {"identifier", v.identifier},
                        {"codeId", v.code_id},
                        {"verified", v.verified},
                        {"userId", v.user_id},
                        {"passwordHash", v.password_hash}};
    if (v.type == VerificationType::Social || v.type == VerificationType::EnterpriseSso) {
      record["connectorId"] = v.connector_id;
      record["target"] = v.target;
      record["state"] = v.state;
      record["redirectUri"] = v.redirect_uri;
      record["nonce"] = v.nonce;
      record["codeVerifier"] = v.code_verifier;
      record["socialUser"] = v.social_user;
      if (!v.saml_request_id.empty()) {
        record["samlRequestId"] = v.saml_request_id;
        record["relayState"] = v.relay_state;
      }
    }
    if (is_second_factor(v.type) || v.type == VerificationType::SignInPasskey) {
      write_mfa_members(v, record, box);
    }
    list.push_back(std::move(record));
  }
  std::string_view event = s.event ? interaction_event_name(*s.event) : "";
  root["experience"] = json::object{{"event", event},
                                    {"userId", s.user_id},
                                    {"username", s.username},
                                    {"email", s.email},
                                    {"phone", s.phone},
                                    {"passwordHash", s.password_hash},
                                    {"name", s.name},
                                    {"avatar", s.avatar},
                                    {"socialVerification", s.social_verification},
                                    {"passwordReset", s.password_reset},
                                    {"verifications", std::move(list)}};
  // The MFA and SSO members only when set: state written before them stays as it was.
  auto& experience = root["experience"].as_object();
  if (s.registered) experience["registered"] = true;
  if (s.mfa_skipped) experience["mfaSkipped"] = true;
  if (s.trust_device) experience["trustDevice"] = true;
  if (!s.passkey_challenge.empty()) experience["passkeyChallenge"] = s.passkey_challenge;
  if (!s.sso_verification.empty()) experience["ssoVerification"] = s.sso_verification;
  return json::serialize(root);
}

}  // namespace latch::experience
