#include <chrono>

#include "crypto/encoding.hpp"
#include "crypto/hash.hpp"
#include "crypto/random.hpp"
#include "http/form.hpp"
#include "management/saml_app_rules.hpp"
#include "management/saml_sign_in.hpp"
#include "saml/keys.hpp"
#include "saml/messages.hpp"
#include "saml/signature.hpp"

namespace latch::management {
namespace {

constexpr auto kSessionLifetime = std::chrono::minutes(60);  // Logto's
constexpr auto kRequestMaxAge = std::chrono::minutes(5);
constexpr auto kClockSkew = std::chrono::seconds(60);
constexpr std::size_t kMaxRelayState = 512;

Error refused(std::string_view key, std::string detail = {}) {
  return keyed_error(Errc::InvalidRequest, key, std::move(detail));
}

// The library's errors, as this surface names them.
Error request_error(const Error& e) {
  bool signature = e.key == saml::keys::kSignatureMissing ||
                   e.key == saml::keys::kSignatureInvalid ||
                   e.key == saml::keys::kUnsupportedAlgorithm;
  return refused(
      signature ? "application.saml.invalid_signature" : "application.saml.invalid_saml_request",
      e.key + ": " + e.description + " " + e.detail);
}

struct Received {
  saml::AuthnRequest request;
  std::optional<std::string> relay_state;
};

// SAML bindings §3.4.4.1: with an SP certificate the query must carry its signature.
Result<Received> read_redirect(const SamlAuthnInput& in,
                               std::span<const saml::Certificate> trusted) {
  auto message = saml::decode_redirect(in.raw_query);
  if (!message) return request_error(message.error());
  if (message->param != saml::MessageParam::Request) {
    return refused("application.saml.invalid_saml_request", "a SAMLResponse was sent");
  }
  if (!trusted.empty()) {
    if (auto v = saml::verify_redirect_query(in.raw_query, trusted); !v) {
      return request_error(v.error());
    }
  }
  auto request = saml::parse_authn_request(message->xml);
  if (!request) return request_error(request.error());
  return Received{std::move(*request), std::move(message->relay_state)};
}

// SAML bindings §3.5: with an SP certificate the request must carry an enveloped signature.
Result<Received> read_post(const SamlAuthnInput& in, std::span<const saml::Certificate> trusted) {
  auto xml = saml::post_decode(in.saml_request);
  if (!xml) return request_error(xml.error());
  auto request = saml::parse_authn_request(*xml, trusted);
  if (!request) return request_error(request.error());
  return Received{std::move(*request), in.relay_state};
}

Result<std::vector<saml::Certificate>> trusted_of(const storage::SamlAppConfig& config) {
  std::vector<saml::Certificate> out;
  if (!config.sp_certificate) return out;
  auto certificate = saml::Certificate::parse(*config.sp_certificate);
  if (!certificate) return certificate.error();
  out.push_back(std::move(*certificate));
  return out;
}

// SAML profiles §4.1.4.1: the request is the SP's (Issuer), for us (Destination), asks for the
// registered ACS, and is fresh.
Result<void> check_request(const saml::AuthnRequest& r, const storage::SamlAppConfig& config,
                           std::string_view sso_url, saml::Instant now) {
  if (r.issuer != *config.entity_id) {
    return refused("application.saml.auth_request_issuer_not_match", "issuer " + r.issuer);
  }
  if (!r.destination.empty() && r.destination != sso_url) {
    return refused("application.saml.invalid_saml_request", "destination " + r.destination);
  }
  if (!r.acs_url.empty() && r.acs_url != saml_rules::acs_url_of(config)) {
    return refused("application.saml.acs_url_mismatch", "ACS " + r.acs_url);
  }
  if (r.issue_instant < now - kRequestMaxAge - kClockSkew || r.issue_instant > now + kClockSkew) {
    return refused("application.saml.invalid_saml_request", "IssueInstant is not fresh");
  }
  return ok();
}

Result<void> check_configured(const storage::SamlAppConfig& config) {
  if (!config.entity_id) return refused("application.saml.entity_id_required");
  if (saml_rules::acs_url_of(config).empty()) return refused("application.saml.acs_url_required");
  return ok();
}

std::string joined(const std::vector<std::string>& scopes) {
  std::string out;
  for (const auto& s : scopes) out += (out.empty() ? "" : " ") + s;
  return out;
}

}  // namespace

Result<SamlAuthnStart> SamlSignIn::start(const SamlAuthnInput& in) {
  auto app = apps_.get(in.app_id);
  if (!app) return app.error();
  if (auto r = check_configured(app->config); !r) return r.error();
  if (in.binding == SamlBinding::IdpInitiated) {
    if (in.relay_state && in.relay_state->size() > kMaxRelayState) {
      return refused("application.saml.invalid_saml_request", "RelayState is too long");
    }
    return open_session(*app, std::nullopt, in.relay_state, false);
  }
  auto trusted = trusted_of(app->config);
  if (!trusted) return trusted.error();
  auto received =
      in.binding == SamlBinding::Redirect ? read_redirect(in, *trusted) : read_post(in, *trusted);
  if (!received) return received.error();
  if (received->relay_state && received->relay_state->size() > kMaxRelayState) {
    return refused("application.saml.invalid_saml_request", "RelayState is too long");
  }
  auto checked = check_request(received->request, app->config, saml_sso_url(endpoint_, in.app_id),
                               clock_.now());
  if (!checked) return checked.error();
  return open_session(*app, received->request.id, std::move(received->relay_state),
                      received->request.force_authn);
}

Result<SamlAuthnStart> SamlSignIn::open_session(const SamlAppView& app,
                                                std::optional<std::string> request_id,
                                                std::optional<std::string> relay_state,
                                                bool force_authn) {
  storage::SamlAppSession session;
  session.id = crypto::random_id(32);
  session.application_id = app.app.id;
  session.saml_request_id = std::move(request_id);
  session.oidc_state = crypto::random_token(24);
  session.code_verifier = crypto::random_token(32);
  session.relay_state = std::move(relay_state);
  session.acs_url = saml_rules::acs_url_of(app.config);
  session.created_at = clock_.now_millis();
  session.expires_at = session.created_at + std::chrono::milliseconds(kSessionLifetime).count();
  const std::string callback = saml_callback_url(endpoint_, app.app.id);
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    // The app's OIDC side was registered with the endpoint of its day: after the server moved
    // (a new LATCH_ENDPOINT), it follows, so the authorization request below is accepted.
    if (app.app.redirect_uris != std::vector<std::string>{callback}) {
      model::Application moved = app.app;
      moved.redirect_uris = {callback};
      if (auto r = tx.applications().update(moved); !r) return r;
    }
    if (auto r = tx.saml_applications().purge_sessions(session.created_at); !r) return r;
    return tx.saml_applications().insert_session(session);
  });
  if (!done) {
    if (done.error().key == "application.saml.request_replayed") {
      return refused("application.saml.request_replayed", *session.saml_request_id);
    }
    return done.error();
  }
  http::Params params{
      {"client_id", app.app.id},
      {"redirect_uri", callback},
      {"response_type", "code"},
      {"scope", joined(saml_rules::scopes_for(app.config))},
      {"state", *session.oidc_state},
      {"code_challenge", crypto::base64url_encode(crypto::sha256(session.code_verifier))},
      {"code_challenge_method", "S256"}};
  // SAML core §3.4.1: ForceAuthn asks for a fresh sign-in even within a session.
  if (force_authn) params.add("prompt", "login");
  return SamlAuthnStart{http::with_query(endpoint_ + "/oidc/auth", params), session.id,
                        session.expires_at};
}

}  // namespace latch::management
