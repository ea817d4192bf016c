#pragma once

#include <memory>
#include <string>

#include "http_server.hpp"
#include "latch/jwt_validator.hpp"
#include "settings.hpp"

namespace bookstore {

// The sample's own API, GET /api/books: how to protect an HTTP API with latch::JwtValidator.
// A bearer access token for the audience BOOKSTORE_API_RESOURCE with scope read:books gets the
// list (200 JSON); no token or a bad one gets 401, a token without the scope 403, both with
// WWW-Authenticate (RFC 6750 §3). Off (503) when BOOKSTORE_API_RESOURCE is not set.
class BooksApi {
 public:
  static constexpr const char* kScope = "read:books";

  explicit BooksApi(const Settings& settings);
  asio::awaitable<Response> handle(const Request& req);

 private:
  std::unique_ptr<latch::JwtValidator> validator_;  // shared by every request (thread-safe)
};

// What GET http://127.0.0.1:<port>/api/books answered when called with `access_token`.
struct ApiAnswer {
  unsigned status = 0;
  std::string body;
};
asio::awaitable<ApiAnswer> call_books_api(unsigned short port, std::string access_token);

}  // namespace bookstore
