#include "experience/pages/page_kit.hpp"

#include "core/error_keys.hpp"
#include "core/log.hpp"
#include "experience/pages.hpp"
#include "http/html.hpp"
#include "oidc/error_response.hpp"

namespace latch::experience {

using http::html_escape;
using http::bhttp::status;

namespace {

std::string header_html(const PageRequest& p) {
  const auto& c = *p.config;
  std::string out = "<header class=\"brand\">";
  if (!c.logo_url.empty()) {
    auto scheme = p.preview ? p.preview->scheme : ColorScheme::System;
    bool dark_logo = !c.dark_logo_url.empty() && c.dark_mode_enabled;
    out += "<picture>";
    if (dark_logo && scheme == ColorScheme::System) {
      out += "<source srcset=\"" + html_escape(c.dark_logo_url) +
             "\" media=\"(prefers-color-scheme: dark)\">";
    }
    const auto& logo = dark_logo && scheme == ColorScheme::Dark ? c.dark_logo_url : c.logo_url;
    out += "<img class=\"logo\" src=\"" + html_escape(logo) + "\" alt=\"" +
           html_escape(c.app_name) + "\"></picture>";
  } else {
    out += "<p class=\"app-name\">" + html_escape(c.app_name) + "</p>";
  }
  return out + "</header>";
}

std::string head_html(const PageRequest& p, const std::string& title) {
  const auto& c = *p.config;
  std::string html = "<!doctype html><html lang=\"" + std::string(tag(p.lang)) + "\"" +
                     (p.preview ? " class=\"preview\"" : "") + "><head>";
  html += "<meta charset=\"utf-8\">";
  html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">";
  html += "<title>" + html_escape(title) + " | " + html_escape(c.app_name) + "</title>";
  if (!c.favicon.empty()) html += "<link rel=\"icon\" href=\"" + html_escape(c.favicon) + "\">";
  html += "<link rel=\"stylesheet\" href=\"/static/latch.css\">";
  std::string brand =
      p.preview ? p.preview->brand_href : "/static/brand.css?v=" + std::to_string(c.version);
  return html + "<link rel=\"stylesheet\" href=\"" + html_escape(brand) + "\"></head>";
}

// The preview's ribbon and draft notice; its controls sit in a disabled fieldset.
std::string preview_body(const PageRequest& p, const std::string& body_html) {
  std::string out =
      "<p class=\"preview-ribbon\" role=\"note\">" + html_escape(p.t("preview.ribbon")) + "</p>";
  if (!p.preview->notice.empty()) {
    out += alert_html(p.t("preview.invalid_draft", {{"error", p.preview->notice}}));
  }
  return out + "<fieldset class=\"preview-body\" disabled>" + body_html + "</fieldset>";
}

void set_security_headers(const PageRequest& p, http::Response& res) {
  // No form-action: browsers apply it to the redirects after a form post too, and a finished
  // sign-in ends in a redirect to the app's origin (/sign-in -> /oidc/auth/:uid -> app).
  // The preview has no form to send and is framed by the console, on this origin only.
  res.set(
      "Content-Security-Policy",
      std::string("default-src 'none'; style-src 'self'; img-src 'self' data: https: http:; ") +
          (p.preview ? "form-action 'none'; frame-ancestors 'self'" : "frame-ancestors 'none'") +
          "; base-uri 'none'");
  if (p.preview) res.set("X-Frame-Options", "SAMEORIGIN");
  res.set(http::bhttp::field::content_language, tag(p.lang));
  http::set_no_store(res);
}

}  // namespace

http::Response render(const PageRequest& p, status code, const std::string& title,
                      const std::string& body_html) {
  std::string html = head_html(p, title) + "<body><main class=\"card\">";
  html += header_html(p) + "<h1>" + html_escape(title) + "</h1>";
  std::string app = p.view ? p.view->app_name : p.preview ? p.t("preview.app_name") : "";
  if (!app.empty()) {
    html += "<p class=\"muted\">" + html_escape(p.t("page.to_continue", {{"app", app}})) + "</p>";
  }
  html += (p.preview ? preview_body(p, body_html) : body_html) + "</main></body></html>";
  http::Response res = http::html_response(code, std::move(html));
  set_security_headers(p, res);
  return res;
}

http::Response message(const PageRequest& p, status code, const std::string& title,
                       const std::string& text, bool back) {
  std::string body = "<p>" + html_escape(text) + "</p>";
  if (back && p.view) body += "<p>" + link("/sign-in", p.t("action.back_to_sign_in")) + "</p>";
  return render(p, code, title, body);
}

Vars error_vars(const SignInExperience& config) {
  const auto& pol = config.password_policy;
  return {{"min", std::to_string(pol.min_length)},
          {"max", std::to_string(pol.max_length)},
          {"types", std::to_string(pol.min_character_types)},
          {"minutes", std::to_string(config.lockout_minutes)}};
}

std::string error_message(const PageRequest& p, const Error& error) {
  return error_text(p.lang, error, error_vars(*p.config));
}

http::Response error_response(const PageRequest& p, const Error& error) {
  log_error(error);
  status code = oidc::oauth_error_status(error.code);
  if (code == status::unauthorized) code = status::bad_request;
  bool session = error.key == keys::kSessionNotFound;
  std::string title = p.t(session ? "page.error.session_title" : "page.error.title");
  http::Response res = message(p, code, title, error_message(p, error));
  if (error.code == Errc::TooManyRequests && error.retry_after > 0) {
    res.set(http::bhttp::field::retry_after, std::to_string(error.retry_after));  // RFC 6585 §4
  }
  return res;
}

std::string form_open(const PageRequest& p, std::string_view action) {
  if (p.preview) return "<form novalidate>";
  return "<form method=\"post\" action=\"" + std::string(action) + "\" novalidate>" +
         csrf_input(p.csrf);
}

std::string input(std::string_view name, const std::string& label, std::string_view type,
                  std::string_view value, std::string_view attrs) {
  std::string id = "f-" + std::string(name);
  return "<label for=\"" + id + "\">" + html_escape(label) + "</label><input id=\"" + id +
         "\" name=\"" + std::string(name) + "\" type=\"" + std::string(type) + "\" value=\"" +
         html_escape(value) + "\" " + std::string(attrs) + ">";
}

std::string submit_button(const std::string& label, std::string_view name, std::string_view value,
                          bool secondary) {
  std::string out = "<button type=\"submit\"";
  if (secondary) out += " class=\"secondary\"";
  if (!name.empty())
    out += " name=\"" + std::string(name) + "\" value=\"" + std::string(value) + "\"";
  return out + ">" + html_escape(label) + "</button>";
}

std::string alert_html(const std::string& message) {
  if (message.empty()) return {};
  return "<p class=\"error\" role=\"alert\">" + html_escape(message) + "</p>";
}

std::string notice_html(const std::string& message) {
  return "<p class=\"notice\" role=\"status\">" + html_escape(message) + "</p>";
}

std::string link(std::string_view href, const std::string& label) {
  return "<a href=\"" + html_escape(href) + "\">" + html_escape(label) + "</a>";
}

std::string terms_checkbox(const PageRequest& p) {
  const auto& c = *p.config;
  if (c.terms_of_use_url.empty() && c.privacy_policy_url.empty()) return {};
  std::string text = html_escape(p.t("terms.agree")) + " ";
  if (!c.terms_of_use_url.empty()) text += link(c.terms_of_use_url, p.t("terms.terms_of_use"));
  if (!c.terms_of_use_url.empty() && !c.privacy_policy_url.empty()) {
    text += " " + html_escape(p.t("terms.and")) + " ";
  }
  if (!c.privacy_policy_url.empty())
    text += link(c.privacy_policy_url, p.t("terms.privacy_policy"));
  return "<div class=\"terms\"><input id=\"f-terms\" type=\"checkbox\" name=\"terms\" value=\"1\">"
         "<label for=\"f-terms\" class=\"inline\">" +
         text + "</label></div>";
}

std::string social_buttons(const PageRequest& p) {
  std::string out;
  // One small POST form per provider: starting a social sign-in changes the interaction, so it
  // carries the CSRF token like every other step.
  for (const auto& b : p.social) {
    out += p.preview ? "<form>"
                     : "<form method=\"post\" action=\"/social/" + html_escape(b.connector_id) +
                           "\">" + csrf_input(p.csrf);
    out +=
        "<button type=\"submit\" class=\"secondary social-button\"><span class=\"social-logo\">" +
        b.logo_svg + "</span><span>" + html_escape(p.t("action.social", {{"name", b.name}})) +
        "</span></button></form>";
  }
  return out.empty() ? out : "<div class=\"social\">" + out + "</div>";
}

}  // namespace latch::experience
