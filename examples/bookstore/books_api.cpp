#include "books_api.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/url/parse.hpp>
#include <chrono>
#include <optional>

#include "pages.hpp"

namespace bookstore {
namespace {

namespace beast = boost::beast;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

Response json_response(http::status status, const boost::json::value& body) {
  Response res{status, 11};
  res.set(http::field::content_type, "application/json");
  res.set(http::field::cache_control, "no-store");
  res.body() = boost::json::serialize(body);
  return res;
}

// RFC 6750 §3 through the SDK: 401 invalid_token, 403 insufficient_scope with the scope the
// route needs, 503 when Latch cannot be asked for its keys; the body says the same in JSON.
Response rejection(const latch::BearerChallenge& c) {
  std::string error = c.error.empty() ? "unauthorized" : c.error;
  Response res = json_response(static_cast<http::status>(c.status),
                               {{"error", error}, {"message", c.description}});
  if (!c.www_authenticate.empty()) {
    res.set(http::field::www_authenticate, c.www_authenticate);
  }
  return res;
}

const latch::ChallengeOptions& challenge_options() {
  static const latch::ChallengeOptions options{.realm = "bookstore", .scopes = {BooksApi::kScope}};
  return options;
}

// The "message" of a JSON error body, or the body itself.
std::string message_of(const std::string& body) {
  boost::system::error_code ec;
  boost::json::value parsed = boost::json::parse(body, ec);
  const boost::json::value* message =
      !ec && parsed.is_object() ? parsed.as_object().if_contains("message") : nullptr;
  return message && message->is_string() ? std::string(message->as_string()) : body;
}

std::string books_list_html(const std::string& body) {
  boost::system::error_code ec;
  boost::json::value parsed = boost::json::parse(body, ec);
  const boost::json::value* list =
      !ec && parsed.is_object() ? parsed.as_object().if_contains("books") : nullptr;
  if (!list || !list->is_array()) {
    return "";
  }
  std::string html = "<ul id=\"books\">";
  for (const boost::json::value& book : list->as_array()) {
    const boost::json::object* b = book.if_object();
    const boost::json::value* title = b ? b->if_contains("title") : nullptr;
    const boost::json::value* author = b ? b->if_contains("author") : nullptr;
    if (title && title->is_string() && author && author->is_string()) {
      html += "<li><cite>" + escape_html(title->as_string()) + "</cite> by " +
              escape_html(author->as_string()) + "</li>";
    }
  }
  return html + "</ul>";
}

// The decoded value of `name` in the query of `target`, if present.
std::optional<std::string> query_param(std::string_view target, std::string_view name) {
  auto url = boost::urls::parse_origin_form(target);
  if (!url) {
    return std::nullopt;
  }
  auto it = url->params().find(name);
  if (it == url->params().end()) {
    return std::nullopt;
  }
  return std::string((*it).value);
}

// An API token for BOOKSTORE_API_RESOURCE, or, for an organization's shelf, that organization's
// token (a token of another organization is the wrong audience: 401).
asio::awaitable<latch::AccessTokenClaims> verify(latch::JwtValidator& validator, std::string token,
                                                 std::optional<std::string> organization) {
  std::vector<std::string> required{BooksApi::kScope};
  if (!organization) {
    co_return co_await validator.async_verify(std::move(token), std::move(required));
  }
  std::string id = std::move(*organization);
  co_return co_await validator.async_verify_organization_token(std::move(token), std::move(id),
                                                               std::move(required));
}

boost::json::array books() {
  return {
      {{"title", "The Name of the Rose"}, {"author", "Umberto Eco"}},
      {{"title", "If on a winter's night a traveler"}, {"author", "Italo Calvino"}},
      {{"title", "The Library of Babel"}, {"author", "Jorge Luis Borges"}},
  };
}

}  // namespace

BooksApi::BooksApi(const Settings& settings)
    : personal_api_on_(!settings.api_resource.empty()),
      validator_(latch::ValidatorConfig{.endpoint = settings.latch.endpoint,
                                        .audience = settings.api_resource}) {}

asio::awaitable<Response> BooksApi::handle(const Request& req) {
  std::optional<std::string> organization = query_param(req.target(), "organization_id");
  if (!organization && !personal_api_on_) {
    co_return json_response(http::status::service_unavailable,
                            {{"error", "not_configured"},
                             {"message", "set BOOKSTORE_API_RESOURCE to turn this API on"}});
  }
  if (organization && organization->empty()) {  // "" would accept any organization's token
    co_return json_response(
        http::status::bad_request,
        {{"error", "invalid_request"}, {"message", "organization_id names no organization"}});
  }
  auto authorization = req[http::field::authorization];
  if (authorization.empty()) {
    co_return rejection(latch::bearer_challenge_without_token(challenge_options()));
  }
  std::optional<latch::Error> failure;
  try {
    std::string token = latch::JwtValidator::bearer_token(authorization);
    latch::AccessTokenClaims claims = co_await verify(validator_, std::move(token), organization);
    boost::json::array scopes(claims.scopes.begin(), claims.scopes.end());
    boost::json::object body{{"user", claims.sub}, {"scopes", scopes}, {"books", books()}};
    if (organization) {
      body["organization"] = claims.organization_id;
    }
    co_return json_response(http::status::ok, body);
  } catch (const latch::Error& e) {
    failure = e;
  }
  co_return rejection(latch::bearer_challenge(*failure, challenge_options()));
}

asio::awaitable<ApiAnswer> call_books_api(unsigned short port, std::string target,
                                          std::string access_token) {
  beast::tcp_stream stream(co_await asio::this_coro::executor);
  stream.expires_after(std::chrono::seconds(10));
  asio::ip::tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), port);
  auto [cec] = co_await stream.async_connect(endpoint, kTuple);
  if (cec) {
    co_return ApiAnswer{.body = "cannot connect: " + cec.message()};
  }
  Request req{http::verb::get, target, 11};
  req.set(http::field::host, "127.0.0.1:" + std::to_string(port));
  req.set(http::field::authorization, "Bearer " + access_token);
  auto [wec, written] = co_await http::async_write(stream, req, kTuple);
  beast::flat_buffer buffer;
  Response res;
  auto [rec, read] = co_await http::async_read(stream, buffer, res, kTuple);
  if (wec || rec) {
    co_return ApiAnswer{.body = "no answer: " + (wec ? wec : rec).message()};
  }
  co_return ApiAnswer{.status = res.result_int(), .body = std::move(res.body())};
}

std::string books_answer_html(const ApiAnswer& answer, bool organization) {
  std::string html =
      "<p>Status <span id=\"api-status\">" + std::to_string(answer.status) + "</span></p>";
  switch (answer.status) {
    case 200:
      return html + books_list_html(answer.body) + "<pre id=\"api-body\">" +
             escape_html(answer.body) + "</pre>";
    case 403:  // insufficient_scope: the token carries no read:books (RFC 6750 §3.1)
      return html + "<p id=\"api-refused\">You don't have permission to read books: ask an " +
             (organization ? "organization admin for an organization role with "
                           : "operator for a role with ") +
             BooksApi::kScope + ".</p>";
    case 401:
      return html + "<p id=\"api-refused\">The API did not accept your access token: " +
             escape_html(message_of(answer.body)) + "</p>";
    default:
      return html + "<p id=\"api-refused\">The API could not answer: " +
             escape_html(message_of(answer.body)) + "</p>";
  }
}

}  // namespace bookstore
