#include "account/page/account_pages.hpp"

#include <spdlog/spdlog.h>

#include "crypto/encoding.hpp"
#include "crypto/hash.hpp"
#include "crypto/pkce.hpp"
#include "crypto/random.hpp"
#include "experience/pages.hpp"
#include "http/form.hpp"
#include "model/application.hpp"
#include "oidc/provider.hpp"
#include "oidc/session_cookie.hpp"

namespace latch::account {
namespace {

using http::bhttp::status;

// Everything the page may do: it is the user at the identity provider, first-party.
std::vector<std::string> page_scopes() {
  return {std::string(scope::kOpenId),     std::string(scope::kProfile),
          std::string(scope::kEmail),      std::string(scope::kPhone),
          std::string(scope::kAddress),    std::string(scope::kIdentities),
          std::string(scope::kCustomData), std::string(scope::kSessions)};
}

std::string callback_uri(const Config& config) { return config.endpoint + "/account/callback"; }

// "<state>.<verifier>" of the sign-in cookie.
std::pair<std::string, std::string> split_sign_in(std::string_view cookie) {
  auto dot = cookie.find('.');
  if (dot == std::string_view::npos) return {};
  return {std::string(cookie.substr(0, dot)), std::string(cookie.substr(dot + 1))};
}

// Checks the code the OP sent back for the page's own sign-in and spends it: it must be
// unspent, unexpired, the page's, for the page's callback and the verifier of this browser.
// The page has no use for tokens; the sign-in left the browser session it works with.
Result<void> spend_code(storage::Tx& tx, const std::string& code, const std::string& verifier,
                        const Config& config, std::int64_t now) {
  auto invalid = [] { return keyed_error(Errc::InvalidRequest, "session.form_expired", "code"); };
  auto found = tx.codes().find(crypto::token_hash(code));
  if (!found) return found.error();
  if (!*found) return invalid();
  const auto& c = **found;
  if (c.client_id != model::kAccountAppId || c.redirect_uri != callback_uri(config) ||
      c.consumed_at != 0 || c.expires_at <= now ||
      !crypto::verify_s256(verifier, c.code_challenge)) {
    return invalid();
  }
  auto consumed = tx.codes().consume(c.code_hash, now);
  if (!consumed) return consumed.error();
  if (consumed->outcome != model::ConsumeOutcome::Consumed) return invalid();
  return tx.grants().revoke(c.grant_id);
}

}  // namespace

http::CookieOptions page_cookie(const Config& config, std::int64_t max_age) {
  http::CookieOptions opts;
  opts.path = "/account";
  opts.secure = config.secure_cookies();
  opts.max_age = std::chrono::seconds(max_age);
  return opts;
}

std::string AccountPages::csrf_token(const std::string& session_hash) const {
  return crypto::base64url_encode(crypto::hmac_sha256(deps_.csrf_key, "account:" + session_hash));
}

std::optional<std::pair<std::string, std::string>> AccountPages::registered_return(
    std::string_view url) const {
  if (url.empty() || url.size() > 2048) return std::nullopt;
  auto snapshot = deps_.catalog.snapshot();
  for (const auto& [id, entry] : snapshot->clients) {
    const auto& app = entry.app;
    for (const auto* list : {&app.redirect_uris, &app.post_logout_redirect_uris}) {
      if (std::find(list->begin(), list->end(), url) != list->end()) {
        return std::pair{std::string(url), app.name};
      }
    }
  }
  return std::nullopt;
}

Result<std::optional<AccountRequest>> AccountPages::load(const http::Request& req) {
  auto cookie = oidc::read_session_cookie(req, deps_.cookie_key);
  if (!cookie || cookie->empty()) return std::optional<AccountRequest>();
  std::int64_t now = deps_.clock.now_seconds();
  std::optional<AccountRequest> out;
  auto done = deps_.store.read([&](storage::Tx& tx) -> Result<void> {
    auto session = tx.sessions().find(crypto::token_hash(*cookie));
    if (!session) return session.error();
    if (!*session || (*session)->expires_at <= now) return ok();
    auto user = tx.users().find((*session)->user_id);
    if (!user) return user.error();
    if (!*user || (*user)->is_suspended) return ok();
    AccountCaller caller{
        .user_id = (*user)->id, .session_id_hash = (*session)->id_hash, .scopes = page_scopes()};
    caller.ip = req.remote_address;
    caller.user_agent = std::string(req.header(http::bhttp::field::user_agent));
    auto verified = req.cookie(kVerifiedCookie);
    if (verified && !verified->empty()) {
      auto record = tx.verification_records().find(*verified);
      if (!record) return record.error();
      caller.identity_verified = *record && proves_identity(**record, caller.user_id, now);
    }
    out.emplace(AccountRequest{.page = {.http = req, .config = deps_.settings.get()},
                               .caller = std::move(caller),
                               .user = std::move(**user)});
    return ok();
  });
  if (!done) return done.error();
  return out;
}

http::Response AccountPages::sign_in_redirect(const http::Request& req,
                                              const experience::PageRequest& p) {
  std::string state = crypto::random_token(16);
  std::string verifier = crypto::random_token(32);
  std::string challenge = crypto::base64url_encode(crypto::sha256(verifier));
  http::Params query{{"client_id", std::string(model::kAccountAppId)},
                     {"response_type", "code"},
                     {"redirect_uri", callback_uri(deps_.config)},
                     {"scope", "openid"},
                     {"state", state},
                     {"code_challenge", challenge},
                     {"code_challenge_method", "S256"},
                     {"ui_locales", std::string(experience::tag(p.lang))}};
  http::Response res = http::redirect_response(http::with_query("/oidc/auth", query));
  res.insert(http::bhttp::field::set_cookie, http::set_cookie(kSignInCookie, state + "." + verifier,
                                                              page_cookie(deps_.config, 600)));
  if (auto back = registered_return(req.query.value("redirect"))) {
    res.insert(http::bhttp::field::set_cookie,
               http::set_cookie(kReturnCookie, crypto::base64url_encode(back->first),
                                page_cookie(deps_.config, 3600)));
  }
  http::set_no_store(res);
  return res;
}

http::Response AccountPages::callback(const http::Request& req) {
  experience::PageRequest p{.http = req, .config = deps_.settings.get()};
  p.lang =
      experience::choose_language(*p.config, "", req.header(http::bhttp::field::accept_language));
  auto [state, verifier] = split_sign_in(req.cookie(kSignInCookie).value_or(""));
  std::string_view code = req.query.value("code");
  if (state.empty() || code.empty() ||
      !crypto::constant_time_equal(state, req.query.value("state"))) {
    return experience::error_response(
        p, keyed_error(Errc::InvalidRequest, "session.form_expired", "account sign-in state"));
  }
  std::int64_t now = deps_.clock.now_seconds();
  auto spent = deps_.store.transact([&](storage::Tx& tx) {
    return spend_code(tx, std::string(code), verifier, deps_.config, now);
  });
  if (!spent) return experience::error_response(p, spent.error());
  http::Response res = http::redirect_response("/account");
  res.insert(http::bhttp::field::set_cookie,
             http::clear_cookie(kSignInCookie, page_cookie(deps_.config, 0)));
  http::set_no_store(res);
  return res;
}

http::Response AccountPages::prepare_and_run(http::Request& req, Route route) {
  experience::PageRequest bare{.http = req, .config = deps_.settings.get()};
  bare.lang = experience::choose_language(*bare.config, req.query.value("ui_locales"),
                                          req.header(http::bhttp::field::accept_language));
  auto loaded = load(req);
  if (!loaded) return experience::error_response(bare, loaded.error());
  if (!*loaded) {
    if (req.method() == http::bhttp::verb::post) {
      return experience::error_response(
          bare, keyed_error(Errc::InvalidRequest, "session.form_expired", "no session"));
    }
    return sign_in_redirect(req, bare);
  }
  AccountRequest& r = **loaded;
  r.page.lang = bare.lang;
  r.page.csrf = csrf_token(r.caller.session_id_hash);
  // The way back: this request's ?redirect= (remembered for the page's later requests), or the
  // one remembered; either only when it is registered.
  if (auto asked = registered_return(req.query.value("redirect"))) {
    std::tie(r.back_url, r.back_app) = *asked;
    r.new_cookie = http::set_cookie(kReturnCookie, crypto::base64url_encode(asked->first),
                                    page_cookie(deps_.config, 3600));
  } else if (auto back = req.cookie(kReturnCookie)) {
    if (auto url = registered_return(crypto::base64url_decode(*back).value_or(""))) {
      std::tie(r.back_url, r.back_app) = *url;
    }
  }
  r.page.post = req.method() == http::bhttp::verb::post;
  if (r.page.post) {
    auto form = experience::form_of(req);
    if (!form || !crypto::constant_time_equal(r.page.csrf, form->value("csrf"))) {
      return experience::error_response(
          r.page, keyed_error(Errc::InvalidRequest, "session.form_expired", "account csrf"));
    }
    r.page.form = std::move(*form);
  }
  return (this->*route.fn)(r);
}

http::asio::awaitable<http::Response> AccountPages::serve(http::Request& req, Route route) {
  auto job = [&] { return prepare_and_run(req, route); };
  auto page = co_await http::run_on(deps_.pools, route.lane, job);
  if (page) co_return std::move(*page);
  experience::PageRequest bare{.http = req, .config = deps_.settings.get()};
  co_return experience::error_response(bare, http::lane_busy(route.lane));
}

void AccountPages::mount(http::Router& router) {
  auto page = [this](Route route) {
    return [this, route](http::Request& req) { return serve(req, route); };
  };
  auto callback = [this](http::Request& req) -> http::asio::awaitable<http::Response> {
    auto job = [&] { return this->callback(req); };
    auto res = co_await http::run_on(deps_.pools, http::Lane::Database, job);
    if (res) co_return std::move(*res);
    experience::PageRequest bare{.http = req, .config = deps_.settings.get()};
    co_return experience::error_response(bare, http::lane_busy(http::Lane::Database));
  };
  using http::Lane;
  auto g = router.group("/account");
  g.get("", page({&AccountPages::view}))
      .get("/callback", callback)
      .post("/verify", page({&AccountPages::verify, Lane::Hashing}))
      .post("/name", page({&AccountPages::save_name}))
      .post("/username", page({&AccountPages::save_username}))
      .post("/contact", page({&AccountPages::send_contact_code, Lane::Outbound}))
      .post("/contact/confirm", page({&AccountPages::confirm_contact}))
      .post("/password", page({&AccountPages::change_password, Lane::Hashing}))
      .get("/totp", page({&AccountPages::totp_form}))
      .post("/totp", page({&AccountPages::add_totp}))
      .get("/passkey", page({&AccountPages::passkey_form}))
      .post("/passkey", page({&AccountPages::add_passkey}))
      .post("/backup-codes", page({&AccountPages::new_backup_codes}))
      .post("/factors/:id/remove", page({&AccountPages::remove_factor}))
      .post("/social/:connectorId", page({&AccountPages::start_link, Lane::Outbound}))
      .get("/callback/social/:connectorId", page({&AccountPages::finish_link, Lane::Outbound}))
      .post("/identities/:target/remove", page({&AccountPages::unlink}))
      .post("/sessions/:uid/revoke", page({&AccountPages::revoke_session}));
}

}  // namespace latch::account
