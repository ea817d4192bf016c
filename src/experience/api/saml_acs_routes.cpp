// The SAML SSO connector's public endpoints (Logto's routes/authn.ts):
//   POST /api/authn/single-sign-on/saml/:connectorId   the assertion consumer service (ACS),
//        SAML bindings §3.5 HTTP-POST: SAMLResponse and RelayState as a form;
//   GET  /api/sso-connectors/:id/metadata               the SP's metadata (anonymous, so an IdP
//        can read it by URL).
// The ACS receives a cross-site POST, which carries no interaction cookie (SameSite=Lax): it
// only files the Response under the sign-in its RelayState names and sends the browser back to
// that sign-in's redirect URI with its state. The callback, which has the interaction, verifies
// the Response against the AuthnRequest ID stored there (FlowService::verify_sso).
#include <boost/json/parse.hpp>
#include "experience/api/experience_api.hpp"

#include "http/cookies.hpp"
#include "http/form.hpp"
#include "saml/binding.hpp"

namespace latch::experience {
namespace {

using http::bhttp::status;

Error validation_session_not_found() {
  return keyed_error(Errc::NotFound, "session.connector_validation_session_not_found");
}

// The Response the form carries, as XML (bounded, base64 checked).
Result<std::string> response_of(const http::Params& form) {
  if (form.count("SAMLResponse") != 1 || form.count("RelayState") > 1) {
    return keyed_error(Errc::InvalidRequest, "guard.invalid_input",
                       "the ACS takes one SAMLResponse and at most one RelayState");
  }
  return saml::post_decode(form.value("SAMLResponse"));
}

}  // namespace

// Logto's getIdpInitiatedSamlSsoSignInUrl: the default application's authorization request with
// direct_sign_in=sso:<connector>, prompt=login and the scopes openid profile (never
// offline_access unless the admin adds it); or, when the client sends the request itself, its
// callback URI with ssoConnectorId. The session rides in a cookie to the sign-in page.
Result<http::Response> ExperienceApi::idp_initiated(const std::string& connector_id,
                                                    const std::string& xml) {
  auto landing = deps_.flow.idp_initiated_saml(connector_id, xml);
  if (!landing) return landing.error();
  const auto& config = landing->config;
  std::string location;
  if (config.auto_send_authorization_request) {
    http::Params query{{"client_id", config.default_application_id},
                       {"redirect_uri", config.redirect_uri},
                       {"response_type", "code"},
                       {"prompt", "login"},
                       {"direct_sign_in", "sso:" + connector_id}};
    std::string scope = "openid profile";
    boost::system::error_code ec;
    auto extra = boost::json::parse(config.auth_parameters_json, ec);
    if (!ec && extra.is_object()) {
      for (const auto& [key, value] : extra.as_object()) {
        if (!value.is_string()) continue;
        if (key == "scope") {
          scope += " " + std::string(value.as_string());
        } else if (!query.get(key)) {
          query.add(std::string(key), std::string(value.as_string()));
        }
      }
    }
    query.add("scope", scope);
    location = http::with_query(deps_.config.issuer() + "/auth", query);
  } else if (!config.client_callback_uri.empty()) {
    location = http::with_query(config.client_callback_uri, {{"ssoConnectorId", connector_id}});
  } else {
    return keyed_error(Errc::InvalidRequest,
                       "single_sign_on.idp_initiated_authentication_client_callback_uri_not_found");
  }
  http::Response res = http::redirect_response(location, status::found);
  http::CookieOptions cookie;
  cookie.path = "/";
  cookie.secure = deps_.config.endpoint.starts_with("https://");
  cookie.max_age = std::chrono::seconds(
      std::max<std::int64_t>(1, (landing->expires_at - deps_.clock.now_millis()) / 1000));
  res.insert(http::bhttp::field::set_cookie,
             http::set_cookie(kIdpInitiatedSessionCookie, landing->session_id, cookie));
  return res;
}

http::asio::awaitable<http::Response> ExperienceApi::saml_acs(http::Request& req) {
  Lang lang =
      choose_language(*deps_.settings.get(), "", req.header(http::bhttp::field::accept_language));
  std::string connector_id(req.param("connectorId"));
  auto work = [&]() -> Result<http::Response> {
    if (req.media_type() != "application/x-www-form-urlencoded") {
      return keyed_error(Errc::InvalidRequest, "guard.invalid_input",
                         "the ACS takes an HTML form (HTTP-POST binding)");
    }
    auto form = http::parse_form(req.body());
    if (!form) return form.error();
    auto info = deps_.sso.find(connector_id);
    if (!info) return info.error();
    if (!SsoConnectors::is_saml(*info)) return keyed_error(Errc::NotFound, "connector.not_found");
    auto xml = response_of(*form);
    if (!xml) return xml.error();
    std::string relay_state(form->value("RelayState"));
    if (relay_state.empty()) return idp_initiated(connector_id, *xml);
    std::optional<storage::SamlRelay> relay;
    auto done = deps_.store.transact([&](storage::Tx& tx) -> Result<void> {
      auto attached =
          tx.saml_sso().attach_response(relay_state, connector_id, *xml, deps_.clock.now_millis());
      if (!attached) return attached.error();
      relay = std::move(*attached);
      return ok();
    });
    if (!done) return done.error();
    if (!relay) return validation_session_not_found();
    return http::redirect_response(http::with_query(relay->redirect_uri, {{"state", relay->state}}),
                                   status::found);
  };
  // The outbound pool: verifying may fetch the IdP's metadata (a metadataUrl configuration).
  auto result = co_await http::run_on(deps_.pools, http::Lane::Outbound, work);
  if (!result) co_return api_error(http::lane_busy(http::Lane::Outbound), lang);
  if (!*result) co_return api_error(result->error(), lang);
  co_return std::move(**result);
}

http::asio::awaitable<http::Response> ExperienceApi::saml_sp_metadata(http::Request& req) {
  Lang lang =
      choose_language(*deps_.settings.get(), "", req.header(http::bhttp::field::accept_language));
  std::string id(req.param("id"));
  auto work = [&]() { return deps_.sso.sp_metadata(id); };
  auto result = co_await http::run_on(deps_.pools, http::Lane::Database, work);
  if (!result) co_return api_error(http::lane_busy(http::Lane::Database), lang);
  if (!*result) co_return api_error(result->error(), lang);
  http::Response res = http::text_response(status::ok, std::move(**result));
  res.set(http::bhttp::field::content_type, "application/samlmetadata+xml; charset=utf-8");
  co_return res;
}

void ExperienceApi::mount_saml(http::Router& router) {
  auto g = router.group("/api");
  g.post("/authn/single-sign-on/saml/:connectorId",
         [this](http::Request& req) { return saml_acs(req); });
  g.get("/sso-connectors/:id/metadata",
        [this](http::Request& req) { return saml_sp_metadata(req); });
}

}  // namespace latch::experience
