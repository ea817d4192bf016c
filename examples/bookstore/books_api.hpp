#pragma once

#include <memory>
#include <string>

#include "http_server.hpp"
#include "latch/bearer_challenge.hpp"
#include "latch/jwt_validator.hpp"
#include "settings.hpp"

namespace bookstore {

// The sample's own API, GET /api/books: how to protect an HTTP API with latch::JwtValidator.
// - GET /api/books: a bearer access token for the audience BOOKSTORE_API_RESOURCE with scope
//   read:books gets the list (200 JSON). Off (503) when BOOKSTORE_API_RESOURCE is not set.
// - GET /api/books?organization_id=<id>: the organization's shelf, for an organization token
//   (aud urn:logto:organization:<id>, Logto's RFC 0001) whose scope holds read:books, the
//   organization permission the user's organization role grants.
// No token or a bad one (another API's, another organization's) gets 401, a token without the
// scope 403 (no role granting read:books), both with WWW-Authenticate (RFC 6750 §3,
// latch::bearer_challenge).
class BooksApi {
 public:
  static constexpr const char* kScope = "read:books";

  explicit BooksApi(const Settings& settings);
  asio::awaitable<Response> handle(const Request& req);

 private:
  bool personal_api_on_;
  latch::JwtValidator validator_;  // shared by every request (thread-safe)
};

// What GET http://127.0.0.1:<port><target> answered when called with `access_token`.
struct ApiAnswer {
  unsigned status = 0;
  std::string body;
};
asio::awaitable<ApiAnswer> call_books_api(unsigned short port, std::string target,
                                          std::string access_token);

// The HTML /me shows for `answer`: the status (#api-status) and, for 200, the books (#books) and
// the JSON (#api-body); a 403 said plainly (#api-refused: the user needs a role with
// read:books, an organization role when `organization`), a 401 or anything else with the API's
// own message.
std::string books_answer_html(const ApiAnswer& answer, bool organization = false);

}  // namespace bookstore
