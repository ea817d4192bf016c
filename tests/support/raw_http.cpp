#include "support/raw_http.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/system/system_error.hpp>

namespace latch::test {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;

struct RawExchange {
  beast::tcp_stream& stream;
  RawReply reply;
  char chunk[4096];

  void read_more() {
    stream.async_read_some(asio::buffer(chunk),
                           [this](boost::system::error_code ec, std::size_t n) {
                             reply.bytes.append(chunk, n);
                             if (!ec) return read_more();
                             reply.closed = ec != beast::error::timeout;
                           });
  }
};

}  // namespace

RawReply raw_exchange(std::string_view host, unsigned short port, std::string_view bytes,
                      std::chrono::milliseconds timeout, std::string_view from) {
  asio::io_context ctx;
  beast::tcp_stream stream(ctx);
  boost::system::error_code ec;
  if (!from.empty()) {
    auto source = asio::ip::make_address(from);
    stream.socket().open(source.is_v4() ? asio::ip::tcp::v4() : asio::ip::tcp::v6());
    stream.socket().bind({source, 0});
  }
  stream.expires_after(timeout);
  stream.async_connect({asio::ip::make_address(host), port},
                       [&](boost::system::error_code e) { ec = e; });
  ctx.run();
  if (ec) throw boost::system::system_error(ec, "connect");
  RawExchange exchange{stream, {}, {}};
  stream.expires_after(timeout);
  // Reading starts at once: the server may answer (and close) before it has read everything.
  exchange.read_more();
  asio::async_write(stream, asio::buffer(bytes), [](boost::system::error_code, std::size_t) {});
  ctx.restart();
  ctx.run();
  return exchange.reply;
}

std::optional<HttpResponse> parse_response(std::string_view raw) {
  if (raw.empty()) return std::nullopt;  // the parser would make up a 200 from nothing
  bhttp::response_parser<bhttp::string_body> parser;
  parser.eager(true);
  parser.body_limit(16 * 1024 * 1024);
  boost::system::error_code ec;
  while (!parser.is_done()) {
    std::size_t used = parser.put(asio::buffer(raw.data(), raw.size()), ec);
    raw.remove_prefix(used);
    if (ec == bhttp::error::need_more) {
      ec = {};
      if (used > 0) continue;
      parser.put_eof(ec);  // all bytes are in: a body without a length ends here
    }
    if (ec) return std::nullopt;
  }
  return to_test_response(parser.release());
}

}  // namespace latch::test
