#include "http/form.hpp"

#include <boost/url/encode.hpp>
#include <boost/url/pct_string_view.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include "core/utf8.hpp"

namespace latch::http {

std::optional<std::string> percent_decode(std::string_view text, bool plus_as_space) {
  auto escaped = boost::urls::make_pct_string_view(text);  // every '%' starts two hex digits
  if (!escaped) {
    return std::nullopt;
  }
  std::string out = escaped->decode(boost::urls::encoding_opts(plus_as_space));
  // Every decoded text may reach the database, which stores UTF-8 without NUL bytes only.
  if (out.find('\0') != std::string::npos || !is_utf8(out)) {
    return std::nullopt;
  }
  return out;
}

std::string percent_encode(std::string_view text) {
  return boost::urls::encode(text, boost::urls::unreserved_chars);
}

Result<Params> parse_form(std::string_view body) {
  Params params;
  while (!body.empty()) {
    std::size_t amp = body.find('&');
    std::string_view pair = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view{} : body.substr(amp + 1);
    if (pair.empty()) {
      continue;
    }
    std::size_t eq = pair.find('=');
    auto name = percent_decode(pair.substr(0, eq), true);
    auto value = percent_decode(eq == std::string_view::npos ? "" : pair.substr(eq + 1), true);
    if (!name || !value) {
      return make_error(Errc::InvalidRequest, "malformed form or query encoding");
    }
    params.add(std::move(*name), std::move(*value));
  }
  return params;
}

std::string encode_form(const Params& params) {
  std::string out;
  for (const auto& [name, value] : params.items()) {
    if (!out.empty()) {
      out.push_back('&');
    }
    out += percent_encode(name);
    out.push_back('=');
    out += percent_encode(value);
  }
  return out;
}

std::string with_query(std::string_view uri, const Params& params) {
  if (params.empty()) return std::string(uri);
  // RFC 3986 §3: the fragment starts at the first '#', the query at the first '?' before it.
  std::size_t hash = uri.find('#');
  std::string_view before = uri.substr(0, hash);
  std::string_view fragment = hash == std::string_view::npos ? "" : uri.substr(hash);
  std::string out(before);
  std::size_t question = before.find('?');
  if (question == std::string_view::npos) {
    out.push_back('?');
  } else if (question + 1 < before.size() && before.back() != '&') {
    out.push_back('&');
  }
  out += encode_form(params);
  out += fragment;
  return out;
}

}  // namespace latch::http
