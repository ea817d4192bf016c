#include "experience/hosted_ui.hpp"
#include "experience/layout.hpp"
#include "experience/pages.hpp"
#include "http/blocking.hpp"
#include "http/form.hpp"
#include "http/html.hpp"
#include "oidc/endpoints.hpp"

namespace latch::experience {
namespace {

using http::bhttp::status;

std::string consent_form(const InteractionView& view, const std::string& csrf) {
  std::string body = "<p><strong>" + http::html_escape(view.app_name) +
                     "</strong> wants to access your account:</p><ul class=\"scopes\">";
  for (const auto& scope : view.request.scopes) {
    body += "<li>" + http::html_escape(scope) + "</li>";
  }
  body += "</ul><form method=\"post\" action=\"/consent\">" + csrf_input(csrf);
  body += "<button type=\"submit\" name=\"decision\" value=\"allow\">Allow</button>";
  body +=
      "<button type=\"submit\" class=\"secondary\" name=\"decision\" value=\"deny\">Deny</button>";
  return body + "</form>";
}

}  // namespace

http::asio::awaitable<http::Response> HostedUi::consent(http::Request& req) {
  auto uid = interaction_uid(req);
  if (!uid)
    co_return error_page(
        req, make_error(Errc::NotFound, "This sign-in session has expired or is unknown."));
  auto load = [&] { return deps_.service.load(*uid); };
  auto view = co_await http::run_blocking(deps_.pool, load);
  if (!view) co_return error_page(req, view.error());
  if (!view->interaction.user_id) co_return http::redirect_response("/sign-in");
  if (req.method() != http::bhttp::verb::post) {
    co_return page_response(status::ok, "Authorize " + view->app_name,
                            consent_form(*view, csrf_token(*uid)));
  }
  auto form = form_of(req);
  if (!form || !csrf_ok(*uid, form->value("csrf"))) {
    co_return error_page(
        req, make_error(Errc::InvalidRequest, "The form has expired. Go back and try again."));
  }
  if (form->value("decision") == "allow") {
    auto job = [&] { return deps_.service.consent(*uid); };
    auto done = co_await http::run_blocking(deps_.pool, job);
    if (!done) co_return error_page(req, done.error());
    co_return http::redirect_response(resume_url(*uid));
  }
  auto job = [&] { return deps_.service.abort(*uid); };
  auto request = co_await http::run_blocking(deps_.pool, job);
  if (!request) co_return error_page(req, request.error());
  http::Params params;  // RFC 6749 §4.1.2.1
  params.add("error", "access_denied");
  params.add("error_description", "the user denied the request");
  if (!request->state.empty()) params.add("state", request->state);
  params.add("iss", deps_.config.issuer());
  co_return http::redirect_response(oidc::with_query(request->redirect_uri, params));
}

}  // namespace latch::experience
