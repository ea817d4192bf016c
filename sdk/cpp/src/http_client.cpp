#include "http_client.hpp"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/system/system_error.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>
#include <optional>
#include <variant>

#include "latch/error.hpp"

namespace latch::detail {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::use_awaitable;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kBodyLimit = 1024 * 1024;
constexpr std::string_view kUserAgent = "latch-cpp-sdk";

// What an exchange needs from the URL.
struct Target {
  bool tls = false;
  std::string host;         // for DNS, SNI and certificate checks (no brackets)
  std::string port;         // "443"
  std::string host_header;  // as written in the URL: "example.com:8443"
  std::string path;         // origin-form: "/a?b=c"
  std::string display;      // scheme://host:port/path, without the query, for messages
};

Target parse_target(const std::string& url) {
  auto parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed || !parsed->has_authority() || parsed->host().empty()) {
    throw Error(Errc::invalid_config, "not an absolute http(s) URL: " + url);
  }
  const boost::urls::url_view& u = *parsed;
  Target t;
  if (u.scheme() == "https") {
    t.tls = true;
  } else if (u.scheme() != "http") {
    throw Error(Errc::invalid_config, "unsupported URL scheme: " + std::string(u.scheme()));
  }
  t.host = u.host_address();
  t.port = u.has_port() ? std::string(u.port()) : (t.tls ? "443" : "80");
  t.host_header = u.encoded_host_and_port();
  t.path = u.encoded_target().empty() ? "/" : std::string(u.encoded_target());
  if (t.path.front() != '/') {
    t.path.insert(0, "/");
  }
  t.display = std::string(u.scheme()) + "://" + t.host_header + std::string(u.encoded_path());
  return t;
}

http::request<http::string_body> make_request(const HttpRequest& request, const Target& t) {
  http::verb verb = http::string_to_verb(request.method);
  if (verb == http::verb::unknown) {
    throw Error(Errc::invalid_config, "unsupported HTTP method: " + request.method);
  }
  http::request<http::string_body> req{verb, t.path, 11};
  req.set(http::field::host, t.host_header);
  req.set(http::field::user_agent, kUserAgent);
  req.set(http::field::connection, "close");
  for (const auto& [name, value] : request.headers) {
    req.set(name, value);
  }
  req.body() = request.body;
  if (verb != http::verb::get || !req.body().empty()) {
    req.prepare_payload();  // Content-Length
  }
  return req;
}

HttpResponse to_response(http::response<http::string_body>& res) {
  HttpResponse out{.status = res.result_int()};
  for (const auto& field : res.base()) {
    out.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  out.body = std::move(res.body());
  return out;
}

// DNS has no socket to put a deadline on: race it against a timer.
asio::awaitable<asio::ip::tcp::resolver::results_type> resolve(const Target& t,
                                                               Clock::time_point deadline) {
  using namespace asio::experimental::awaitable_operators;
  auto executor = co_await asio::this_coro::executor;
  asio::ip::tcp::resolver resolver(executor);
  asio::steady_timer timer(executor, deadline);
  auto lookup = resolver.async_resolve(t.host, t.port, use_awaitable);
  auto expiry = timer.async_wait(use_awaitable);
  auto outcome = co_await (std::move(lookup) || std::move(expiry));
  if (outcome.index() == 1) {
    throw boost::system::system_error(beast::error::timeout);
  }
  co_return std::get<0>(std::move(outcome));
}

// Writes the request and reads the response on a connected stream (TCP or TLS).
template <class Stream>
asio::awaitable<HttpResponse> exchange(Stream& stream, beast::tcp_stream& tcp,
                                       http::request<http::string_body>& req,
                                       Clock::time_point deadline) {
  tcp.expires_at(deadline);
  co_await http::async_write(stream, req, use_awaitable);
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(kBodyLimit);
  tcp.expires_at(deadline);
  co_await http::async_read(stream, buffer, parser, use_awaitable);
  co_return to_response(parser.get());
}

asio::awaitable<HttpResponse> fetch_plain(const Target& t, http::request<http::string_body>& req,
                                          Clock::time_point deadline) {
  auto endpoints = co_await resolve(t, deadline);
  beast::tcp_stream stream(co_await asio::this_coro::executor);
  stream.expires_at(deadline);
  co_await stream.async_connect(endpoints, use_awaitable);
  HttpResponse res = co_await exchange(stream, stream, req, deadline);
  beast::error_code ignored;
  stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  co_return res;
}

asio::ssl::context make_tls_context(const TransportOptions& options) {
  asio::ssl::context ctx(asio::ssl::context::tls_client);
  ctx.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                  asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                  asio::ssl::context::no_tlsv1_1);
  ctx.set_default_verify_paths();
  if (!options.ca_file.empty()) {
    ctx.load_verify_file(options.ca_file);
  }
  ctx.set_verify_mode(asio::ssl::verify_peer);
  return ctx;
}

asio::awaitable<HttpResponse> fetch_tls(const Target& t, http::request<http::string_body>& req,
                                        const TransportOptions& options,
                                        Clock::time_point deadline) {
  asio::ssl::context ctx = make_tls_context(options);
  auto endpoints = co_await resolve(t, deadline);
  beast::ssl_stream<beast::tcp_stream> stream(co_await asio::this_coro::executor, ctx);
  // SNI (RFC 6066 §3) and the certificate's name checked against the host (RFC 6125).
  if (!SSL_set_tlsext_host_name(stream.native_handle(), t.host.c_str())) {
    throw boost::system::system_error(static_cast<int>(::ERR_get_error()),
                                      asio::error::get_ssl_category());
  }
  stream.set_verify_callback(asio::ssl::host_name_verification(t.host));
  beast::tcp_stream& tcp = beast::get_lowest_layer(stream);
  tcp.expires_at(deadline);
  co_await tcp.async_connect(endpoints, use_awaitable);
  tcp.expires_at(deadline);
  co_await stream.async_handshake(asio::ssl::stream_base::client, use_awaitable);
  HttpResponse res = co_await exchange(stream, tcp, req, deadline);
  beast::error_code ignored;
  tcp.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  co_return res;
}

std::string describe(const std::exception& e) {
  if (const auto* se = dynamic_cast<const boost::system::system_error*>(&e)) {
    if (se->code() == beast::error::timeout) {
      return "timed out";
    }
    if (se->code() == http::error::body_limit) {
      return "response body too large";
    }
    return se->code().message();
  }
  return e.what();
}

}  // namespace

std::string_view HttpResponse::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (beast::iequals(key, name)) {
      return value;
    }
  }
  return {};
}

asio::awaitable<HttpResponse> fetch(HttpRequest request, TransportOptions options) {
  const Target target = parse_target(request.url);
  auto req = make_request(request, target);
  const auto deadline = Clock::now() + options.timeout;
  try {
    if (target.tls) {
      co_return co_await fetch_tls(target, req, options, deadline);
    }
    co_return co_await fetch_plain(target, req, deadline);
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    throw Error(Errc::network, request.method + " " + target.display + " failed: " + describe(e));
  }
}

std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  auto append = [](std::string& out, std::string_view text) {
    for (unsigned char c : text) {
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
          c == '.' || c == '_' || c == '*') {
        out += static_cast<char>(c);
      } else if (c == ' ') {
        out += '+';
      } else {
        out += '%';
        out += kHex[c >> 4];
        out += kHex[c & 0xF];
      }
    }
  };
  std::string out;
  for (const auto& [name, value] : fields) {
    if (!out.empty()) {
      out += '&';
    }
    append(out, name);
    out += '=';
    append(out, value);
  }
  return out;
}

}  // namespace latch::detail
