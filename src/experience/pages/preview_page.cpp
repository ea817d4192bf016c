// The admin console's live preview of the hosted sign-in and register pages. The console frames
// /console/preview/{sign-in,register}?lang=&mode=&config= and passes the operator's unsaved
// edits as `config`: base64url (RFC 4648 §5) of a JSON object applied to the stored sign-in
// experience like PATCH /api/sign-in-exp, never stored. The page is the real page's markup with
// every control disabled, no form action and no CSRF token.
#include <boost/json/parse.hpp>
#include <optional>

#include "crypto/encoding.hpp"
#include "experience/hosted_ui.hpp"
#include "experience/pages/page_bodies.hpp"
#include "http/blocking.hpp"
#include "http/form.hpp"

namespace latch::experience {
namespace {

using http::bhttp::status;

// The largest draft accepted, decoded. Its base64url (4/3 of it) plus the rest of the request
// stays under the server's 16 KiB header limit.
constexpr std::size_t kMaxDraftBytes = 8 * 1024;

// The draft as the request carries it.
struct Draft {
  std::shared_ptr<const SignInExperience> config;  // stored settings + the draft when it applies
  std::string encoded;  // the applied draft, re-encoded for the stylesheet URL; "" when none
  std::string error;    // why the draft did not apply, or ""
};

bool too_large(std::string_view encoded) {
  while (encoded.ends_with('=')) encoded.remove_suffix(1);  // padding a client may add
  return encoded.size() > (kMaxDraftBytes * 4 + 2) / 3;
}

// The draft applied to `stored`. REQUIRES: !too_large(encoded).
Draft read_draft(std::shared_ptr<const SignInExperience> stored, std::string_view encoded) {
  Draft d{.config = std::move(stored)};
  while (encoded.ends_with('=')) encoded.remove_suffix(1);
  if (encoded.empty()) return d;
  auto bytes = crypto::base64url_decode(encoded);
  if (!bytes) {
    d.error = "config is not base64url";
    return d;
  }
  boost::system::error_code ec;
  auto value = boost::json::parse(*bytes, ec);
  if (ec || !value.is_object()) {
    d.error = "config is not a JSON object";
    return d;
  }
  auto patched = apply_patch(*d.config, value.as_object());
  if (!patched) {
    d.error = patched.error().description;
    return d;
  }
  d.config = std::make_shared<const SignInExperience>(std::move(*patched));
  d.encoded = crypto::base64url_encode(*bytes);
  return d;
}

ColorScheme scheme_of(std::string_view mode) {
  if (mode == "light") return ColorScheme::Light;
  if (mode == "dark") return ColorScheme::Dark;
  return ColorScheme::System;
}

std::string brand_href(const Draft& draft, ColorScheme scheme) {
  http::Params query{{"mode", scheme == ColorScheme::Light  ? "light"
                              : scheme == ColorScheme::Dark ? "dark"
                                                            : "system"}};
  if (!draft.encoded.empty()) query.add("config", draft.encoded);
  return http::with_query("/console/preview/brand.css", query);
}

// `lang=en|ja`, else as the hosted pages choose (the draft's languageInfo, Accept-Language).
Lang language_of(const SignInExperience& config, const http::Request& req) {
  std::string_view lang = req.query.value("lang");
  if (lang == "en") return Lang::En;
  if (lang == "ja") return Lang::Ja;
  return choose_language(config, "", req.header(http::bhttp::field::accept_language));
}

// Fetch Metadata (W3C): the browser says the page loads into a frame of a same-origin page. A
// draft is attacker-chosen text, so it renders only where frame-ancestors 'self' lets it show.
bool framed_by_this_origin(const http::Request& req) {
  auto site = req.header("Sec-Fetch-Site");
  return req.header("Sec-Fetch-Dest") == "iframe" && (site.empty() || site == "same-origin");
}

}  // namespace

http::Response HostedUi::preview(const http::Request& req, PreviewOf page) {
  PageRequest p = bare_request(req);
  p.lang = language_of(*p.config, req);
  if (!framed_by_this_origin(req)) {
    return message(p, status::bad_request, p.t("preview.title"), p.t("preview.framed_only"));
  }
  auto scheme = scheme_of(req.query.value("mode"));
  p.preview = PreviewFrame{brand_href({}, scheme), scheme, ""};
  std::string_view encoded = req.query.value("config");
  if (too_large(encoded)) {
    return message(p, status::bad_request, p.t("preview.title"),
                   p.t("preview.too_large", {{"kib", std::to_string(kMaxDraftBytes / 1024)}}));
  }
  Draft draft = read_draft(p.config, encoded);
  p.config = draft.config;
  p.lang = language_of(*p.config, req);
  p.preview = PreviewFrame{brand_href(draft, scheme), scheme, draft.error};
  load_social(p);
  if (page == PreviewOf::Register) {
    return render(p, status::ok, p.t("page.register.title"), register_body(p, "", ""));
  }
  auto configured = deps_.messages.configured("email");
  bool can_reset = configured && *configured && p.config->allows_reset_by(kForgotByEmail);
  return render(p, status::ok, p.t("page.sign_in.title"), sign_in_body(p, can_reset, "", "", ""));
}

http::Response HostedUi::preview_stylesheet(const http::Request& req) const {
  std::string_view encoded = req.query.value("config");
  if (too_large(encoded)) {
    return http::text_response(status::bad_request, "The draft is too large to preview.");
  }
  // A draft that does not apply shows the stored branding (its page names the error).
  Draft draft = read_draft(deps_.settings.get(), encoded);
  http::Response res = http::text_response(
      status::ok, brand_stylesheet(*draft.config, scheme_of(req.query.value("mode"))));
  res.set(http::bhttp::field::content_type, "text/css; charset=utf-8");
  http::set_no_store(res);
  return res;
}

http::asio::awaitable<http::Response> HostedUi::serve_preview(http::Request& req, PreviewOf page) {
  auto job = [&] { return preview(req, page); };  // reads the social connectors: blocks
  co_return co_await http::run_blocking(deps_.pools.database, job);
}

}  // namespace latch::experience
