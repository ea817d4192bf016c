#include "experience/hosted_ui.hpp"
#include "experience/layout.hpp"
#include "experience/pages.hpp"
#include "http/blocking.hpp"
#include "http/html.hpp"

namespace latch::experience {
namespace {

using http::bhttp::status;

std::string sign_in_form(const InteractionView& view, const std::string& csrf,
                         std::string_view identifier, std::string_view error) {
  std::string body;
  if (!view.app_name.empty()) {
    body += "<p class=\"muted\">to continue to " + http::html_escape(view.app_name) + "</p>";
  }
  body += alert(error);
  body += "<form method=\"post\" action=\"/sign-in\" novalidate>" + csrf_input(csrf);
  body += field("identifier", "Username or email", "text", identifier,
                "autocomplete=\"username\" autocapitalize=\"none\" required autofocus");
  body +=
      field("password", "Password", "password", "", "autocomplete=\"current-password\" required");
  body += "<button type=\"submit\">Sign in</button></form>";
  body += "<p class=\"muted\">No account? <a href=\"/register\">Create account</a></p>";
  return body;
}

}  // namespace

http::asio::awaitable<http::Response> HostedUi::sign_in(http::Request& req) {
  auto uid = interaction_uid(req);
  if (!uid)
    co_return error_page(req, make_error(Errc::NotFound,
                                         "This sign-in session has expired or is unknown. Go back "
                                         "to the application and sign in again."));
  auto load = [&] { return deps_.service.load(*uid); };
  auto view = co_await http::run_blocking(deps_.pool, load);
  if (!view) co_return error_page(req, view.error());
  if (req.method() != http::bhttp::verb::post) {
    co_return page_response(status::ok, "Sign in",
                            sign_in_form(*view, csrf_token(*uid), view->request.login_hint, ""));
  }
  auto form = form_of(req);
  if (!form || !csrf_ok(*uid, form->value("csrf"))) {
    co_return error_page(
        req, make_error(Errc::InvalidRequest, "The form has expired. Go back and try again."));
  }
  std::string identifier(form->value("identifier"));
  std::string password(form->value("password"));
  if (identifier.empty() || password.empty()) {
    co_return page_response(status::bad_request, "Sign in",
                            sign_in_form(*view, csrf_token(*uid), identifier,
                                         "Enter your username or email and your password."));
  }
  auto job = [&] { return deps_.service.sign_in(*uid, identifier, password); };
  auto signed_in = co_await http::run_blocking(deps_.pool, job);
  if (!signed_in) {
    if (signed_in.error().code == Errc::NotFound || signed_in.error().code == Errc::Internal) {
      co_return error_page(req, signed_in.error());
    }
    auto code =
        signed_in.error().code == Errc::Forbidden ? status::forbidden : status::unauthorized;
    co_return page_response(
        code, "Sign in",
        sign_in_form(*view, csrf_token(*uid), identifier, signed_in.error().description));
  }
  co_return http::redirect_response(resume_url(*uid));
}

}  // namespace latch::experience
