#pragma once

#include <memory>
#include <string>

#include "http_server.hpp"
#include "latch/bearer_challenge.hpp"
#include "latch/jwt_validator.hpp"
#include "settings.hpp"

namespace bookstore {

// The sample's own API, GET /api/books: how to protect an HTTP API with latch::JwtValidator.
// A bearer access token for the audience BOOKSTORE_API_RESOURCE with scope read:books gets the
// list (200 JSON); no token or a bad one gets 401, a token without the scope 403 (the user holds
// no role granting read:books), both with WWW-Authenticate (RFC 6750 §3, latch::bearer_challenge).
// Off (503) when BOOKSTORE_API_RESOURCE is not set.
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

// The HTML /me shows for `answer`: the status (#api-status) and, for 200, the books (#books) and
// the JSON (#api-body); a 403 said plainly (#api-refused: the user needs a role with
// read:books), a 401 or anything else with the API's own message.
std::string books_answer_html(const ApiAnswer& answer);

}  // namespace bookstore
