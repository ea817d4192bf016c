#include "http/request_reader.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <string_view>

#include "http/framing.hpp"

namespace latch::http {
namespace {

constexpr std::size_t kReadChunk = 4096;

std::string_view text_of(const boost::beast::flat_buffer& buffer) {
  return {static_cast<const char*>(buffer.data().data()), buffer.size()};
}

}  // namespace

boost::asio::awaitable<HeaderRead> read_request_header(boost::beast::tcp_stream& stream,
                                                       boost::beast::flat_buffer& buffer,
                                                       RequestParser& parser) {
  constexpr auto kTuple = boost::asio::as_tuple(boost::asio::use_awaitable);
  // Beast consumes header lines as it parses them, so obs-fold is looked for first. `scanned`
  // counts the buffered bytes already looked at, so each byte is scanned about once.
  std::size_t scanned = 0;
  bool scanning = true;
  for (;;) {
    if (buffer.size() > 0) {
      if (scanning) {
        FoldScan scan = scan_for_obs_fold(text_of(buffer), scanned);
        if (scan == FoldScan::Folded) co_return HeaderRead{{}, true};
        scanning = scan == FoldScan::NeedMore;
        scanned = buffer.size();
      }
      boost::system::error_code ec;
      std::size_t used = parser.put(buffer.data(), ec);
      buffer.consume(used);
      scanned = scanned > used ? scanned - used : 0;
      if (!ec && parser.is_header_done()) co_return HeaderRead{};
      if (ec && ec != boost::beast::http::error::need_more) co_return HeaderRead{ec};
    }
    auto space = buffer.prepare(kReadChunk);
    auto [ec, n] = co_await stream.async_read_some(space, kTuple);
    if (ec) co_return HeaderRead{ec};
    buffer.commit(n);
  }
}

}  // namespace latch::http
