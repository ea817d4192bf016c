#pragma once

#include <functional>

#include "books_api.hpp"
#include "http_server.hpp"
#include "latch/client.hpp"
#include "settings.hpp"

namespace bookstore {

// The guide's app (shared/seeds/logto-python-github-guide), route for route:
// - `/`: "Not authenticated" + Sign in / Sign up, or "Authenticated" + Sign out / My profile;
// - `/sign-in`: 302 to Latch (?mode=signUp: the registration page first);
// - `/callback`: completes the sign-in, 302 to /;
// - `/sign-out`: 302 to Latch's end-session endpoint, which returns to /;
// - `/me`: the ID token's claims, /oidc/me, and a call to /api/books (with an API resource);
//   `/me?new-token=1` calls it with a new access token (after an operator changed the roles);
//   with BOOKSTORE_ORGANIZATIONS=1 also the organization switcher (organization_switcher.hpp):
//   `/me?organization=<id>` calls /api/books with that organization's token;
// - `/api/books`: the sample's protected API (books_api.hpp).
// Each visitor's tokens live in their own sealed cookie (CookieSessionStorage); a latch::Client
// is made per request around it.
class BookstoreApp {
 public:
  // REQUIRES: `settings` outlives the app. `api_port` is the port this app listens on (for /me's
  // call to /api/books); it is read on each /me.
  BookstoreApp(const Settings& settings, std::function<unsigned short()> api_port);

  asio::awaitable<Response> handle(const Request& req);

 private:
  asio::awaitable<Response> home(const Request& req);
  asio::awaitable<Response> sign_in(const Request& req);
  asio::awaitable<Response> callback(const Request& req);
  asio::awaitable<Response> sign_out(const Request& req);
  asio::awaitable<Response> me(const Request& req);
  asio::awaitable<std::string> api_section(latch::Client& client);
  // "Manage account": a link to Latch's /account page that leads back to the Bookstore.
  std::string manage_account_link() const;

  const Settings& settings_;
  std::function<unsigned short()> api_port_;
  BooksApi books_;
};

}  // namespace bookstore
