#include "experience/pages/page_kit.hpp"

#include "core/error_keys.hpp"
#include "core/log.hpp"
#include "experience/pages.hpp"
#include "http/form.hpp"
#include "oidc/error_response.hpp"

namespace latch::experience {

using http::Attrs;
using http::Element;
using http::Html;
using http::VoidElement;
using http::bhttp::status;

namespace {

Html brand_header(const PageRequest& p) {
  const auto& c = *p.config;
  Element header("header", {{"class", "brand"}});
  if (c.logo_url.empty()) return header.add(Element("p", {{"class", "app-name"}}).text(c.app_name));
  auto scheme = p.preview ? p.preview->scheme : ColorScheme::System;
  bool dark_logo = !c.dark_logo_url.empty() && c.dark_mode_enabled;
  Element picture("picture");
  if (dark_logo && scheme == ColorScheme::System) {
    picture.add(VoidElement(
        "source", {{"srcset", c.dark_logo_url}, {"media", "(prefers-color-scheme: dark)"}}));
  }
  const auto& logo = dark_logo && scheme == ColorScheme::Dark ? c.dark_logo_url : c.logo_url;
  picture.add(VoidElement("img", {{"class", "logo"}, {"src", logo}, {"alt", c.app_name}}));
  return header.add(picture);
}

Html head(const PageRequest& p, const std::string& title) {
  const auto& c = *p.config;
  Element out("head");
  out.add(VoidElement("meta", {{"charset", "utf-8"}}));
  out.add(VoidElement("meta",
                      {{"name", "viewport"}, {"content", "width=device-width, initial-scale=1"}}));
  out.add(Element("title").text(title + " | " + c.app_name));
  if (!c.favicon.empty()) out.add(VoidElement("link", {{"rel", "icon"}, {"href", c.favicon}}));
  out.add(VoidElement("link", {{"rel", "stylesheet"}, {"href", "/static/latch.css"}}));
  std::string brand = "/static/brand.css?v=" + std::to_string(c.version);
  if (!p.organization_id.empty()) {
    brand += "&organization=" + http::percent_encode(p.organization_id);
  }
  if (p.preview) brand = p.preview->brand_href;
  return out.add(VoidElement("link", {{"rel", "stylesheet"}, {"href", brand}}));
}

// The preview's ribbon and draft notice; its controls sit in a disabled fieldset.
Html preview_body(const PageRequest& p, const Html& body) {
  Html out =
      Element("p", {{"class", "preview-ribbon"}, {"role", "note"}}).text(p.t("preview.ribbon"));
  if (!p.preview->notice.empty()) {
    out += alert_box(p.t("preview.invalid_draft", {{"error", p.preview->notice}}));
  }
  return out + Element("fieldset", {{"class", "preview-body"}, {"disabled"}}).add(body);
}

// The main card: the brand, the title, the app being signed in to, and `body`.
Html card(const PageRequest& p, const std::string& title, const Html& body) {
  Element out("main", {{"class", "card"}});
  out.add(brand_header(p)).add(Element("h1").text(title));
  std::string app = p.view ? p.view->app_name : p.preview ? p.t("preview.app_name") : "";
  if (!app.empty()) {
    out.add(Element("p", {{"class", "muted"}}).text(p.t("page.to_continue", {{"app", app}})));
  }
  return out.add(p.preview ? preview_body(p, body) : body);
}

Html csrf_input(const PageRequest& p) {
  return VoidElement("input", {{"type", "hidden"}, {"name", "csrf"}, {"value", p.csrf}});
}

void set_security_headers(const PageRequest& p, http::Response& res) {
  // No form-action: browsers apply it to the redirects after a form post too, and a finished
  // sign-in ends in a redirect to the app's origin (/sign-in -> /oidc/auth/:uid -> app).
  // The preview has no form to send and is framed by the console, on this origin only.
  // script-src 'self': /static/webauthn.js, the WebAuthn ceremonies' glue (no inline script).
  // The preview runs no script at all.
  std::string script = p.preview ? "" : "script-src 'self'; ";
  res.set(
      "Content-Security-Policy",
      "default-src 'none'; " + script + "style-src 'self'; img-src 'self' data: https: http:; " +
          (p.preview ? "form-action 'none'; frame-ancestors 'self'" : "frame-ancestors 'none'") +
          "; base-uri 'none'");
  if (p.preview) res.set("X-Frame-Options", "SAMEORIGIN");
  res.set(http::bhttp::field::content_language, tag(p.lang));
  http::set_no_store(res);
}

}  // namespace

http::Response render(const PageRequest& p, status code, const std::string& title,
                      const Html& body) {
  Element root("html", {{"lang", tag(p.lang)}});
  if (p.preview) root.attr("class", "preview");
  root.add(head(p, title)).add(Element("body").add(card(p, title, body)));
  http::Response res = http::html_response(code, Html::document(root));
  set_security_headers(p, res);
  return res;
}

http::Response message(const PageRequest& p, status code, const std::string& title,
                       const std::string& text, bool back) {
  Html body = paragraph(text);
  if (back && p.view) body += Element("p").add(link("/sign-in", p.t("action.back_to_sign_in")));
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
  status code = oidc::oauth_error_status(error);
  if (code == status::unauthorized) code = status::bad_request;
  bool session = error.key == keys::kSessionNotFound;
  std::string title = p.t(session ? "page.error.session_title" : "page.error.title");
  http::Response res = message(p, code, title, error_message(p, error));
  if (error.code == Errc::TooManyRequests && error.retry_after > 0) {
    res.set(http::bhttp::field::retry_after, std::to_string(error.retry_after));  // RFC 6585 §4
  }
  return res;
}

Html form(const PageRequest& p, std::string_view action, const Html& fields) {
  if (p.preview) return Element("form", {{"novalidate"}}).add(fields);
  Element out("form", {{"method", "post"}, {"action", action}, {"novalidate"}});
  return out.add(csrf_input(p)).add(fields);
}

Html input(std::string_view name, const std::string& label, std::string_view type,
           std::string_view value, Attrs extra) {
  std::string id = "f-" + std::string(name);
  VoidElement field("input", {{"id", id}, {"name", name}, {"type", type}, {"value", value}});
  return Element("label", {{"for", id}}).text(label) + field.attrs(extra);
}

Html submit_button(const std::string& label, std::string_view name, std::string_view value,
                   bool secondary) {
  Element button("button", {{"type", "submit"}});
  if (secondary) button.attr("class", "secondary");
  if (!name.empty()) button.attr("name", name).attr("value", value);
  return button.text(label);
}

Html alert_box(const std::string& message) {
  if (message.empty()) return {};
  return Element("p", {{"class", "error"}, {"role", "alert"}}).text(message);
}

Html notice_box(const std::string& message) {
  if (message.empty()) return {};
  return Element("p", {{"class", "notice"}, {"role", "status"}}).text(message);
}

Html link(std::string_view href, const std::string& label) {
  return Element("a", {{"href", href}}).text(label);
}

Html paragraph(const std::string& text) { return Element("p").text(text); }

Html terms_checkbox(const PageRequest& p) {
  const auto& c = *p.config;
  if (c.terms_of_use_url.empty() && c.privacy_policy_url.empty()) return {};
  Element label("label", {{"for", "f-terms"}, {"class", "inline"}});
  label.text(p.t("terms.agree") + " ");
  if (!c.terms_of_use_url.empty()) label.add(link(c.terms_of_use_url, p.t("terms.terms_of_use")));
  if (!c.terms_of_use_url.empty() && !c.privacy_policy_url.empty()) {
    label.text(" " + p.t("terms.and") + " ");
  }
  if (!c.privacy_policy_url.empty()) {
    label.add(link(c.privacy_policy_url, p.t("terms.privacy_policy")));
  }
  VoidElement box("input",
                  {{"id", "f-terms"}, {"type", "checkbox"}, {"name", "terms"}, {"value", "1"}});
  return Element("div", {{"class", "terms"}}).add(box).add(label);
}

Html social_buttons(const PageRequest& p) {
  if (p.social.empty()) return {};
  Element out("div", {{"class", "social"}});
  // One small POST form per provider: starting a social sign-in changes the interaction, so it
  // carries the CSRF token like every other step.
  for (const auto& b : p.social) {
    Element button("button", {{"type", "submit"}, {"class", "secondary social-button"}});
    button.add(Element("span", {{"class", "social-logo"}}).add(b.logo));
    button.add(Element("span").text(p.t("action.social", {{"name", b.name}})));
    if (p.preview) {
      out.add(Element("form").add(button));
    } else {
      out.add(Element("form", {{"method", "post"}, {"action", "/social/" + b.connector_id}})
                  .add(csrf_input(p))
                  .add(button));
    }
  }
  return out;
}

}  // namespace latch::experience
