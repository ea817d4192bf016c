#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "experience/config/sign_in_experience.hpp"
#include "experience/experience_service.hpp"
#include "experience/flow/flow_service.hpp"
#include "experience/i18n/i18n.hpp"
#include "http/html.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

// What every hosted page handler works with, and the pieces pages are built from. Handlers run
// on a blocking pool (they load the interaction and call the flow service): the database pool,
// or the hashing or outbound pool for a step that needs it (page_lanes.hpp).
namespace latch::experience {

// A "Continue with ..." button: an enabled social connector.
struct SocialButton {
  std::string connector_id, name;
  http::Html logo;  // the connector's inline SVG
};

enum class ColorScheme { System, Light, Dark };

// What a page rendered for the console's live preview (/console/preview/*) does differently: the
// draft's stylesheet, a forced color scheme, inert forms and a "Preview" ribbon.
struct PreviewFrame {
  std::string brand_href;  // the draft's /console/preview/brand.css URL
  ColorScheme scheme = ColorScheme::System;
  std::string notice;  // why the draft could not be applied (the stored settings show), or ""
};

struct PageRequest {
  const http::Request& http;
  std::shared_ptr<const SignInExperience> config;
  Lang lang = Lang::En;
  FlowContext ctx;
  std::optional<InteractionView> view;  // absent when the browser has no live interaction
  http::Params form;                    // POST body (CSRF already checked)
  bool post = false;
  std::string csrf;                     // the token to embed in forms
  std::vector<SocialButton> social;     // HostedUi::load_social: the social list, in its order
  std::optional<PreviewFrame> preview;  // set on the console's preview pages only
  std::optional<Error> refusal;         // a rate limit refused a step: answers the request
  // The organization whose branding `config` carries (organization_branding.hpp), "" for the
  // sign-in experience's own: the page's stylesheet is /static/brand.css?organization=<id>.
  std::string organization_id;

  std::string t(std::string_view key, const Vars& vars = {}) const { return tr(lang, key, vars); }
  std::string_view field(std::string_view name) const { return form.value(name); }
};

// A full page: branding (logo, colors, favicon, custom CSS via /static/brand.css), the app name
// line, `title` (text) and `body`. No-store, strict CSP. A preview page (p.preview) may be framed
// by the same origin only, and its controls are disabled.
http::Response render(const PageRequest& p, http::bhttp::status status, const std::string& title,
                      const http::Html& body);
// A page with one paragraph of `text` and a link back to sign-in when `back`.
http::Response message(const PageRequest& p, http::bhttp::status status, const std::string& title,
                       const std::string& text, bool back = false);
// The error page for `error` in the page language (TooManyRequests: 429 with Retry-After).
http::Response error_response(const PageRequest& p, const Error& error);

// Building blocks. Every std::string argument is text (escaped when rendered), never markup.
// A form posting to `action` with the CSRF token, holding `fields`; inert (no action, no token)
// on a preview.
http::Html form(const PageRequest& p, std::string_view action, const http::Html& fields);
// A labelled input #f-`name`; `extra` adds attributes (autocomplete, required...).
http::Html input(std::string_view name, const std::string& label, std::string_view type,
                 std::string_view value, http::Attrs extra = {});
// A submit button; with a `name`, it sends name=value.
http::Html submit_button(const std::string& label, std::string_view name = "",
                         std::string_view value = "", bool secondary = false);
// An error paragraph (role=alert); nothing for an empty message.
http::Html alert_box(const std::string& message);
// A status paragraph (role=status); nothing for an empty message.
http::Html notice_box(const std::string& message);
http::Html link(std::string_view href, const std::string& label);
// A paragraph of text.
http::Html paragraph(const std::string& text);
http::Html terms_checkbox(const PageRequest& p);
http::Html social_buttons(const PageRequest& p);
// The phrase-translated message for a flow error, with the policy's numbers filled in.
std::string error_message(const PageRequest& p, const Error& error);
// The numbers error phrases may name ({min}, {max}, {types}, {minutes}), from `config`: every
// surface that shows a flow error fills them in.
Vars error_vars(const SignInExperience& config);

// The stylesheets served at /static/latch.css and /static/brand.css. `scheme` Light or Dark
// forces that scheme (the console's preview) instead of following prefers-color-scheme.
std::string_view base_stylesheet();
std::string brand_stylesheet(const SignInExperience& config,
                             ColorScheme scheme = ColorScheme::System);

}  // namespace latch::experience
