#include "experience/hosted_ui.hpp"
#include "experience/layout.hpp"
#include "experience/pages.hpp"
#include "http/blocking.hpp"
#include "http/html.hpp"

namespace latch::experience {
namespace {

using http::bhttp::status;

struct RegisterForm {
  std::string username, email, password, confirm;
};

std::string register_form(const InteractionView& view, const std::string& csrf,
                          const RegisterForm& values, std::string_view error) {
  std::string body;
  if (!view.app_name.empty()) {
    body += "<p class=\"muted\">to continue to " + http::html_escape(view.app_name) + "</p>";
  }
  body += alert(error);
  body += "<form method=\"post\" action=\"/register\" novalidate>" + csrf_input(csrf);
  body += field("username", "Username", "text", values.username,
                "autocomplete=\"username\" autocapitalize=\"none\" required autofocus");
  body += field("email", "Email (optional)", "email", values.email, "autocomplete=\"email\"");
  body += field("password", "Password", "password", "",
                "autocomplete=\"new-password\" minlength=\"8\" required");
  body += field("confirm", "Confirm password", "password", "",
                "autocomplete=\"new-password\" required");
  body += "<button type=\"submit\">Create account</button></form>";
  body += "<p class=\"muted\">Have an account? <a href=\"/sign-in\">Sign in</a></p>";
  return body;
}

// Checks the form can be submitted; the service validates the rest.
std::string form_problem(const RegisterForm& form) {
  if (form.username.empty()) return "Enter a username.";
  if (form.password.empty()) return "Enter a password.";
  if (form.password != form.confirm) return "The passwords do not match.";
  return {};
}

}  // namespace

http::asio::awaitable<http::Response> HostedUi::sign_up(http::Request& req) {
  auto uid = interaction_uid(req);
  if (!uid)
    co_return error_page(req, make_error(Errc::NotFound,
                                         "This sign-in session has expired or is unknown. Go back "
                                         "to the application and sign in again."));
  auto load = [&] { return deps_.service.load(*uid); };
  auto view = co_await http::run_blocking(deps_.pool, load);
  if (!view) co_return error_page(req, view.error());
  RegisterForm values;
  if (req.method() != http::bhttp::verb::post) {
    values.username =
        view->request.login_hint.find('@') == std::string::npos ? view->request.login_hint : "";
    co_return page_response(status::ok, "Create account",
                            register_form(*view, csrf_token(*uid), values, ""));
  }
  auto form = form_of(req);
  if (!form || !csrf_ok(*uid, form->value("csrf"))) {
    co_return error_page(
        req, make_error(Errc::InvalidRequest, "The form has expired. Go back and try again."));
  }
  values = {std::string(form->value("username")), std::string(form->value("email")),
            std::string(form->value("password")), std::string(form->value("confirm"))};
  if (std::string problem = form_problem(values); !problem.empty()) {
    co_return page_response(status::bad_request, "Create account",
                            register_form(*view, csrf_token(*uid), values, problem));
  }
  management::NewUser user{.username = values.username, .password = values.password};
  if (!values.email.empty()) user.email = values.email;
  auto job = [&] { return deps_.service.register_user(*uid, user); };
  auto created = co_await http::run_blocking(deps_.pool, job);
  if (!created) {
    Errc code = created.error().code;
    if (code != Errc::InvalidRequest && code != Errc::Conflict) {
      co_return error_page(req, created.error());
    }
    co_return page_response(
        code == Errc::Conflict ? status::conflict : status::bad_request, "Create account",
        register_form(*view, csrf_token(*uid), values, created.error().description));
  }
  co_return http::redirect_response(resume_url(*uid));
}

}  // namespace latch::experience
