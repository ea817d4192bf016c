#include "experience/hosted_ui.hpp"
#include "experience/pages.hpp"
#include "http/form.hpp"
#include "http/html.hpp"

namespace latch::experience {
namespace {

using http::bhttp::status;

std::string scope_label(const PageRequest& p, const std::string& scope) {
  std::string key = "scope." + scope;
  return has_phrase(p.lang, key) ? p.t(key) : scope;
}

http::Html consent_form(const PageRequest& p) {
  const auto& view = *p.view;
  http::Element scopes("ul", {{"class", "scopes"}});
  for (const auto& scope : view.request.scopes) {
    scopes.add(http::Element("li").text(scope_label(p, scope)));
  }
  http::Html decision = submit_button(p.t("action.allow"), "decision", "allow") +
                        submit_button(p.t("action.deny"), "decision", "deny", true);
  return paragraph(p.t("page.consent.intro", {{"app", view.app_name}})) + scopes +
         form(p, "/consent", decision);
}

}  // namespace

http::Response HostedUi::consent(PageRequest& p) {
  if (!p.view->interaction.user_id) return http::redirect_response("/sign-in");
  // Logto's auto-consent: a first-party app is trusted, so the page consents by itself and sends
  // the browser back to the authorization endpoint.
  if (!p.view->third_party) {
    auto done = deps_.service.consent(p.ctx.uid);
    if (!done) return error_response(p, done.error());
    return http::redirect_response(resume_url(p.ctx.uid, p.http, deps_.config.endpoint));
  }
  if (!p.post) {
    return render(p, status::ok, p.t("page.consent.title", {{"app", p.view->app_name}}),
                  consent_form(p));
  }
  if (p.field("decision") == "allow") {
    auto done = deps_.service.consent(p.ctx.uid);
    if (!done) return error_response(p, done.error());
    return http::redirect_response(resume_url(p.ctx.uid));
  }
  auto request = deps_.service.abort(p.ctx.uid);
  if (!request) return error_response(p, request.error());
  http::Params params;  // RFC 6749 §4.1.2.1
  params.add("error", "access_denied");
  params.add("error_description", "the user denied the request");
  if (!request->state.empty()) params.add("state", request->state);
  params.add("iss", deps_.config.issuer());
  return http::redirect_response(http::with_query(request->redirect_uri, params));
}

}  // namespace latch::experience
