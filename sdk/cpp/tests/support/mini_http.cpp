#include "support/mini_http.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <cctype>
#include <stdexcept>

namespace latch::sdk_test {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

}  // namespace

std::string Response::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (beast::iequals(key, name)) {
      return value;
    }
  }
  return {};
}

Response send(unsigned short port, const Request& request, std::chrono::milliseconds timeout) {
  asio::io_context ctx;
  beast::tcp_stream stream(ctx);
  http::request<http::string_body> req{http::string_to_verb(request.method), request.target, 11};
  req.set(http::field::host, "127.0.0.1:" + std::to_string(port));
  for (const auto& [name, value] : request.headers) {
    req.set(name, value);
  }
  req.body() = request.body;
  req.prepare_payload();
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(16 * 1024 * 1024);
  beast::error_code error = asio::error::timed_out;
  bool done = false;
  stream.expires_after(timeout);
  asio::ip::tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), port);
  stream.async_connect(endpoint, [&](beast::error_code ec) {
    if (ec) {
      error = ec, done = true;
      return;
    }
    http::async_write(stream, req, [&](beast::error_code ec, std::size_t) {
      if (ec) {
        error = ec, done = true;
        return;
      }
      http::async_read(stream, buffer, parser,
                       [&](beast::error_code ec, std::size_t) { error = ec, done = true; });
    });
  });
  ctx.run_for(timeout + std::chrono::seconds(1));
  if (!done || error) {
    throw std::runtime_error(request.method + " " + request.target + ": " + error.message());
  }
  Response out{.status = parser.get().result_int()};
  for (const auto& field : parser.get().base()) {
    out.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  out.body = std::move(parser.get().body());
  return out;
}

std::string form_encode(const Headers& fields) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const auto& [name, value] : fields) {
    if (!out.empty()) {
      out += '&';
    }
    for (std::string_view part :
         {std::string_view(name), std::string_view("="), std::string_view(value)}) {
      if (part == "=") {
        out += '=';
        continue;
      }
      for (unsigned char c : part) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
          out += static_cast<char>(c);
        } else {
          out += '%';
          out += kHex[c >> 4];
          out += kHex[c & 0xF];
        }
      }
    }
  }
  return out;
}

std::string url_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out += ' ';
    } else if (text[i] == '%' && i + 2 < text.size()) {
      out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string query_param(std::string_view url, std::string_view name) {
  auto q = url.find('?');
  if (q == std::string_view::npos) {
    return {};
  }
  std::string_view query = url.substr(q + 1);
  query = query.substr(0, query.find('#'));
  while (!query.empty()) {
    std::string_view pair = query.substr(0, query.find('&'));
    query.remove_prefix(std::min(query.size(), pair.size() + 1));
    auto eq = pair.find('=');
    if (url_decode(pair.substr(0, eq)) == name) {
      return eq == std::string_view::npos ? "" : url_decode(pair.substr(eq + 1));
    }
  }
  return {};
}

}  // namespace latch::sdk_test
