#include "connectors/http/outbound.hpp"

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
#include <boost/url/parse.hpp>
#include <chrono>

#include "connectors/http/outbound_run.hpp"
#include "core/metrics.hpp"

namespace latch::connectors {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using asio::awaitable;
using asio::use_awaitable;
using Request = bhttp::request<bhttp::string_body>;

constexpr auto kTuple = asio::as_tuple(use_awaitable);

Error unavailable(std::string_view what, const std::string& host, const std::string& why) {
  return make_error(Errc::Unavailable, std::string(what) + " " + host, why);
}

template <class Stream>
awaitable<Result<OutboundResponse>> exchange(Stream& stream, Request& req, const std::string& host,
                                             std::size_t max_body) {
  auto [wec, w] = co_await bhttp::async_write(stream, req, kTuple);
  if (wec) co_return unavailable("cannot send a request to", host, wec.message());
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(max_body);
  parser.header_limit(64 * 1024);
  auto [rec, r] = co_await bhttp::async_read(stream, buffer, parser, kTuple);
  if (rec) co_return unavailable("no usable answer from", host, rec.message());
  auto& res = parser.get();
  co_return OutboundResponse{static_cast<int>(res.result_int()),
                             std::string(res[bhttp::field::content_type]), std::move(res.body())};
}

awaitable<Result<OutboundResponse>> run(boost::urls::url_view url, Request& req,
                                        const OutboundRequest& spec) {
  auto ex = co_await asio::this_coro::executor;
  bool https = url.scheme() == "https";
  std::string host(url.host());
  std::string port = url.has_port() ? std::string(url.port()) : (https ? "443" : "80");
  beast::tcp_stream tcp(ex);
  tcp.expires_after(spec.timeout);
  asio::ip::tcp::resolver resolver(ex);
  // The resolver has no deadline of its own: the stream's timer cancels it.
  asio::steady_timer deadline(ex, spec.timeout);
  deadline.async_wait([&resolver](boost::system::error_code ec) {
    if (!ec) resolver.cancel();
  });
  auto [rec, endpoints] = co_await resolver.async_resolve(host, port, kTuple);
  deadline.cancel();
  if (rec) co_return unavailable("cannot resolve", host, rec.message());
  auto [cec, ep] = co_await tcp.async_connect(endpoints, kTuple);
  if (cec) co_return unavailable("cannot connect to", host, cec.message());
  if (!https) co_return co_await exchange(tcp, req, host, spec.max_body);
  asio::ssl::context ctx(asio::ssl::context::tls_client);
  ctx.set_default_verify_paths();
  ctx.set_verify_mode(asio::ssl::verify_peer);
  asio::ssl::stream<beast::tcp_stream&> tls(tcp, ctx);
  SSL_set_tlsext_host_name(tls.native_handle(), host.c_str());
  tls.set_verify_callback(asio::ssl::host_name_verification(host));
  auto [hec] = co_await tls.async_handshake(asio::ssl::stream_base::client, kTuple);
  if (hec) co_return unavailable("TLS failed with", host, hec.message());
  co_return co_await exchange(tls, req, host, spec.max_body);
}

// `latch_outbound_requests_total{host, result}` and
// `latch_outbound_request_duration_seconds{host}`: calls to providers and receivers, by host (a
// bounded set: the configured connectors, hooks and apps), with the answer's status class or
// "error" when none came (docs/observability.md).
void count_outbound(const std::string& host, const Result<OutboundResponse>& result,
                    std::chrono::steady_clock::duration elapsed) {
  auto& registry = metrics::registry();
  registry
      .histogram("latch_outbound_request_duration_seconds",
                 "Time of an outbound HTTP call, from resolving the host to the last byte read.",
                 {{"host", host}})
      .observe(elapsed);
  std::string outcome = result ? std::to_string(result->status / 100) + "xx" : "error";
  registry
      .counter("latch_outbound_requests_total",
               "Outbound HTTP calls (providers, webhooks, logout tokens), by host and result.",
               {{"host", host}, {"result", outcome}})
      .add();
}

}  // namespace

Result<OutboundResponse> send_request(const OutboundRequest& spec) {
  auto url = boost::urls::parse_uri(spec.url);
  if (!url || (url->scheme() != "http" && url->scheme() != "https") || url->host().empty()) {
    return make_error(Errc::InvalidRequest, "not an http(s) URL: " + spec.url);
  }
  auto verb = bhttp::string_to_verb(spec.method);
  if (verb == bhttp::verb::unknown) {
    return make_error(Errc::InvalidRequest, "unknown HTTP method " + spec.method);
  }
  std::string target = url->encoded_target().empty() ? "/" : std::string(url->encoded_target());
  Request req{verb, target, 11};
  req.set(bhttp::field::host, url->encoded_host_and_port());
  req.set(bhttp::field::user_agent, "Latch");
  for (const auto& [name, value] : spec.headers) req.set(name, value);
  if (!spec.body.empty() || verb == bhttp::verb::post) req.body() = spec.body;
  req.prepare_payload();
  asio::io_context io;
  Result<OutboundResponse> result = make_error(Errc::Unavailable, "the request did not finish");
  boost::urls::url_view view = *url;
  auto job = [&]() -> awaitable<void> { result = co_await run(view, req, spec); };
  auto started = std::chrono::steady_clock::now();
  asio::co_spawn(io, job, asio::detached);
  run_outbound(io);
  count_outbound(std::string(url->host()), result, std::chrono::steady_clock::now() - started);
  return result;
}

}  // namespace latch::connectors
