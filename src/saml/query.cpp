#include "saml/query.hpp"

#include <boost/url/encode.hpp>
#include <boost/url/pct_string_view.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

namespace latch::saml::detail {

std::optional<std::vector<RawParam>> split_query(std::string_view raw_query) {
  std::vector<RawParam> params;
  while (!raw_query.empty()) {
    const auto amp = raw_query.find('&');
    const std::string_view pair = raw_query.substr(0, amp);
    raw_query = amp == std::string_view::npos ? std::string_view() : raw_query.substr(amp + 1);
    if (pair.empty()) {
      continue;
    }
    const auto eq = pair.find('=');
    RawParam param{pair.substr(0, eq),
                   eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1)};
    if (find_param(params, param.name)) {
      return std::nullopt;
    }
    params.push_back(param);
  }
  return params;
}

std::optional<std::string_view> find_param(const std::vector<RawParam>& params,
                                           std::string_view name) {
  for (const RawParam& param : params) {
    if (param.name == name) {
      return param.value;
    }
  }
  return std::nullopt;
}

std::optional<std::string> url_decode(std::string_view raw, bool plus_as_space) {
  const auto checked = boost::urls::make_pct_string_view(raw);
  if (!checked) {
    return std::nullopt;
  }
  boost::urls::encoding_opts options;
  options.space_as_plus = plus_as_space;
  return checked->decode(options);
}

std::string url_encode(std::string_view text) {
  return boost::urls::encode(text, boost::urls::unreserved_chars);
}

}  // namespace latch::saml::detail
