#include "http/framing.hpp"

#include <string>
#include <vector>

namespace latch::http {
namespace {

namespace bhttp = boost::beast::http;

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

// The transfer codings of every Transfer-Encoding field, in order, lower-cased and without
// parameters; empty list elements are skipped (RFC 9110 §5.6.1).
std::vector<std::string> codings_of(const bhttp::request_header<>& header) {
  std::vector<std::string> codings;
  auto range = header.equal_range(bhttp::field::transfer_encoding);
  for (auto field = range.first; field != range.second; ++field) {
    std::string_view list = field->value();
    while (!list.empty()) {
      std::size_t comma = list.find(',');
      std::string_view item = trim(list.substr(0, comma));
      item = trim(item.substr(0, item.find(';')));
      if (!item.empty()) codings.push_back(lower(item));
      list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    }
  }
  return codings;
}

}  // namespace

std::optional<FramingError> check_framing(const bhttp::request_header<>& header) {
  if (header.find(bhttp::field::transfer_encoding) == header.end()) return std::nullopt;
  auto refuse = [](std::string_view message) {
    return FramingError{bhttp::status::bad_request, message};
  };
  if (header.find(bhttp::field::content_length) != header.end()) {
    return refuse("a request must not carry both Transfer-Encoding and Content-Length");
  }
  if (header.version() < 11) return refuse("Transfer-Encoding in an HTTP/1.0 request");
  std::vector<std::string> codings = codings_of(header);
  if (codings.empty() || codings.back() != "chunked") {
    return refuse("the final transfer coding must be chunked");
  }
  for (std::size_t i = 0; i + 1 < codings.size(); ++i) {
    if (codings[i] == "chunked") return refuse("chunked is applied more than once");
  }
  if (codings.size() > 1) {
    return FramingError{bhttp::status::not_implemented,
                        "transfer codings other than chunked are not supported"};
  }
  return std::nullopt;
}

FoldScan scan_for_obs_fold(std::string_view text, std::size_t from) {
  // A line that starts with a line break is the blank line: the header ended, a body may follow.
  auto blank_line_at = [&](std::size_t at) {
    return text.substr(at, 1) == "\n" || text.substr(at, 2) == "\r\n";
  };
  if (from == 0 && blank_line_at(0)) return FoldScan::HeaderEnded;
  // Two bytes back: a line break seen last time may have been waiting for what follows it.
  std::size_t start = from >= 2 ? from - 2 : 0;
  for (std::size_t i = text.find('\n', start); i != std::string_view::npos;
       i = text.find('\n', i + 1)) {
    if (i + 1 >= text.size() || (text[i + 1] == '\r' && i + 2 >= text.size())) {
      return FoldScan::NeedMore;
    }
    if (text[i + 1] == ' ' || text[i + 1] == '\t') return FoldScan::Folded;
    if (blank_line_at(i + 1)) return FoldScan::HeaderEnded;
  }
  return FoldScan::NeedMore;
}

}  // namespace latch::http
