#include "experience/hosted_ui.hpp"

#include <spdlog/spdlog.h>

#include "core/error_keys.hpp"
#include "crypto/encoding.hpp"
#include "crypto/hash.hpp"
#include "experience/pages.hpp"
#include "experience/pages/mfa_page_kit.hpp"
#include "experience/pages/organization_branding.hpp"
#include "experience/pages/page_lanes.hpp"
#include "http/client_address.hpp"
#include "http/form.hpp"
#include "oidc/error_response.hpp"

namespace latch::experience {

using http::bhttp::status;

IdentifierType identifier_type_of(std::string_view value) {
  if (value.find('@') != std::string_view::npos) return IdentifierType::Email;
  std::size_t start = !value.empty() && value[0] == '+' ? 1 : 0;
  bool digits = value.size() > start &&
                value.find_first_not_of("0123456789", start) == std::string_view::npos;
  return digits ? IdentifierType::Phone : IdentifierType::Username;
}

std::string op_error_phrase(const Error& error, Lang lang) {
  // The OP's descriptions are English and meant for developers: its page explains in the
  // visitor's language and keeps the description as a technical detail.
  bool from_op = error.key.empty() || error.key.starts_with("oidc.");
  if (!from_op) return "";
  if (error.code == Errc::InvalidClient || error.code == Errc::NotFound) {
    return "error.oauth.invalid_client";
  }
  std::string own = "error." + error.key;
  return !error.key.empty() && has_phrase(lang, own) ? own : "error.oauth.invalid_request";
}

std::string HostedUi::entry_url(const oidc::AuthorizationRequest& request) const {
  // direct_sign_in=sso:<connectorId> skips the sign-in page (sso_pages.cpp checks the id), at
  // Logto's path for it (its experience's direct/:method/:target).
  if (request.direct_sign_in.starts_with("sso:") && request.direct_sign_in.size() > 4) {
    return "/direct/sso/" + http::percent_encode(request.direct_sign_in.substr(4));
  }
  return request.first_screen == "register" ? "/register" : "/sign-in";
}

// Logto's consent page address: /consent?app_id=<client id>.
std::string HostedUi::consent_url(const oidc::AuthorizationRequest& request) const {
  return "/consent?app_id=" + http::percent_encode(request.client_id);
}

PageRequest HostedUi::bare_request(const http::Request& req) const {
  PageRequest p{.http = req, .config = deps_.settings.get()};
  p.lang = choose_language(*p.config, "", req.header(http::bhttp::field::accept_language));
  return p;
}

http::Response HostedUi::error_page(const http::Request& request, const Error& error) const {
  PageRequest p = bare_request(request);
  // An authorization request the OP refused: its ui_locales still says which language to use.
  p.lang = choose_language(*p.config, request.query.value("ui_locales"),
                           request.header(http::bhttp::field::accept_language));
  std::string key = op_error_phrase(error, p.lang);
  if (key.empty()) return error_response(p, error);
  std::string text = p.t(key);
  http::Element details("details");
  details.add(http::Element("summary").text(p.t("page.error.details")));
  details.add(http::Element("code").text(error.description));
  auto code = oidc::oauth_error_status(error);
  if (code == status::unauthorized) code = status::bad_request;
  return render(p, code, p.t("page.error.title"), paragraph(text) + details);
}

http::Response HostedUi::signed_out_page(const http::Request& request) const {
  PageRequest p = bare_request(request);
  return message(p, status::ok, p.t("page.signed_out.title"), p.t("page.signed_out.body"));
}

http::Response HostedUi::logout_prompt_page(const http::Request& request,
                                            const oidc::LogoutPrompt& prompt) const {
  PageRequest p = bare_request(request);
  p.lang = choose_language(*p.config, prompt.fields.value("ui_locales"),
                           request.header(http::bhttp::field::accept_language));
  std::string title = prompt.app_name.empty()
                          ? p.t("page.logout.title_any")
                          : p.t("page.logout.title", {{"app", prompt.app_name}});
  http::Element confirm("form", {{"method", "post"}, {"action", prompt.action}});
  for (const auto& [name, value] : prompt.fields.items()) {
    confirm.add(http::VoidElement("input", {{"type", "hidden"}, {"name", name}, {"value", value}}));
  }
  confirm.add(submit_button(p.t("action.sign_out"), "logout", "yes"))
      .add(submit_button(p.t("action.cancel"), "logout", "no", true));
  return render(p, status::ok, title, paragraph(p.t("page.logout.body")) + confirm);
}

http::Response HostedUi::still_signed_in_page(const http::Request& request) const {
  PageRequest p = bare_request(request);
  return message(p, status::ok, p.t("page.still_signed_in.title"),
                 p.t("page.still_signed_in.body"));
}

oidc::FormPostWords HostedUi::form_post_words(const http::Request& request) const {
  PageRequest p = bare_request(request);
  p.lang = choose_language(*p.config, request.query.value("ui_locales"),
                           request.header(http::bhttp::field::accept_language));
  return {.lang = std::string(tag(p.lang)),
          .text = p.t("page.form_post.text"),
          .button = p.t("action.continue")};
}

std::string HostedUi::csrf_token(const std::string& uid) const {
  return crypto::base64url_encode(crypto::hmac_sha256(deps_.csrf_key, "csrf:" + uid));
}

bool HostedUi::csrf_ok(const std::string& uid, std::string_view token) const {
  return crypto::constant_time_equal(csrf_token(uid), token);
}

void HostedUi::brand_for(PageRequest& p, const std::string& organization_id) {
  if (organization_id.empty() || p.preview) return;
  auto organization = deps_.service.organization(organization_id);
  if (!organization) {
    // The page still works in the default branding.
    spdlog::error("cannot read organization {}: {} {}", organization_id,
                  organization.error().description, organization.error().detail);
    return;
  }
  if (!*organization) return;  // an unknown organization: the default branding, not an error
  p.config = with_organization_branding(*p.config, **organization);
  p.organization_id = organization_id;
}

http::Response HostedUi::brand_stylesheet_for(const http::Request& req) {
  PageRequest p = bare_request(req);
  brand_for(p, std::string(req.query.value("organization")));
  http::Response res = http::text_response(status::ok, brand_stylesheet(*p.config));
  res.set(http::bhttp::field::content_type, "text/css; charset=utf-8");
  res.set(http::bhttp::field::cache_control, "no-cache");
  return res;
}

void HostedUi::load_social(PageRequest& p) {
  if (p.config->social_targets.empty()) return;
  auto enabled = deps_.social.for_targets(p.config->social_targets);
  if (!enabled) {
    // The page still works without its social buttons.
    spdlog::error("cannot list social connectors: {} {}", enabled.error().description,
                  enabled.error().detail);
    return;
  }
  for (const auto& info : *enabled) {
    // Raw markup, reviewed: logo_svg is an SVG literal compiled into each connector kind
    // (src/connectors/social/*_connector.cpp); configuration cannot set it.
    auto logo = http::Html::trusted_markup(info.factory->metadata().logo_svg);
    p.social.push_back({info.record.id, display_name(info), std::move(logo)});
  }
}

Result<std::string> HostedUi::send_code(PageRequest& p, const Identifier& id) {
  auto sent = deps_.flow.send_code(p.ctx, id);
  if (!sent && sent.error().code == Errc::TooManyRequests) p.refusal = sent.error();
  return sent;
}

http::Response HostedUi::prepare_and_run(http::Request& req, const PageRoute& route) {
  deps_.flow.catch_up_settings();
  PageRequest p = bare_request(req);
  if (route.counted && req.method() == http::bhttp::verb::post) {
    std::string address = http::address_key(req.remote_address);
    std::int64_t wait = deps_.sign_in_attempts.blocked_for(address);
    if (wait == 0) wait = deps_.sign_in_attempts.hit(address);
    if (wait > 0) return error_response(p, too_many_requests(wait));
  }
  auto uid = interaction_uid(req);
  if (uid) {
    auto view = deps_.service.load(*uid);
    if (view) {
      p.lang = choose_language(*p.config, view->request.ui_locales,
                               req.header(http::bhttp::field::accept_language));
      p.view = std::move(*view);
      p.ctx = {*uid, req.remote_address, p.lang,
               std::string(req.header(http::bhttp::field::user_agent)),
               req.cookie(kTrustedDeviceCookie).value_or("")};
      p.csrf = csrf_token(*uid);
      brand_for(p, p.view->request.organization_id);
    }
  }
  if (route.device_csrf) p.csrf = device_csrf_token(req);
  if (route.needs_session && !p.view) {
    return error_response(p, keyed_error(Errc::NotFound, keys::kSessionNotFound));
  }
  p.post = req.method() == http::bhttp::verb::post;
  if (p.post) {
    auto form = form_of(req);
    bool valid = form && (route.device_csrf ? !p.csrf.empty() && crypto::constant_time_equal(
                                                                     p.csrf, form->value("csrf"))
                                            : p.view && csrf_ok(p.ctx.uid, form->value("csrf")));
    if (!valid) {
      return error_response(p, keyed_error(Errc::InvalidRequest, "session.form_expired"));
    }
    p.form = std::move(*form);
    // The sign-in already ended: a double submit, or a request a proxy replayed after the node
    // that answered it died before its answer left. The browser still holds the interaction, so
    // it goes on to the authorization that the first answer would have sent it to.
    if (route.final_step && p.view->interaction.user_id) {
      const std::string& invitation = p.view->request.invitation_id;
      if (!p.view->request.device_user_code.empty()) {
        return http::redirect_response("/device/consent");
      }
      return http::redirect_response(invitation.empty() ? "/oidc/auth/" + p.ctx.uid
                                                        : "/invitation/" + invitation + "/done");
    }
  }
  http::Response res = (this->*route.fn)(p);
  return p.refusal ? error_response(p, *p.refusal) : res;
}

http::asio::awaitable<http::Response> HostedUi::serve(http::Request& req, const PageRoute& route) {
  http::Lane lane = route.lane ? route.lane(req) : http::Lane::Database;
  auto job = [&] { return prepare_and_run(req, route); };
  auto page = co_await http::run_on(deps_.pools, lane, job);
  if (page) co_return std::move(*page);
  // The pool refused: render from memory on this thread (the settings are cached).
  spdlog::warn("{} {}: {}", std::string(http::bhttp::to_string(req.method())), req.path,
               http::lane_busy(lane).detail);
  co_return error_response(bare_request(req), http::lane_busy(lane));
}

void HostedUi::mount(http::Router& router) {
  auto css = [](http::Request&) -> http::asio::awaitable<http::Response> {
    http::Response res = http::text_response(status::ok, std::string(base_stylesheet()));
    res.set(http::bhttp::field::content_type, "text/css; charset=utf-8");
    res.set(http::bhttp::field::cache_control, "public, max-age=3600");
    co_return res;
  };
  auto brand = [this](http::Request& req) -> http::asio::awaitable<http::Response> {
    if (req.query.value("organization").empty()) co_return brand_stylesheet_for(req);
    // An organization's branding is read from the database.
    auto job = [&] { return brand_stylesheet_for(req); };
    auto css = co_await http::run_on(deps_.pools, http::Lane::Database, job);
    if (css) co_return std::move(*css);
    co_return error_response(bare_request(req), http::lane_busy(http::Lane::Database));
  };
  auto page = [this](PageRoute route) {
    return [this, route](http::Request& req) { return serve(req, route); };
  };
  auto script = [](http::Request&) -> http::asio::awaitable<http::Response> {
    http::Response res = http::text_response(status::ok, std::string(webauthn_script()));
    res.set(http::bhttp::field::content_type, "text/javascript; charset=utf-8");
    res.set(http::bhttp::field::cache_control, "public, max-age=3600");
    res.set("X-Content-Type-Options", "nosniff");
    co_return res;
  };
  auto g = router.group("");
  g.get("/static/latch.css", css)
      .get("/static/brand.css", brand)
      .get("/static/webauthn.js", script);
  // GET renders from the database; POST runs the step on the pool its slow part needs. POSTs to
  // /sign-in and /register count against sign_in_attempts.
  for (auto [path, fn, lane] : {
           std::tuple{"/sign-in", &HostedUi::sign_in, &page_lanes::sign_in},
           std::tuple{"/register", &HostedUi::sign_up, &page_lanes::sign_up},
           std::tuple{"/verification-code", &HostedUi::code, &page_lanes::code},
           std::tuple{"/forgot-password", &HostedUi::forgot, &page_lanes::outbound},
           std::tuple{"/forgot-password/reset", &HostedUi::reset, &page_lanes::hashing},
           std::tuple{"/continue", &HostedUi::continue_step, &page_lanes::continue_step},
           std::tuple{"/consent", &HostedUi::consent, &page_lanes::database},
       }) {
    bool counted = fn == &HostedUi::sign_in || fn == &HostedUi::sign_up;
    bool final_step = counted || fn == &HostedUi::code || fn == &HostedUi::continue_step;
    g.get(path, page({fn})).post(path, page({fn, true, lane, counted, final_step}));
  }
  // Second factors and passkeys: every POST may end the sign-in; verifying one counts.
  g.get("/sign-in/mfa", page({&HostedUi::mfa_verify}))
      .post("/sign-in/mfa", page({&HostedUi::mfa_verify, true, &page_lanes::mfa, true, true}));
  for (auto [path, fn] : {
           std::pair{"/sign-in/mfa/enroll", &HostedUi::mfa_enroll},
           std::pair{"/sign-in/mfa/totp", &HostedUi::mfa_totp},
           std::pair{"/sign-in/mfa/webauthn", &HostedUi::mfa_webauthn},
           std::pair{"/sign-in/mfa/backup-codes", &HostedUi::mfa_backup_codes},
           std::pair{"/sign-in/mfa/address", &HostedUi::mfa_address},
       }) {
    g.get(path, page({fn})).post(path, page({fn, true, nullptr, false, true}));
  }
  g.get("/sign-in/mfa/totp.svg", page({&HostedUi::mfa_totp_qr}));
  g.post("/sign-in/passkey", page({&HostedUi::passkey_sign_in, true, nullptr, true, true}));
  g.get("/account-suspended", page({&HostedUi::suspended, false}));
  g.get("/invitation/:id", page({&HostedUi::invitation, false}))
      .get("/invitation/:id/start", page({&HostedUi::invitation_start, false}))
      .get("/invitation/:id/done", page({&HostedUi::invitation_done, false}));
  PageRoute device{&HostedUi::device_entry, false, nullptr, false, false, true};
  g.get("/device", page(device)).post("/device", page(device));
  g.get("/device/consent", page({&HostedUi::device_consent}))
      .post("/device/consent", page({&HostedUi::device_consent}));
  g.post("/social/:connectorId", page({&HostedUi::social_start, true, &page_lanes::outbound}));
  g.get("/callback/:connectorId", page({&HostedUi::social_callback, true, &page_lanes::outbound}))
      .post("/callback/:connectorId",
            [this](http::Request& req) -> http::asio::awaitable<http::Response> {
              co_return social_form_post(req);
            });
  g.get("/sso", page({&HostedUi::sso}))
      .post("/sso", page({&HostedUi::sso, true, &page_lanes::outbound}));
  g.post("/sso/:connectorId", page({&HostedUi::sso_start, true, &page_lanes::outbound}));
  g.get("/direct/sso/:connectorId", page({&HostedUi::sso_direct, true, &page_lanes::outbound}));
  // The callback serves sign-ins and test sign-ins (which have no interaction).
  g.get("/callback/sso/:connectorId",
        page({&HostedUi::sso_callback, false, &page_lanes::outbound}));
  g.get("/sso/test/:ticket", page({&HostedUi::sso_test, false, &page_lanes::outbound}));
  g.get("/social/link", page({&HostedUi::social_link}))
      .post("/social/link", page({&HostedUi::social_link, true, &page_lanes::social_link}));
  auto preview = [this](PreviewOf of) {
    return [this, of](http::Request& req) { return serve_preview(req, of); };
  };
  auto preview_css = [this](http::Request& req) -> http::asio::awaitable<http::Response> {
    co_return preview_stylesheet(req);
  };
  g.get("/console/preview/sign-in", preview(PreviewOf::SignIn))
      .get("/console/preview/register", preview(PreviewOf::Register))
      .get("/console/preview/brand.css", preview_css);
}

}  // namespace latch::experience
