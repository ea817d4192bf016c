#include "connectors/sms/http_sms_sender.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/serialize.hpp>
#include <boost/url/parse.hpp>

namespace latch::connectors {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using asio::awaitable;
using Request = bhttp::request<bhttp::string_body>;

template <class Stream>
awaitable<Result<void>> exchange(Stream& stream, Request& req) {
  auto [wec, w] = co_await bhttp::async_write(stream, req, asio::as_tuple(asio::use_awaitable));
  if (wec) co_return make_error(Errc::Unavailable, "cannot reach the SMS provider", wec.message());
  beast::flat_buffer buffer;
  bhttp::response<bhttp::string_body> res;
  auto [rec, r] =
      co_await bhttp::async_read(stream, buffer, res, asio::as_tuple(asio::use_awaitable));
  if (rec)
    co_return make_error(Errc::Unavailable, "no answer from the SMS provider", rec.message());
  if (res.result_int() / 100 != 2) {
    co_return make_error(Errc::Unavailable, "the SMS provider refused the message",
                         "HTTP " + std::to_string(res.result_int()));
  }
  co_return ok();
}

awaitable<Result<void>> post(const HttpSmsSettings& s, boost::urls::url_view url, Request& req) {
  auto ex = co_await asio::this_coro::executor;
  bool https = url.scheme() == "https";
  std::string host(url.host());
  std::string port = url.has_port() ? std::string(url.port()) : (https ? "443" : "80");
  asio::ip::tcp::resolver resolver(ex);
  auto [rec, endpoints] =
      co_await resolver.async_resolve(host, port, asio::as_tuple(asio::use_awaitable));
  if (rec) co_return make_error(Errc::Unavailable, "cannot resolve the SMS host", rec.message());
  beast::tcp_stream tcp(ex);
  tcp.expires_after(s.timeout);
  auto [cec, ep] = co_await tcp.async_connect(endpoints, asio::as_tuple(asio::use_awaitable));
  if (cec) co_return make_error(Errc::Unavailable, "cannot connect to the SMS host", cec.message());
  if (!https) co_return co_await exchange(tcp, req);
  asio::ssl::context ctx(asio::ssl::context::tls_client);
  ctx.set_default_verify_paths();
  ctx.set_verify_mode(asio::ssl::verify_peer);
  asio::ssl::stream<beast::tcp_stream&> tls(tcp, ctx);
  SSL_set_tlsext_host_name(tls.native_handle(), host.c_str());
  tls.set_verify_callback(asio::ssl::host_name_verification(host));
  auto [hec] = co_await tls.async_handshake(asio::ssl::stream_base::client,
                                            asio::as_tuple(asio::use_awaitable));
  if (hec) co_return make_error(Errc::Unavailable, "TLS with the SMS host failed", hec.message());
  co_return co_await exchange(tls, req);
}

}  // namespace

Result<void> HttpSmsSender::send(const OutgoingMessage& message) const {
  auto url = boost::urls::parse_uri(settings_.url);
  if (!url || (url->scheme() != "http" && url->scheme() != "https") || url->host().empty()) {
    return make_error(Errc::InvalidRequest, "the SMS connector URL is not an http(s) URL");
  }
  Request req{bhttp::verb::post, url->encoded_target().empty() ? "/" : url->encoded_target(), 11};
  req.set(bhttp::field::host, url->encoded_host_and_port());
  req.set(bhttp::field::content_type, "application/json");
  req.set(bhttp::field::user_agent, "Latch");
  if (!settings_.authorization.empty())
    req.set(bhttp::field::authorization, settings_.authorization);
  req.body() = boost::json::serialize(
      boost::json::object{{"to", message.to}, {"from", settings_.from}, {"text", message.text}});
  req.prepare_payload();
  asio::io_context io;
  Result<void> result = make_error(Errc::Unavailable, "the SMS request did not finish");
  boost::urls::url_view view = *url;
  auto job = [&]() -> awaitable<void> { result = co_await post(settings_, view, req); };
  asio::co_spawn(io, job, asio::detached);
  io.run();
  return result;
}

}  // namespace latch::connectors
