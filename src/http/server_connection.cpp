#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/json/object.hpp>

#include "http/form.hpp"
#include "http/framing.hpp"
#include "http/request_reader.hpp"
#include "http/server_worker.hpp"

// One connection of http::Server: its requests read, checked, handled and answered in turn.
namespace latch::http {
namespace {

namespace beast = boost::beast;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);
constexpr std::size_t kReadChunk = 4096;

Response error_response(bhttp::status status, std::string_view message) {
  Response res = json_response(
      status, boost::json::object{{"error", "invalid_request"}, {"error_description", message}});
  res.keep_alive(false);
  return res;
}

void add_security_headers(Response& res, const std::string& strict_transport_security) {
  res.set("X-Content-Type-Options", "nosniff");
  if (!strict_transport_security.empty()) {
    res.set(bhttp::field::strict_transport_security, strict_transport_security);
  }
  if (res.find("X-Frame-Options") == res.end()) {
    res.set("X-Frame-Options", "DENY");
  }
  if (res.find("Referrer-Policy") == res.end()) {
    res.set("Referrer-Policy", "no-referrer");
  }
}

std::string next_request_id() {
  static std::atomic<std::uint64_t> counter{0};
  return std::to_string(counter.fetch_add(1, std::memory_order_relaxed) + 1);
}

// Fills path and query from the request target; false when the target is not origin-form or
// its encoding is malformed.
bool parse_target(Request& req) {
  std::string_view target = req.message.target();
  if (target.empty() || target.front() != '/') {
    return false;
  }
  std::size_t q = target.find('?');
  // Routing uses the path as sent: "/oidc%2Fjwks" is not "/oidc/jwks" (no path confusion
  // behind proxies that filter by path). The router decodes path parameters.
  std::string_view path = target.substr(0, q);
  if (!percent_decode(path, false)) {
    return false;
  }
  req.path = std::string(path);
  if (q != std::string_view::npos) {
    std::string_view query = target.substr(q + 1);
    query = query.substr(0, query.find('#'));
    auto params = parse_form(query);
    if (!params) {
      return false;
    }
    req.query = std::move(*params);
  }
  return true;
}

}  // namespace

asio::awaitable<void> Server::Worker::serve(tcp::socket socket, std::string peer,
                                            ConnectionTable::Ticket ticket) {
  beast::tcp_stream stream(std::move(socket));
  connections_.push_back({&stream, Phase::Idle, SteadyClock::now()});
  auto self = std::prev(connections_.end());
  beast::flat_buffer buffer;
  for (bool first = true; !stopping(); first = false) {
    bool keep_going = co_await exchange(stream, buffer, peer, *self, first);
    if (!keep_going) break;
  }
  connections_.erase(self);
  boost::system::error_code ec;
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  if (connections_.empty() && grace_) grace_->cancel();
}

SteadyClock::duration Server::Worker::idle_timeout(bool first) {
  SteadyClock::duration normal = first ? SteadyClock::duration(options().header_timeout)
                                       : SteadyClock::duration(options().keep_alive_timeout);
  if (!table().under_pressure()) return normal;
  return std::min<SteadyClock::duration>(normal, options().pressure_idle_timeout);
}

SteadyClock::duration Server::Worker::header_timeout() {
  SteadyClock::duration normal = options().header_timeout;
  if (!table().under_pressure()) return normal;
  return std::min<SteadyClock::duration>(normal, options().pressure_header_timeout);
}

asio::awaitable<bool> Server::Worker::exchange(beast::tcp_stream& stream,
                                               beast::flat_buffer& buffer, const std::string& peer,
                                               Connection& conn, bool first) {
  conn.enter(Phase::Idle);
  if (buffer.size() == 0) {
    stream.expires_after(idle_timeout(first));
    auto space = buffer.prepare(kReadChunk);
    auto [ec, n] = co_await stream.async_read_some(space, kTuple);
    if (ec) co_return false;  // closed, idle too long, or shutting down: nothing to answer
    buffer.commit(n);
  }
  RequestParser parser;
  parser.header_limit(static_cast<std::uint32_t>(options().header_limit));
  parser.body_limit(options().body_limit);
  bool read = co_await read_request(stream, buffer, parser, conn);
  if (!read) co_return false;
  conn.enter(Phase::Busy);
  Request req;
  req.message = parser.release();
  req.remote_address = client_address(options().client_address, peer, req.message);
  req.id = next_request_id();
  co_return co_await respond(stream, req);
}

