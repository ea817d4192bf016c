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

std::string consent_form(const PageRequest& p) {
  const auto& view = *p.view;
  std::string body = "<p>" +
                     http::html_escape(p.t("page.consent.intro", {{"app", view.app_name}})) +
                     "</p><ul class=\"scopes\">";
  for (const auto& scope : view.request.scopes) {
    body += "<li>" + http::html_escape(scope_label(p, scope)) + "</li>";
  }
  body += "</ul>" + form_open(p, "/consent");
  body += submit_button(p.t("action.allow"), "decision", "allow");
  body += submit_button(p.t("action.deny"), "decision", "deny", true);
  return body + "</form>";
}

}  // namespace

http::Response HostedUi::consent(PageRequest& p) {
  if (!p.view->interaction.user_id) return http::redirect_response("/sign-in");
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
