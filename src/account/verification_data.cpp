#include "account/verification_data.hpp"

#include <array>
#include <boost/json/serialize.hpp>

#include "core/json.hpp"

namespace latch::account {
namespace {

namespace json = boost::json;

constexpr std::array kTypeNames{std::string_view("Password"),
                                std::string_view("EmailVerificationCode"),
                                std::string_view("PhoneVerificationCode"),
                                std::string_view("Social"), std::string_view("WebAuthn")};

json::object object_of(std::string_view text) {
  auto parsed = parse_json(text);
  return parsed && parsed->is_object() ? parsed->as_object() : json::object{};
}

json::object user_json(const connectors::SocialUserInfo& u) {
  return {{"id", u.id},     {"email", u.email},   {"phone", u.phone},
          {"name", u.name}, {"avatar", u.avatar}, {"rawData", u.raw}};
}

connectors::SocialUserInfo user_of(const json::object& o) {
  connectors::SocialUserInfo u;
  u.id = json_text(o, "id");
  u.email = json_text(o, "email");
  u.phone = json_text(o, "phone");
  u.name = json_text(o, "name");
  u.avatar = json_text(o, "avatar");
  if (const auto* raw = o.if_contains("rawData"); raw && raw->is_object()) u.raw = raw->as_object();
  return u;
}

}  // namespace

std::string_view record_type_name(RecordType type) {
  return kTypeNames[static_cast<std::size_t>(type)];
}

std::optional<RecordType> parse_record_type(std::string_view name) {
  for (std::size_t i = 0; i < kTypeNames.size(); ++i) {
    if (kTypeNames[i] == name) return static_cast<RecordType>(i);
  }
  return std::nullopt;
}

CodeData read_code_data(std::string_view text) {
  json::object o = object_of(text);
  return {json_text(o, "codeHash"), json_text(o, "templateType")};
}

std::string write_code_data(const CodeData& data) {
  return json::serialize(json::object{{"codeHash", data.code_hash}, {"templateType", data.templ}});
}

SocialData read_social_data(std::string_view text) {
  json::object o = object_of(text);
  SocialData d{json_text(o, "connectorId"),
               json_text(o, "target"),
               {json_text(o, "state"), json_text(o, "redirectUri"), json_text(o, "nonce"),
                json_text(o, "codeVerifier")},
               std::nullopt};
  if (const auto* user = o.if_contains("user"); user && user->is_object()) {
    d.user = user_of(user->as_object());
  }
  return d;
}

std::string write_social_data(const SocialData& d) {
  json::object o{{"connectorId", d.connector_id}, {"target", d.target},
                 {"state", d.session.state},      {"redirectUri", d.session.redirect_uri},
                 {"nonce", d.session.nonce},      {"codeVerifier", d.session.code_verifier}};
  if (d.user) o["user"] = user_json(*d.user);
  return json::serialize(o);
}

WebAuthnData read_webauthn_data(std::string_view text) {
  json::object o = object_of(text);
  WebAuthnData d{json_text(o, "challenge"), json_text(o, "rpId"), json_text(o, "origin"), {}};
  if (const auto* r = o.if_contains("response"); r && r->is_object()) d.response = r->as_object();
  return d;
}

std::string write_webauthn_data(const WebAuthnData& d) {
  json::object o{{"challenge", d.challenge}, {"rpId", d.rp_id}, {"origin", d.origin}};
  if (!d.response.empty()) o["response"] = d.response;
  return json::serialize(o);
}

}  // namespace latch::account