asio::awaitable<bool> Server::Worker::read_request(beast::tcp_stream& stream,
                                                   beast::flat_buffer& buffer,
                                                   RequestParser& parser, Connection& conn) {
  conn.enter(Phase::Header);
  stream.expires_after(header_timeout());
  HeaderRead header = co_await read_request_header(stream, buffer, parser);
  std::optional<FramingError> refused;
  if (header.folded) {
    refused = FramingError{bhttp::status::bad_request, "obsolete line folding in the header"};
  } else if (!header.error) {
    refused = check_framing(parser.get());
  }
  if (refused) {
    Response res = error_response(refused->status, refused->message);
    co_await answer_and_close(stream, std::move(res));
    co_return false;
  }
  if (header.error) {
    co_await answer_read_error(stream, header.error);
    co_return false;
  }
  conn.enter(Phase::Body);
  stream.expires_after(options().request_timeout);
  auto [ec, n] = co_await bhttp::async_read(stream, buffer, parser, kTuple);
  if (ec) co_await answer_read_error(stream, ec);
  co_return !ec;
}

asio::awaitable<bool> Server::Worker::respond(beast::tcp_stream& stream, Request& req) {
  Response res = co_await handle(req);
  // RFC 9110 §9.3.2: HEAD gets the GET headers (Content-Length included) and no content.
  if (req.method() == bhttp::verb::head) res.body().clear();
  res.keep_alive(req.message.keep_alive() && res.keep_alive() && !stopping());
  add_security_headers(res, options().strict_transport_security);
  stream.expires_after(options().request_timeout);
  auto [wec, written] = co_await bhttp::async_write(stream, res, kTuple);
  co_return !wec && res.keep_alive();
}

asio::awaitable<Response> Server::Worker::handle(Request& req) {
  if (!parse_target(req)) {
    co_return error_response(bhttp::status::bad_request, "malformed request target");
  }
  try {
    Response res = co_await server_.router_.dispatch(req);
    res.version(11);
    co_return res;
  } catch (const std::exception& e) {
    spdlog::error("request {} {} {} failed: {}", req.id,
                  std::string(bhttp::to_string(req.method())), req.path, e.what());
  }
  Response res = json_response(
      bhttp::status::internal_server_error,
      boost::json::object{{"error", "server_error"},
                          {"error_description", "the server failed to answer the request"}});
  co_return res;
}

asio::awaitable<void> Server::Worker::answer_read_error(beast::tcp_stream& stream,
                                                        const boost::system::error_code& ec) {
  bool gone = ec == bhttp::error::end_of_stream || ec == asio::error::eof ||
              ec == beast::error::timeout || ec == asio::error::operation_aborted ||
              ec == asio::error::connection_reset || ec == bhttp::error::partial_message;
  if (gone) co_return;  // the client left, stalled or is being cut off: nothing to answer
  Response res =
      ec == bhttp::error::header_limit
          ? error_response(bhttp::status::request_header_fields_too_large, "headers too large")
      : ec == bhttp::error::body_limit
          ? error_response(bhttp::status::payload_too_large, "request body too large")
          : error_response(bhttp::status::bad_request, "malformed HTTP request");
  co_await answer_and_close(stream, std::move(res));
}

asio::awaitable<void> Server::Worker::answer_and_close(beast::tcp_stream& stream, Response res) {
  add_security_headers(res, options().strict_transport_security);
  stream.expires_after(std::chrono::seconds(5));
  co_await bhttp::async_write(stream, res, kTuple);
}

}  // namespace latch::http
