#include <spdlog/spdlog.h>

#include "core/error_keys.hpp"
#include "crypto/random.hpp"
#include "experience/flow/flow_rules.hpp"
#include "experience/hosted_ui.hpp"
#include "http/form.hpp"

// Social sign-in pages: off to the provider, back from it, and linking to an existing account.
namespace latch::experience {
namespace {

using http::bhttp::status;

// The latest verified Social record, while a sign-in waits to link it to the account that has
// `email` (which that provider vouched for).
const VerificationRecord* link_candidate(const FlowState& s, const std::string& email) {
  if (s.event != InteractionEvent::SignIn || !s.user_id.empty() ||
      !social_email_in_flow(s, email)) {
    return nullptr;
  }
  for (auto it = s.verifications.rbegin(); it != s.verifications.rend(); ++it) {
    if (it->type == VerificationType::Social && it->verified) return &*it;
  }
  return nullptr;
}

// The provider's name for pages ("GitHub").
std::string provider_name(const PageRequest& p, std::string_view connector_id) {
  for (const auto& b : p.social) {
    if (b.connector_id == connector_id) return b.name;
  }
  return std::string(connector_id);
}

}  // namespace

SocialFailure social_failure_of(const Error& error) {
  if (error.key == keys::kAuthorizationFailed) return SocialFailure::Denied;
  if (error.key == keys::kRedirectUriMismatch) return SocialFailure::CallbackRefused;
  if (error.key == keys::kInvalidConnectorConfig) return SocialFailure::Misconfigured;
  if (error.code == Errc::Unavailable || error.key.starts_with("connector.")) {
    return SocialFailure::ProviderFailed;
  }
  return SocialFailure::Other;
}

http::Response HostedUi::social_start(PageRequest& p) {
  std::string id(p.http.param("connectorId"));
  // Pages always sign in or sign up through SignIn first; the callback decides.
  if (auto started = deps_.flow.start(p.ctx, InteractionEvent::SignIn); !started) {
    return error_response(p, started.error());
  }
  auto begun = deps_.flow.start_social(p.ctx, id, crypto::random_id(32),
                                       callback_uri(deps_.config.endpoint, id));
  if (!begun) return error_response(p, begun.error());
  return http::redirect_response(begun->authorization_uri);
}

http::Response HostedUi::social_callback(PageRequest& p) {
  load_social(p);
  std::string id(p.http.param("connectorId"));
  connectors::CallbackParams callback;
  for (const auto& [key, value] : p.http.query.items()) callback.emplace(key, value);
  auto mismatch = [&](const std::string& detail) {
    // GitHub sends this error to the callback URL registered at GitHub, which may be an old
    // one: the page names the connector this sign-in started with.
    std::string started = id;
    if (auto state = deps_.flow.state(p.ctx)) {
      for (const auto& v : state->verifications) {
        if (v.type == VerificationType::Social && !v.verified) started = v.connector_id;
      }
    }
    spdlog::warn("connector {}: the provider refused the callback URL: {}", started, detail);
    std::string name = provider_name(p, started);
    std::string url = callback_uri(deps_.config.endpoint, started);
    http::Html body = paragraph(p.t("page.social_mismatch.body", {{"name", name}})) +
                      http::Element("code", {{"class", "url"}}).text(url) +
                      paragraph(p.t("page.social_mismatch.admin", {{"name", name}})) +
                      http::Element("p").add(link("/sign-in", p.t("action.back_to_sign_in")));
    return render(p, status::bad_request, p.t("page.social_mismatch.title", {{"name", name}}),
                  body);
  };
  if (auto error = callback.find("error");
      error != callback.end() && error->second == "redirect_uri_mismatch") {
    return mismatch(p.http.query.value("error_description").empty()
                        ? "redirect_uri_mismatch"
                        : std::string(p.http.query.value("error_description")));
  }
  auto verified = deps_.flow.verify_social(p.ctx, id, callback, "");
  if (verified) return social_continue(p, *verified);
  const auto& e = verified.error();
  switch (social_failure_of(e)) {
    case SocialFailure::Denied:
      return http::redirect_response("/sign-in?notice=social_denied");
    case SocialFailure::CallbackRefused:
      return mismatch(e.detail);
    case SocialFailure::Misconfigured:
      spdlog::error("connector {}: {} (check its client ID and secret)", id, e.detail);
      break;
    case SocialFailure::ProviderFailed:
      spdlog::warn("connector {}: {}: {}", id, e.description, e.detail);
      break;
    case SocialFailure::Other:
      break;
  }
  return error_response(p, e);
}

// A provider that posts its answer (Apple's response_mode=form_post) makes a cross-site POST,
// which carries no SameSite=Lax cookie, so this request cannot see the sign-in it belongs to.
// As the SAML ACS does, it only hands the answer on: a 303 to the GET callback with the same
// parameters, a top-level navigation that carries the interaction cookie, where social_callback
// checks the state against the interaction and completes the sign-in. Nothing is trusted here.
http::Response HostedUi::social_form_post(const http::Request& req) const {
  if (req.media_type() != "application/x-www-form-urlencoded") {
    return error_response(bare_request(req),
                          keyed_error(Errc::InvalidRequest, "guard.invalid_input",
                                      "the callback takes an HTML form"));
  }
  auto form = http::parse_form(req.body());
  if (!form) return error_response(bare_request(req), form.error());
  std::string id(req.param("connectorId"));
  http::Response res = http::redirect_response(
      http::with_query("/callback/" + http::percent_encode(id), *form), status::see_other);
  res.set("Referrer-Policy", "no-referrer");
  http::set_no_store(res);
  return res;
}

http::Response HostedUi::social_continue(PageRequest& p, const std::string& vid) {
  auto identified = deps_.flow.identify(p.ctx, vid);
  if (identified) return finish(p);
  if (!no_account_yet(identified.error())) {
    return error_response(p, identified.error());
  }
  auto related = deps_.flow.related_account(p.ctx, vid);
  if (!related) return error_response(p, related.error());
  if (*related) return http::redirect_response("/social/link");
  if (!p.config->sign_up_enabled()) return error_response(p, identified.error());
  if (auto switched = deps_.flow.set_event(p.ctx, InteractionEvent::Register); !switched) {
    return error_response(p, switched.error());
  }
  if (auto created = deps_.flow.identify(p.ctx, vid); !created) {
    return error_response(p, created.error());
  }
  return finish(p);
}

http::Response HostedUi::social_link(PageRequest& p) {
  load_social(p);
  auto state = deps_.flow.state(p.ctx);
  if (!state) return error_response(p, state.error());
  const VerificationRecord* social = nullptr;
  for (auto it = state->verifications.rbegin(); it != state->verifications.rend(); ++it) {
    if (it->type == VerificationType::Social && it->verified) {
      social = &*it;
      break;
    }
  }
  if (!social) return http::redirect_response("/sign-in");
  std::string vid = social->id;
  auto related = deps_.flow.related_account(p.ctx, vid);
  if (!related) return error_response(p, related.error());
  if (!*related) return social_continue(p, vid);
  const auto& account = **related;
  std::string name = provider_name(p, social->connector_id);
  std::string title = p.t("page.social_link.title");
  auto body = [&](const std::string& error) {
    http::Html fields;
    if (account.has_password) {
      fields += input("password", p.t("field.password"), "password", "",
                      {{"autocomplete", "current-password"}, {"autofocus"}});
      fields += submit_button(p.t("action.link_with_password"), "action", "password");
    }
    fields += submit_button(p.t("action.link_with_code"), "action", "code", account.has_password);
    if (p.config->sign_up_enabled()) {
      fields += submit_button(p.t("action.create_separate_account"), "action", "register", true);
    }
    return paragraph(p.t("page.social_link.intro", {{"email", account.email}, {"name", name}})) +
           alert_box(error) + form(p, "/social/link", fields) +
           http::Element("p").add(link("/sign-in", p.t("action.back_to_sign_in")));
  };
  if (!p.post) return render(p, status::ok, title, body(""));
  auto fail = [&](status code, const Error& e) {
    return render(p, code, title, body(error_message(p, e)));
  };
  auto action = p.field("action");
  if (action == "register" && p.config->sign_up_enabled()) {
    if (auto switched = deps_.flow.set_event(p.ctx, InteractionEvent::Register); !switched) {
      return fail(status::bad_request, switched.error());
    }
    if (auto created = deps_.flow.identify(p.ctx, vid); !created) {
      return fail(status::bad_request, created.error());
    }
    return finish(p);
  }
  if (action == "code") {
    auto sent = send_code(p, {IdentifierType::Email, account.email});
    if (!sent) return fail(status::bad_request, sent.error());
    return http::redirect_response("/verification-code");
  }
  auto verified = deps_.flow.verify_password(p.ctx, {IdentifierType::Email, account.email},
                                             std::string(p.field("password")));
  if (!verified) {
    return fail(verified.error().code == Errc::Forbidden ? status::forbidden : status::unauthorized,
                verified.error());
  }
  if (auto linked = deps_.flow.identify(p.ctx, vid, true); !linked) {
    return fail(status::bad_request, linked.error());
  }
  return finish(p);
}

// Used by the code page: after a code sent to the account a social identity links to.
std::string pending_link(const FlowState& s, const std::string& email) {
  const auto* v = link_candidate(s, email);
  return v ? v->id : std::string();
}

}  // namespace latch::experience
