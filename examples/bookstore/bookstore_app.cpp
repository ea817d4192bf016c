#include "bookstore_app.hpp"

#include <boost/url/encode.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>
#include <iostream>
#include <optional>

#include "cookie_session_storage.hpp"
#include "organization_switcher.hpp"
#include "pages.hpp"

namespace bookstore {
namespace {

constexpr const char* kCookie = "bookstore_session";
constexpr std::size_t kCookieLimit = 4096;  // RFC 6265 §6.1: what browsers keep at least

// One visitor's storage for one request: loaded from their cookie, written back when changed.
struct Visitor {
  latch::examples::CookieSessionStorage storage;

  Visitor(const Settings& settings, const Request& req) : storage(settings.cookie_key, kCookie) {
    storage.load(req[http::field::cookie]);
  }
  Response keep(Response res, const Settings& settings) const {
    if (storage.changed()) {
      std::string cookie = storage.set_cookie(settings.secure_cookies());
      if (cookie.size() > kCookieLimit) {  // browsers drop it: the visitor seems signed out
        std::cerr << "bookstore: the session cookie has " << cookie.size()
                  << " bytes, more than browsers keep; use a server-side session store\n";
      }
      res.set(http::field::set_cookie, cookie);
    }
    return res;
  }
};

std::string_view path_of(const Request& req) {
  std::string_view target = req.target();
  return target.substr(0, target.find('?'));
}

std::optional<std::string> query_param(const Request& req, std::string_view name) {
  auto url = boost::urls::parse_origin_form(req.target());
  if (!url) {
    return std::nullopt;
  }
  auto it = url->params().find(name);
  if (it == url->params().end()) {
    return std::nullopt;
  }
  return std::string((*it).value);
}

// The status a failed latch call is shown with: the visitor's doing (400) or Latch's (502).
http::status status_of(const latch::Error& e) {
  switch (e.code()) {
    case latch::Errc::sign_in_session_missing:
    case latch::Errc::state_mismatch:
    case latch::Errc::callback_error:
    case latch::Errc::token_request_failed:
    case latch::Errc::invalid_id_token:
    case latch::Errc::not_authenticated:
    case latch::Errc::refresh_failed:
    case latch::Errc::organization_access_denied:
      return http::status::bad_request;
    default:
      return http::status::bad_gateway;
  }
}

Response latch_error_page(const latch::Error& e) {
  std::string message =
      std::string(e.what()) + " (" + std::string(latch::errc_name(e.code())) + ")";
  return error_page(status_of(e), message);
}

}  // namespace

BookstoreApp::BookstoreApp(const Settings& settings, std::function<unsigned short()> api_port)
    : settings_(settings), api_port_(std::move(api_port)), books_(settings) {}

asio::awaitable<Response> BookstoreApp::handle(const Request& req) {
  if (req.method() != http::verb::get && req.method() != http::verb::head) {
    Response res = error_page(http::status::method_not_allowed, "only GET is served here");
    res.set(http::field::allow, "GET, HEAD");
    co_return res;
  }
  std::string_view path = path_of(req);
  if (path == "/") {
    co_return co_await home(req);
  }
  if (path == "/sign-in") {
    co_return co_await sign_in(req);
  }
  if (path == "/callback") {
    co_return co_await callback(req);
  }
  if (path == "/sign-out") {
    co_return co_await sign_out(req);
  }
  if (path == "/me") {
    co_return co_await me(req);
  }
  if (path == "/api/books") {
    co_return co_await books_.handle(req);
  }
  co_return error_page(http::status::not_found, "no such page");
}

asio::awaitable<Response> BookstoreApp::home(const Request& req) {
  Visitor visitor(settings_, req);
  latch::Client client(settings_.latch, visitor.storage);
  if (!client.is_authenticated()) {
    co_return visitor.keep(
        html_page(http::status::ok, "Bookstore",
                  "<p id=\"status\">Not authenticated <a href='/sign-in'>Sign in</a></p>"
                  "<p>New here? <a href='/sign-in?mode=signUp'>Sign up</a></p>"),
        settings_);
  }
  co_return visitor.keep(
      html_page(http::status::ok, "Bookstore",
                "<p id=\"status\">Authenticated <a href='/sign-out'>Sign out</a></p>"
                "<p><a href='/me'>My profile</a></p>"),
      settings_);
}

asio::awaitable<Response> BookstoreApp::sign_in(const Request& req) {
  Visitor visitor(settings_, req);
  latch::Client client(settings_.latch, visitor.storage);
  latch::SignInOptions options;
  if (query_param(req, "mode") == "signUp") {
    options.interaction_mode = latch::InteractionMode::sign_up;
  }
  std::string redirect_uri = settings_.redirect_uri();
  std::optional<latch::Error> failure;
  try {
    std::string url = co_await client.async_sign_in(redirect_uri, options);
    co_return visitor.keep(redirect(url), settings_);
  } catch (const latch::Error& e) {
    failure = e;
  }
  co_return visitor.keep(latch_error_page(*failure), settings_);
}

asio::awaitable<Response> BookstoreApp::callback(const Request& req) {
  Visitor visitor(settings_, req);
  latch::Client client(settings_.latch, visitor.storage);
  std::string callback_url = settings_.base_url + std::string(req.target());
  std::optional<latch::Error> failure;
  try {
    co_await client.async_handle_sign_in_callback(callback_url);
    co_return visitor.keep(redirect("/"), settings_);
  } catch (const latch::Error& e) {
    failure = e;
  }
  co_return visitor.keep(latch_error_page(*failure), settings_);
}

asio::awaitable<Response> BookstoreApp::sign_out(const Request& req) {
  Visitor visitor(settings_, req);
  latch::Client client(settings_.latch, visitor.storage);
  std::string post_sign_out = settings_.post_sign_out_uri();
  std::optional<latch::Error> failure;
  try {
    std::string url = co_await client.async_sign_out(post_sign_out);
    co_return visitor.keep(redirect(url), settings_);
  } catch (const latch::Error& e) {
    failure = e;
  }
  co_return visitor.keep(latch_error_page(*failure), settings_);
}

// Latch's account page, which links back here: the home page is a registered post sign-out
// URI of the Bookstore, so /account offers "Back to Bookstore" (docs/account.md).
std::string BookstoreApp::manage_account_link() const {
  std::string target =
      settings_.latch.endpoint + "/account?redirect=" +
      boost::urls::encode(settings_.post_sign_out_uri(), boost::urls::unreserved_chars);
  return "<p><a id=\"manage-account\" href=\"" + escape_html(target) + "\">Manage account</a></p>";
}

asio::awaitable<Response> BookstoreApp::me(const Request& req) {
  Visitor visitor(settings_, req);
  latch::Client client(settings_.latch, visitor.storage);
  if (!client.is_authenticated()) {
    co_return visitor.keep(redirect("/sign-in"), settings_);
  }
  if (query_param(req, "new-token")) {
    client.clear_access_tokens();  // a role given or taken since shows in the next token
  }
  std::optional<latch::Error> failure;
  try {
    latch::IdTokenClaims claims = client.id_token_claims();
    boost::json::object user_info = co_await client.async_fetch_user_info();
    std::string api = co_await api_section(client);
    if (settings_.organizations) {
      SwitcherInput in{
          .user_info = user_info, .selected = query_param(req, "organization"), .api_port = 0};
      in.api_port = api_port_();
      api += co_await organization_switcher_html(client, std::move(in));
    }
    std::string who = claims.name.value_or(claims.username.value_or(claims.sub));
    co_return visitor.keep(
        html_page(http::status::ok, "Bookstore: my profile",
                  "<h1>Hello, <span id=\"name\">" + escape_html(who) +
                      "</span></h1>"
                      "<h2>ID token claims</h2>" +
                      claims_table(claims.raw) + "<h2>User info (/oidc/me)</h2>" +
                      claims_table(user_info) + api + manage_account_link() +
                      "<p><a href='/sign-out'>Sign out</a></p>"),
        settings_);
  } catch (const latch::Error& e) {
    failure = e;
  }
  co_return visitor.keep(latch_error_page(*failure), settings_);
}

// The protected API called with an access token for BOOKSTORE_API_RESOURCE (throws
// latch::Error when no token can be had). /me?new-token=1 forgets the stored access tokens
// first, so the refresh grant brings one with the user's current roles' scopes.
asio::awaitable<std::string> BookstoreApp::api_section(latch::Client& client) {
  if (settings_.api_resource.empty()) {
    co_return "<h2>Protected API</h2><p>Set BOOKSTORE_API_RESOURCE to call /api/books.</p>";
  }
  std::string resource = settings_.api_resource;
  std::string token = co_await client.async_access_token(resource);
  std::string target = "/api/books";
  ApiAnswer answer = co_await call_books_api(api_port_(), std::move(target), std::move(token));
  co_return "<h2>Protected API (/api/books)</h2>" + books_answer_html(answer) +
      "<p><a href=\"/me?new-token=1\">Call it with a new access token</a> (an access token "
      "keeps the permissions it was issued with: get a new one after an operator changes your "
      "roles)</p>";
}

}  // namespace bookstore
