#include "books_api.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>
#include <chrono>

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

// A quoted-string parameter must not carry quotes or backslashes (RFC 9110 §5.6.4).
std::string quotable(std::string_view text) {
  std::string out;
  for (char c : text) {
    out += (c == '"' || c == '\\') ? '\'' : c;
  }
  return out;
}

// RFC 6750 §3: the challenge; `error` empty when the request had no token at all (§3.1).
Response challenge(http::status status, std::string_view error, std::string_view description) {
  std::string header = "Bearer realm=\"bookstore\"";
  if (!error.empty()) {
    header += ", error=\"" + std::string(error) + "\", error_description=\"" +
              quotable(description) + "\"";
  }
  if (error == "insufficient_scope") {
    header += ", scope=\"" + std::string(BooksApi::kScope) + "\"";
  }
  Response res = json_response(
      status, {{"error", error.empty() ? "unauthorized" : error}, {"message", description}});
  res.set(http::field::www_authenticate, header);
  return res;
}

Response rejection(const latch::Error& e) {
  switch (e.code()) {
    case latch::Errc::insufficient_scope:
      return challenge(http::status::forbidden, "insufficient_scope", e.what());
    case latch::Errc::network:
      return json_response(http::status::service_unavailable,
                           {{"error", "temporarily_unavailable"}, {"message", e.what()}});
    default:  // invalid_token, wrong_audience, and anything else about the token
      return challenge(http::status::unauthorized, "invalid_token", e.what());
  }
}

boost::json::array books() {
  return {
      {{"title", "The Name of the Rose"}, {"author", "Umberto Eco"}},
      {{"title", "If on a winter's night a traveler"}, {"author", "Italo Calvino"}},
      {{"title", "The Library of Babel"}, {"author", "Jorge Luis Borges"}},
  };
}

}  // namespace

BooksApi::BooksApi(const Settings& settings) {
  if (!settings.api_resource.empty()) {
    validator_ = std::make_unique<latch::JwtValidator>(latch::ValidatorConfig{
        .endpoint = settings.latch.endpoint, .audience = settings.api_resource});
  }
}

asio::awaitable<Response> BooksApi::handle(const Request& req) {
  if (!validator_) {
    co_return json_response(http::status::service_unavailable,
                            {{"error", "not_configured"},
                             {"message", "set BOOKSTORE_API_RESOURCE to turn this API on"}});
  }
  auto authorization = req[http::field::authorization];
  if (authorization.empty()) {
    co_return challenge(http::status::unauthorized, "", "an access token is required");
  }
  std::optional<latch::Error> failure;
  try {
    std::string token = latch::JwtValidator::bearer_token(authorization);
    std::vector<std::string> required{kScope};
    latch::AccessTokenClaims claims = co_await validator_->async_verify(token, required);
    co_return json_response(http::status::ok, {{"user", claims.sub}, {"books", books()}});
  } catch (const latch::Error& e) {
    failure = e;
  }
  co_return rejection(*failure);
}

asio::awaitable<ApiAnswer> call_books_api(unsigned short port, std::string access_token) {
  beast::tcp_stream stream(co_await asio::this_coro::executor);
  stream.expires_after(std::chrono::seconds(10));
  asio::ip::tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), port);
  auto [cec] = co_await stream.async_connect(endpoint, kTuple);
  if (cec) {
    co_return ApiAnswer{.body = "cannot connect: " + cec.message()};
  }
  Request req{http::verb::get, "/api/books", 11};
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

}  // namespace bookstore
