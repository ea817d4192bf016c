#include <boost/json/serialize.hpp>
#include <chrono>

#include "core/json.hpp"
#include "crypto/hash.hpp"
#include "crypto/pkce.hpp"
#include "crypto/random.hpp"
#include "management/saml_app_rules.hpp"
#include "management/saml_sign_in.hpp"
#include "oidc/claims.hpp"
#include "oidc/grants/authorization_code_grant.hpp"
#include "oidc/scope.hpp"
#include "saml/messages.hpp"

namespace latch::management {
namespace {

namespace json = boost::json;

Error refused(std::string_view key, std::string detail = {}) {
  return keyed_error(Errc::InvalidRequest, key, std::move(detail));
}

Error bad_code(std::string detail) { return refused("oidc.invalid_grant", std::move(detail)); }

// What the callback learned about the person, read inside one transaction.
struct SignedIn {
  storage::SamlAppSession session;
  storage::SamlAppSecret secret;
  json::object claims;
  std::int64_t auth_time = 0;  // epoch seconds
};

Result<storage::SamlAppSession> take_session(storage::Tx& tx, const SamlCallbackInput& in,
                                             std::int64_t now_ms) {
  auto session = tx.saml_applications().find_session(*in.session_id);
  if (!session) return session.error();
  if (!*session || (*session)->expires_at <= now_ms) {
    return refused("application.saml.sp_initiated_saml_sso_session_not_found");
  }
  if ((*session)->application_id != in.app_id || (*session)->oidc_state != in.state) {
    return refused("application.saml.state_mismatch");
  }
  auto consumed = tx.saml_applications().consume_session((*session)->id);
  if (!consumed) return consumed.error();
  if (!*consumed) return refused("application.saml.state_mismatch");
  return std::move(**session);
}

// RFC 6749 §4.1.3 and RFC 7636 §4.6, as the token endpoint checks a code, for the app's own
// callback. A code used twice revokes its grant.
Result<model::AuthorizationCode> redeem(storage::Tx& tx, const SamlCallbackInput& in,
                                        const std::string& verifier, const std::string& callback,
                                        std::int64_t now_s) {
  std::string hash = crypto::token_hash(in.code);
  auto found = tx.codes().find(hash);
  if (!found) return found.error();
  if (!*found || (*found)->client_id != in.app_id) return bad_code("unknown code");
  auto consumed = tx.codes().consume(hash, now_s);
  if (!consumed) return consumed.error();
  if (consumed->outcome == model::ConsumeOutcome::AlreadyConsumed) {
    if (auto r = tx.grants().revoke(consumed->value->grant_id); !r) return r.error();
    return bad_code("the code was used before");
  }
  if (consumed->outcome != model::ConsumeOutcome::Consumed) return bad_code("unknown code");
  const auto& code = *consumed->value;
  if (code.expires_at <= now_s) return bad_code("the code has expired");
  if (code.redirect_uri != callback) return bad_code("redirect_uri mismatch");
  if (!crypto::verify_s256(verifier, code.code_challenge)) return bad_code("PKCE mismatch");
  return code;
}

Result<json::object> claims_of(storage::Tx& tx, const model::User& user, const std::string& scope) {
  auto scopes = oidc::parse_scope(scope);
  if (!scopes) return scopes.error();
  json::object claims = oidc::user_claims(user, *scopes, true);
  auto membership = oidc::membership_claims(tx, user.id, *scopes);
  if (!membership) return membership.error();
  for (auto& [name, value] : *membership) claims[name] = value;
  return claims;
}

// SAML core §8.3: the NameID for the app's format (Logto's buildSamlAssertionNameId).
Result<std::string> name_id_of(const std::string& format, const json::object& claims) {
  if (format == saml::uri::kNameIdEmail) {
    std::string email = json_text(claims, "email");
    if (email.empty()) return refused("application.saml.missing_email_address");
    const auto* verified = claims.if_contains("email_verified");
    if (!verified || !verified->is_bool() || !verified->as_bool()) {
      return refused("application.saml.email_address_unverified");
    }
    return email;
  }
  if (format == saml::uri::kNameIdTransient) return "_" + crypto::random_id(32);
  return json_text(claims, "sub");
}

std::optional<std::string> attribute_value(const json::object& claims, std::string_view claim) {
  const auto* value = claims.if_contains(claim);
  if (!value || value->is_null()) return std::nullopt;
  if (value->is_string()) return std::string(value->as_string());
  return json::serialize(*value);
}

// The mapped claims as attributes; with no mapping, sub, email and name under their own names
// (Logto's fallbackAttributes). Claims the person does not have are left out.
std::vector<saml::Attribute> attributes_of(const storage::SamlAppConfig& config,
                                           const json::object& claims) {
  std::vector<std::pair<std::string, std::string>> pairs;
  auto mapping = parse_json(config.attribute_mapping_json);
  if (mapping && mapping->is_object() && !mapping->as_object().empty()) {
    for (const auto& [claim, name] : mapping->as_object()) {
      if (name.is_string()) pairs.emplace_back(std::string(claim), std::string(name.as_string()));
    }
  } else {
    for (std::string claim : {"sub", "email", "name"}) pairs.emplace_back(claim, claim);
  }
  std::vector<saml::Attribute> out;
  for (const auto& [claim, name] : pairs) {
    if (auto value = attribute_value(claims, claim)) {
      out.push_back({.name = name, .values = {std::move(*value)}});
    }
  }
  return out;
}

bool wants_encryption(const storage::SamlAppConfig& config) {
  if (!config.encryption_json) return false;
  auto encryption = parse_json(*config.encryption_json);
  if (!encryption || !encryption->is_object()) return false;
  const auto* on = encryption->as_object().if_contains("encryptAssertion");
  return on && on->is_bool() && on->as_bool();
}

// The session and the code, spent in one transaction, and what the Response needs.
Result<SignedIn> take_sign_in(storage::Store& store, const Clock& clock,
                              const SamlCallbackInput& in, const std::string& callback) {
  SignedIn signed_in;
  std::optional<Error> refusal;
  auto done = store.transact([&](storage::Tx& tx) -> Result<void> {
    auto session = take_session(tx, in, clock.now_millis());
    if (!session) return session.error();
    auto code = redeem(tx, in, session->code_verifier, callback, clock.now_seconds());
    if (!code) {
      refusal = code.error();  // committed: the session and the code are spent, one try
      return ok();
    }
    auto subject = oidc::load_grant_subject(tx, code->grant_id, clock.now_seconds());
    if (!subject) return refused("oidc.invalid_grant", subject.error().description);
    auto claims = claims_of(tx, subject->user, code->scope);
    if (!claims) return claims.error();
    auto secret = tx.saml_applications().active_secret(in.app_id);
    if (!secret) return secret.error();
    if (!*secret) return keyed_error(Errc::NotFound, "application.saml.no_active_secret");
    signed_in = {std::move(*session), std::move(**secret), std::move(*claims), code->auth_time};
    return ok();
  });
  if (!done) return done.error();
  if (refusal) return *refusal;
  return signed_in;
}

struct Responder {
  const crypto::SecretBox& secrets;
  const Clock& clock;
  std::string idp_entity_id;
};

// SAML profiles §4.1.4.2: the signed Response and the form that posts it to the ACS.
Result<saml::PostForm> respond(const Responder& r, const SamlAppView& app,
                               const SignedIn& signed_in) {
  auto name_id = name_id_of(app.config.name_id_format, signed_in.claims);
  if (!name_id) return name_id.error();
  auto private_key = r.secrets.open(signed_in.secret.sealed_private_key, signed_in.secret.id);
  if (!private_key) return private_key.error();
  auto key = saml::SigningKey::from_pem(*private_key, signed_in.secret.certificate);
  if (!key) return key.error();
  saml::ResponseParams params{
      .response_id = saml::new_message_id(),
      .assertion_id = saml::new_message_id(),
      .issue_instant = r.clock.now(),
      .issuer = r.idp_entity_id,
      .acs_url = signed_in.session.acs_url,
      .in_response_to = signed_in.session.saml_request_id.value_or(""),
      .audience = *app.config.entity_id,
      .name_id = std::move(*name_id),
      .name_id_format = app.config.name_id_format,
      .authn_instant = saml::Instant(std::chrono::seconds(signed_in.auth_time)),
      .session_index = signed_in.session.id,
      .attributes = attributes_of(app.config, signed_in.claims),
      .sign_response = true,
  };
  auto xml = saml::build_response(params, *key);
  if (!xml) return xml.error();
  return saml::PostForm{.action = signed_in.session.acs_url,
                        .param = saml::MessageParam::Response,
                        .xml = std::move(*xml),
                        .relay_state = signed_in.session.relay_state.value_or(""),
                        .script_src = std::string(kSamlAutoSubmitPath)};
}

}  // namespace

Result<saml::PostForm> SamlSignIn::finish(const SamlCallbackInput& in) {
  if (!in.session_id) {
    return refused("application.saml.sp_initiated_saml_sso_session_not_found_in_cookies");
  }
  if (!in.error.empty()) {
    return refused("oidc.invalid_request", in.error + ": " + in.error_description);
  }
  if (in.code.empty() || in.state.empty()) {
    return make_error(Errc::InvalidRequest, "code and state are required");
  }
  auto app = apps_.get(in.app_id);
  if (!app) return app.error();
  if (wants_encryption(app->config)) return refused("application.saml.encryption_not_supported");
  if (!app->config.entity_id) return refused("application.saml.entity_id_required");
  auto signed_in = take_sign_in(store_, clock_, in, saml_callback_url(endpoint_, in.app_id));
  if (!signed_in) return signed_in.error();
  return respond({secrets_, clock_, saml_idp_entity_id(endpoint_, in.app_id)}, *app, *signed_in);
}

}  // namespace latch::management
